import type { Locale } from "../../kernel/i18n.js";
import type { FieldIssue } from "../../kernel/result.js";
import type { PublicationsTable } from "./publications.table.js";

export type PublicationRow = PublicationsTable;

/** News is dated; information pages are a body's standing official sections. */
export const PUBLICATION_KINDS = ["news", "information"] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/**
 * The working copy's step. `approved`: the working copy is what the public sees (nothing
 * pending). Whether the public copy is shown at all is separate: it is live once approved
 * and until unpublished.
 */
export const PUBLICATION_STATES = ["draft", "submitted", "returned", "approved"] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];
export type PublicationStep = "edit" | "submit" | "approve" | "return";

/** The one transition table: which steps leave which states, and where they lead. */
const TRANSITIONS: Record<
  PublicationStep,
  { from: readonly PublicationState[]; to: PublicationState }
> = {
  edit: { from: ["draft", "returned", "approved"], to: "draft" },
  submit: { from: ["draft", "returned"], to: "submitted" },
  approve: { from: ["submitted"], to: "approved" },
  return: { from: ["submitted"], to: "returned" },
};

/** The state `step` leads to from `from`, or null when the step is not allowed there. */
export function nextState(from: string, step: PublicationStep): PublicationState | null {
  const t = TRANSITIONS[step];
  return (t.from as readonly string[]).includes(from) ? t.to : null;
}

/** True while the public copy is shown. */
export function isLive(p: Pick<PublicationRow, "published_at" | "unpublished_at">): boolean {
  return p.published_at !== null && p.unpublished_at === null;
}

/** Texts in the three languages; a reader sees their own, or is told which exist. */
export type Texts = { kk: string | null; ru: string | null; en: string | null };
export const LANGS = ["kk", "ru", "en"] as const;

export function publicTitles(p: PublicationRow): Texts {
  return { kk: p.title_kk, ru: p.title_ru, en: p.title_en };
}
export function publicBodies(p: PublicationRow): Texts {
  return { kk: p.body_kk, ru: p.body_ru, en: p.body_en };
}
export function draftTitles(p: PublicationRow): Texts {
  return { kk: p.draft_title_kk, ru: p.draft_title_ru, en: p.draft_title_en };
}
export function draftBodies(p: PublicationRow): Texts {
  return { kk: p.draft_body_kk, ru: p.draft_body_ru, en: p.draft_body_en };
}

/** The languages a publication's public copy exists in. */
export function languagesOf(texts: Texts): Locale[] {
  return LANGS.filter((l) => !!texts[l]);
}

/** The text in `locale`, else the first given, with its language (for a `lang` attribute). */
export function pick(texts: Texts, locale: Locale): { text: string; lang: Locale } {
  const own = texts[locale];
  if (own) return { text: own, lang: locale };
  for (const l of LANGS) {
    const v = texts[l];
    if (v) return { text: v, lang: l };
  }
  return { text: "", lang: locale };
}

export const LIMITS = { title: 200, body: 20000, reason: 2000 };

/** What staff write: a title and body in each language they publish in. */
export interface DraftInput {
  title: Texts;
  body: Texts;
}

/**
 * Problems with a draft that need no database: at least one language, and in each language
 * used both a title and a body, within their lengths.
 */
export function checkDraft(input: DraftInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let used = 0;
  for (const l of LANGS) {
    const title = input.title[l] ?? "";
    const body = input.body[l] ?? "";
    if (title || body) used++;
    if (body && !title) issues.push({ field: `title-${l}`, key: "publications.validation.title" });
    if (title && !body) issues.push({ field: `body-${l}`, key: "publications.validation.body" });
    if (title.length > LIMITS.title)
      issues.push({
        field: `title-${l}`,
        key: "publications.validation.too_long",
        params: { max: LIMITS.title },
      });
    if (body.length > LIMITS.body)
      issues.push({
        field: `body-${l}`,
        key: "publications.validation.too_long",
        params: { max: LIMITS.body },
      });
  }
  if (used === 0) issues.push({ field: "title-kk", key: "publications.validation.language" });
  return issues;
}

/** The calendar day `months` months before `day` (`YYYY-MM-DD`), clamped to the month's end. */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, month, Math.min(d, last)));
  return date.toISOString().slice(0, 10);
}

/**
 * The instant before which an information page counts as out of date at `now`: the same
 * moment `months` calendar months earlier.
 */
export function staleBefore(now: Date, months: number): string {
  const iso = now.toISOString();
  return `${monthsBefore(iso.slice(0, 10), months)}${iso.slice(10)}`;
}

/** Fresh, stale (published but older than the limit) or missing (nothing public). */
export type Freshness = "fresh" | "stale" | "missing";

export function freshnessOf(
  p: Pick<PublicationRow, "published_at" | "unpublished_at" | "updated_at"> | undefined,
  cutoff: string,
): Freshness {
  if (!p || !isLive(p) || !p.updated_at) return "missing";
  return p.updated_at >= cutoff ? "fresh" : "stale";
}

/** A publication id as Halyq makes them; anything else is a 404 without a query. */
export const PUBLICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
