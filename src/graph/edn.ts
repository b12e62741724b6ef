/**
 * A tiny EDN reader: enough of the format to read Logseq's `logseq/config.edn` (maps, vectors, lists, sets,
 * keywords, strings, numbers, booleans, `nil`, `;` comments, `#_` discards). Keywords stay strings with their
 * leading `:` (`:file/name-format`), maps become plain objects keyed the same way. Tagged literals other than
 * sets (`#inst`, regexes) read as their value. Never throws: an unreadable file reads as `undefined`.
 */

export type EdnValue = string | number | boolean | null | EdnValue[] | { [key: string]: EdnValue };

/** Parse `source`; `undefined` when it is not EDN this reader understands. */
export function readEdn(source: string): EdnValue | undefined {
  const reader = new Reader(source);
  try {
    const value = reader.value();
    return value === end ? undefined : value;
  } catch {
    return undefined;
  }
}

const end = Symbol("end");
const closing = Symbol("closing");

class Reader {
  #at = 0;
  constructor(readonly source: string) {}

  value(): EdnValue | typeof end {
    const value = this.#next();
    if (value === closing) throw new Error(`unexpected closing bracket at ${this.#at}`);
    return value;
  }

  #skip() {
    const s = this.source;
    while (this.#at < s.length) {
      const c = s[this.#at] as string;
      if (c === ";") while (this.#at < s.length && s[this.#at] !== "\n") this.#at++;
      else if (/[\s,]/.test(c)) this.#at++;
      else break;
    }
  }

  #next(): EdnValue | typeof end | typeof closing {
    this.#skip();
    const s = this.source;
    if (this.#at >= s.length) return end;
    const c = s[this.#at] as string;
    if (c === "}" || c === "]" || c === ")") {
      this.#at++;
      return closing;
    }
    if (c === "{") return this.#map();
    if (c === "[" || c === "(") {
      this.#at++;
      return this.#items();
    }
    if (c === "#") {
      const next = s[this.#at + 1];
      if (next === "{") {
        this.#at += 2;
        return this.#items();
      }
      if (next === "_") {
        this.#at += 2;
        this.value();
        return this.#next();
      }
      if (next === '"') {
        this.#at++;
        return this.#string();
      }
      this.#atom(); // a tag such as #inst: the value follows
      return this.#next();
    }
    if (c === '"') return this.#string();
    return this.#atomValue(this.#atom());
  }

  #items(): EdnValue[] {
    const items: EdnValue[] = [];
    for (;;) {
      const item = this.#next();
      if (item === closing) return items;
      if (item === end) throw new Error("unterminated collection");
      items.push(item);
    }
  }

  #map(): { [key: string]: EdnValue } {
    this.#at++;
    const items = this.#items();
    const map: { [key: string]: EdnValue } = {};
    for (let i = 0; i + 1 < items.length; i += 2) map[String(items[i])] = items[i + 1] as EdnValue;
    return map;
  }

  #string(): string {
    const s = this.source;
    let out = "";
    for (this.#at++; this.#at < s.length; this.#at++) {
      const c = s[this.#at] as string;
      if (c === '"') {
        this.#at++;
        return out;
      }
      if (c === "\\") {
        const e = s[++this.#at] as string;
        out += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e;
      } else out += c;
    }
    throw new Error("unterminated string");
  }

  #atom(): string {
    const start = this.#at;
    while (this.#at < this.source.length && !/[\s,{}[\]()";]/.test(this.source[this.#at] as string)) this.#at++;
    return this.source.slice(start, this.#at);
  }

  #atomValue(atom: string): EdnValue {
    if (atom === "nil") return null;
    if (atom === "true") return true;
    if (atom === "false") return false;
    if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?M?N?$/.test(atom)) return Number(atom.replace(/[MN]$/, ""));
    return atom;
  }
}
