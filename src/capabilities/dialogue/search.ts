import type { Locale } from "../../kernel/i18n.js";
import type { AppContext, SearchDocument } from "../../platform/manifest.js";
import { findAgenciesByIds } from "../agencies/index.js";

/** Letters only Kazakh uses among the Cyrillic ones. */
const KAZAKH = /[әғқңөұүһі]/iu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** A question carries no language: Kazakh by its letters, else Russian in Cyrillic, else English. */
function languageOf(text: string): Locale {
  if (KAZAKH.test(text)) return "kk";
  return CYRILLIC.test(text) ? "ru" : "en";
}

/**
 * Every question to a head that a moderator published (waiting or answered), in the words it
 * was published with, and the head's answer.
 */
export async function dialogueSearchDocuments(ctx: AppContext): Promise<SearchDocument[]> {
  const db = ctx.db.kysely;
  const rows = await db
    .selectFrom("dialogue_questions")
    .select([
      "id",
      "agency_id",
      "published_subject",
      "published_body",
      "answer_body",
      "published_on",
      "asked_on",
    ])
    .where("status", "in", ["published", "answered"])
    .execute();
  const agencies = new Map(
    (
      await findAgenciesByIds(
        db,
        rows.map((r) => r.agency_id),
      )
    ).map((a) => [a.id, a]),
  );
  const docs: SearchDocument[] = [];
  for (const q of rows) {
    const agency = agencies.get(q.agency_id);
    if (!agency || !q.published_subject) continue;
    const language = languageOf(`${q.published_subject} ${q.published_body ?? ""}`);
    docs.push({
      kind: "question",
      id: q.id,
      agencyId: q.agency_id,
      title: { [language]: q.published_subject },
      text: { [language]: [q.published_body, q.answer_body].filter(Boolean).join("\n") },
      url: `/dialogue/${encodeURIComponent(agency.slug)}/questions/${encodeURIComponent(q.id)}`,
      date: q.published_on ?? q.asked_on,
      public: true,
    });
  }
  return docs;
}
