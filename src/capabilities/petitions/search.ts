import type { Locale } from "../../kernel/i18n.js";
import type { AppContext, SearchDocument } from "../../platform/manifest.js";
import { PUBLIC_STATUSES } from "./petition.js";

const LOCALES: readonly string[] = ["kk", "ru", "en"];

/**
 * Every published petition for the site-wide search (the statuses anyone may see): its title,
 * summary, proposal and the body's published draft decision and decision, in its language.
 * Drafts, petitions gathering co-initiators, awaiting admission or refused are never offered.
 */
export async function petitionSearchDocuments(ctx: AppContext): Promise<SearchDocument[]> {
  const rows = await ctx.db.kysely
    .selectFrom("petitions")
    .select([
      "id",
      "number",
      "agency_id",
      "status",
      "language",
      "title",
      "summary",
      "proposal",
      "draft_decision",
      "draft_decision_published_at",
      "decision",
      "decision_published_at",
      "published_at",
    ])
    .where("status", "in", [...PUBLIC_STATUSES])
    .where("published_at", "is not", null)
    .execute();
  return rows.map((p) => {
    const language = (LOCALES.includes(p.language) ? p.language : "ru") as Locale;
    const text = [
      p.summary,
      p.proposal,
      p.draft_decision_published_at ? p.draft_decision : null,
      p.decision_published_at ? p.decision : null,
      p.number,
    ]
      .filter((s): s is string => Boolean(s))
      .join("\n");
    return {
      kind: "petition",
      id: p.id,
      agencyId: p.agency_id,
      title: { [language]: p.title },
      text: { [language]: text },
      url: `/petitions/${encodeURIComponent(p.number)}`,
      date: p.published_at ?? "",
      public: true,
    };
  });
}
