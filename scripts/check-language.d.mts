export type Locale = "kk" | "ru" | "en";

/** One message as the check reads it. */
export interface Entry {
  file: string;
  locale: Locale;
  key: string;
  text: string;
}

export type Rule =
  | "glossary"
  | "kk-suffix"
  | "kk-date-case"
  | "ru-count"
  | "iso-date"
  | "raw-id"
  | "placeholders";

export interface Violation extends Entry {
  rule: Rule;
  detail: string;
}

export interface Forbidden {
  lang: Locale | "*";
  pattern: string;
  why: string;
  keys?: string;
  exceptKeys?: string;
}

export interface Required {
  key: string;
  lang: Locale;
  text: string;
}

export interface Term {
  id: string;
  group: "kind" | "state" | "action" | "body" | "role" | "product" | "time";
  kk: string;
  ru: string;
  en: string;
  source: string;
  note: string;
  required?: Required[];
  forbidden?: Forbidden[];
}

export interface Glossary {
  about: string;
  terms: Term[];
}

export const LOCALES: readonly Locale[];
export function catalogueFiles(root: string): { file: string; locale: Locale }[];
export function readCatalogues(root: string): Entry[];
export function readGlossary(root: string): Glossary;
export function compilePattern(source: string): RegExp;
export function isPhrasePlaceholder(name: string): boolean;
export function isDatePlaceholder(name: string): boolean;
export function isCountPlaceholder(name: string): boolean;
export function placeholders(text: string): string[];
export function checkGlossary(entries: readonly Entry[], glossary: Glossary): Violation[];
export function checkKazakh(entry: Entry): Violation[];
export function checkRussian(entry: Entry): Violation[];
export function checkIsoDate(entry: Entry): Violation[];
export function checkRawIdentifier(entry: Entry): Violation[];
export function checkPlaceholders(entries: readonly Entry[]): Violation[];
export function checkAll(entries: readonly Entry[], glossary: Glossary): Violation[];
export function format(violation: Violation): string;
export function glossaryTable(glossary: Glossary): string;
export function withGlossaryTable(markdown: string, glossary: Glossary): string;
