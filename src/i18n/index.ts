/** UI strings by language; `zh-CN.json` is the reference set and every language has the same keys. */
import en from "./en.json" with { type: "json" };
import zhCN from "./zh-CN.json" with { type: "json" };
import type { UiLanguage } from "../config.ts";

export type Strings = typeof zhCN;
export type StringKey = keyof Strings;

const languages: Record<UiLanguage, Strings> = { "zh-CN": zhCN, en };

export function stringsFor(lang: UiLanguage): Strings {
  return languages[lang];
}
