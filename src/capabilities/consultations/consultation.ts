import type { Locale } from "../../kernel/i18n.js";
import { LOCALES } from "../../kernel/i18n.js";

/** Kinds of draft act; each has its own discussion window in the jurisdiction's profile. */
export const DRAFT_TYPES = [
  "law",
  "regulation",
  "service_standard",
  "akimat_resolution",
  "maslikhat_decision",
] as const;
export type DraftType = (typeof DRAFT_TYPES)[number];

/**
 * Where a discussion stands. Derived from the current version's window and report, never
 * stored, so it cannot go stale when a window closes overnight.
 */
export const CONSULTATION_STATUSES = ["open", "closed", "reported"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** The body's answer to a comment. */
export const ANSWERS = ["accepted", "partly_accepted", "rejected"] as const;
export type Answer = (typeof ANSWERS)[number];

/** Why a moderator may hide a comment: the closed list published on the rules page. */
export const HIDE_REASONS = [
  "offensive",
  "personal_data",
  "off_topic",
  "advertising",
  "unlawful",
  "duplicate",
] as const;
export type HideReason = (typeof HIDE_REASONS)[number];

export const COMMENT_MAX = 5000;
export const REASON_MAX = 3000;
export const TITLE_MAX = 300;
export const SUMMARY_MAX = 3000;
export const TEXT_MAX = 200_000;
export const PARAGRAPHS_MAX = 500;

/** The window and report of the version being discussed, as the status needs them. */
export interface WindowFacts {
  closes_on: string;
  report_published_at: string | null;
}

/** Open until the end of its last day (in the body's zone); then closed until the report. */
export function consultationStatus(v: WindowFacts, today: string): ConsultationStatus {
  if (v.report_published_at !== null) return "reported";
  return today <= v.closes_on ? "open" : "closed";
}

/** Text entered as paragraphs separated by blank lines, each trimmed; line breaks inside kept. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** A paragraph's text in the reader's language, else in the first language it was given in. */
export function inLanguage(
  row: { text_kk: string | null; text_ru: string | null; text_en: string | null },
  locale: Locale,
): { text: string; lang: Locale } {
  const own = row[`text_${locale}`];
  if (own) return { text: own, lang: locale };
  for (const l of LOCALES) {
    const t = row[`text_${l}`];
    if (t) return { text: t, lang: l };
  }
  return { text: "", lang: locale };
}

/** How a commenter is shown in public: first name and the initial of the surname only. */
export function publicName(givenName: string, surname: string): string {
  const initial = surname.trim().slice(0, 1);
  return initial ? `${givenName.trim()} ${initial}.` : givenName.trim();
}
