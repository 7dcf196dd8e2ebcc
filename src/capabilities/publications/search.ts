import type { Locale } from "../../kernel/i18n.js";
import type { AppContext, SearchDocument } from "../../platform/manifest.js";
import { findAgenciesByIds } from "../agencies/index.js";
import { plainText } from "./markup.js";

/** Each text is offered up to this length (the search cuts there too). */
const MAX_TEXT = 20_000;

/**
 * Every live publication (news and official information, approved and not withdrawn) in the
 * languages it is written in, its markup reduced to plain text.
 */
export async function publicationSearchDocuments(ctx: AppContext): Promise<SearchDocument[]> {
  const db = ctx.db.kysely;
  const rows = await db
    .selectFrom("publications")
    .select([
      "id",
      "agency_id",
      "kind",
      "section",
      "title_kk",
      "title_ru",
      "title_en",
      "body_kk",
      "body_ru",
      "body_en",
      "published_at",
      "updated_at",
    ])
    .where("published_at", "is not", null)
    .where("unpublished_at", "is", null)
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
  for (const p of rows) {
    const agency = agencies.get(p.agency_id);
    if (!agency) continue;
    const slug = encodeURIComponent(agency.slug);
    const url =
      p.kind === "news"
        ? `/agencies/${slug}/news/${encodeURIComponent(p.id)}`
        : `/agencies/${slug}/information/${encodeURIComponent(p.section ?? "")}`;
    if (p.kind !== "news" && !p.section) continue;
    const title: Partial<Record<Locale, string>> = {};
    const text: Partial<Record<Locale, string>> = {};
    for (const l of ["kk", "ru", "en"] as const) {
      const t = p[`title_${l}`];
      if (!t) continue;
      title[l] = t;
      text[l] = plainText(p[`body_${l}`] ?? "", MAX_TEXT);
    }
    docs.push({
      kind: "publication",
      id: p.id,
      agencyId: p.agency_id,
      title,
      text,
      url,
      date: p.updated_at ?? p.published_at ?? "",
      public: true,
    });
  }
  return docs;
}
