import type { Locale } from "../../kernel/i18n.js";
import type { AppContext, SearchDocument } from "../../platform/manifest.js";

const LOCALES: readonly string[] = ["kk", "ru", "en"];
const asLocale = (l: string | null, fallback: Locale): Locale =>
  l && LOCALES.includes(l) ? (l as Locale) : fallback;

/**
 * The appeals their authors made public, as the public register shows them (one that joined
 * another is not): subject, text and the answer once given. The search redacts every text
 * through the platform's redaction, as the register does.
 */
export async function appealSearchDocuments(ctx: AppContext): Promise<SearchDocument[]> {
  const rows = await ctx.db.kysely
    .selectFrom("appeals")
    .select([
      "id",
      "number",
      "agency_id",
      "status",
      "language",
      "subject",
      "body",
      "answer_text",
      "answer_language",
      "received_at",
    ])
    .where("public", "=", 1)
    .where("status", "!=", "attached")
    .execute();
  return rows.map((a) => {
    const language = asLocale(a.language, "ru");
    const text: Partial<Record<Locale, string>> = { [language]: `${a.body}\n${a.number}` };
    if (a.status === "answered" && a.answer_text) {
      const answer = asLocale(a.answer_language, language);
      text[answer] = [text[answer], a.answer_text].filter(Boolean).join("\n");
    }
    return {
      kind: "appeal",
      id: a.id,
      agencyId: a.agency_id,
      title: { [language]: a.subject },
      text,
      url: `/appeals/public/${encodeURIComponent(a.number)}`,
      date: a.received_at,
      public: true,
    };
  });
}
