/**
 * The home filter's matching key: case, full-width forms (ＲＥＤＩＳ), white space and the `？` marker folded away,
 * so `redis 集群` finds `？Redis集群` (shared by the build's tests and the browser script).
 */
export function filterKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s?？]+/g, "");
}

/** Whether `key` holds every character of `query` in order (both folded): `rds群` finds `redis集群`. */
export function inOrder(key: string, query: string): boolean {
  let at = 0;
  for (const char of query) {
    at = key.indexOf(char, at);
    if (at < 0) return false;
    at += char.length;
  }
  return true;
}
