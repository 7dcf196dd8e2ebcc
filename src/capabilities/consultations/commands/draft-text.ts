import { LOCALES, type Locale } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { PARAGRAPHS_MAX, splitParagraphs, TEXT_MAX } from "../consultation.js";

/** The full text of a version as entered: one field per language, blank lines between paragraphs. */
export type TextInput = Partial<Record<`text_${Locale}`, string>>;

/** One numbered paragraph with its text in each language given. */
export interface ParagraphInput {
  number: number;
  text_kk: string | null;
  text_ru: string | null;
  text_en: string | null;
}

/**
 * Splits the text of each language given into numbered paragraphs. At least one language is
 * needed, and every language given must have the same number of paragraphs, so that a comment
 * on paragraph 3 means the same paragraph whichever language the reader reads.
 */
export function parseDraftText(
  input: TextInput,
): { ok: true; paragraphs: ParagraphInput[] } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const split = new Map<Locale, string[]>();
  for (const l of LOCALES) {
    const raw = input[`text_${l}`] ?? "";
    if (raw.length > TEXT_MAX) {
      issues.push({ field: `text_${l}`, key: "consultations.errors.text_too_long" });
      continue;
    }
    const parts = splitParagraphs(raw);
    if (parts.length > PARAGRAPHS_MAX) {
      issues.push({
        field: `text_${l}`,
        key: "consultations.errors.too_many_paragraphs",
        params: { max: PARAGRAPHS_MAX },
      });
      continue;
    }
    if (parts.length > 0) split.set(l, parts);
  }
  if (issues.length > 0) return { ok: false, issues };
  if (split.size === 0) {
    return { ok: false, issues: [{ field: "text_kk", key: "consultations.errors.text_required" }] };
  }
  const counts = [...split.values()].map((p) => p.length);
  const count = counts[0] as number;
  if (counts.some((c) => c !== count)) {
    const [first] = split.keys();
    for (const [l, parts] of split) {
      if (l === first) continue;
      if (parts.length !== count) {
        issues.push({
          field: `text_${l}`,
          key: "consultations.errors.paragraph_counts",
          params: { n: parts.length, expected: count },
        });
      }
    }
    return { ok: false, issues };
  }
  return {
    ok: true,
    paragraphs: Array.from({ length: count }, (_, i) => ({
      number: i + 1,
      text_kk: split.get("kk")?.[i] ?? null,
      text_ru: split.get("ru")?.[i] ?? null,
      text_en: split.get("en")?.[i] ?? null,
    })),
  };
}
