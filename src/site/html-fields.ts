/**
 * What a page's fields take from its HTML: a description, whether it shows a diagram or math, whether it opens
 * with its own title. Each reads the HTML, so `wenda dev` remembers them (`HtmlFieldsMemo`) for HTML it has seen:
 * the composer hands back the same string while a note is not rendered again.
 */
import { hasDiagram } from "../render/handlers/code.ts";
import { showsMath } from "../render/handlers/math.ts";
import { describe } from "./describe.ts";
import { opensWithTitle } from "./navigation.ts";

export interface NoteHtmlFields {
  html: string;
  diagram?: true;
  math?: boolean;
  /** The content opens with an `<h1>` saying the title: the page shows no second one. */
  titleInContent?: boolean;
  description?: string;
}

/** What a question page shows of its own content and its answers. */
export interface QuestionHtml {
  ownHtml?: string;
  answers: readonly { html: string }[];
}

export type QuestionHtmlFacts = Pick<NoteHtmlFields, "diagram" | "math" | "description">;

/** A note page's HTML and what follows from it. */
export function noteHtmlFields(html: string, title: string): NoteHtmlFields {
  const fields: NoteHtmlFields = { html };
  const description = describe(html);
  if (description) fields.description = description;
  if (hasDiagram(html)) fields.diagram = true;
  if (showsMath(html)) fields.math = true;
  if (opensWithTitle(html, title)) fields.titleInContent = true;
  return fields;
}

/** What follows from a question page's HTML: a description (its own text, else its first answer's), a diagram, math. */
export function questionHtmlFacts({ ownHtml, answers }: QuestionHtml): QuestionHtmlFacts {
  const facts: QuestionHtmlFacts = {};
  const description = describe(ownHtml ?? answers[0]?.html ?? "");
  if (description) facts.description = description;
  if ((ownHtml && hasDiagram(ownHtml)) || answers.some((answer) => hasDiagram(answer.html))) facts.diagram = true;
  if (showsMath(ownHtml, ...answers.map((answer) => answer.html))) facts.math = true;
  return facts;
}

/** The fields above by page id, with the HTML (and title) they were read from; read again when either changed. */
export class HtmlFieldsMemo {
  readonly #notes = new Map<string, { title: string; fields: NoteHtmlFields }>();
  readonly #questions = new Map<string, { html: (string | undefined)[]; facts: QuestionHtmlFacts }>();

  note(id: string, html: string, title: string): NoteHtmlFields {
    const seen = this.#notes.get(id);
    if (seen && seen.title === title && seen.fields.html === html) return seen.fields;
    const fields = noteHtmlFields(html, title);
    this.#notes.set(id, { title, fields });
    return fields;
  }

  question(id: string, content: QuestionHtml): QuestionHtmlFacts {
    const html = [content.ownHtml, ...content.answers.map((answer) => answer.html)];
    const seen = this.#questions.get(id);
    if (seen && seen.html.length === html.length && seen.html.every((part, i) => part === html[i])) return seen.facts;
    const facts = questionHtmlFacts(content);
    this.#questions.set(id, { html, facts });
    return facts;
  }
}
