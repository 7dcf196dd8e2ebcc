import type { AppContext, SearchDocument } from "../../platform/manifest.js";

/**
 * Every draft act published for public discussion (its current version: open, closed or
 * reported, as the public list shows them): title, summary and paragraphs in each language.
 */
export async function consultationSearchDocuments(ctx: AppContext): Promise<SearchDocument[]> {
  const db = ctx.db.kysely;
  const rows = await db
    .selectFrom("consultations as c")
    .innerJoin("consultation_versions as v", (j) =>
      j.onRef("v.consultation_id", "=", "c.id").onRef("v.number", "=", "c.current_version"),
    )
    .select([
      "c.id",
      "c.agency_id",
      "c.title_kk",
      "c.title_ru",
      "c.title_en",
      "c.summary_kk",
      "c.summary_ru",
      "c.summary_en",
      "v.id as version_id",
      "v.opens_on",
    ])
    .execute();
  if (rows.length === 0) return [];
  const paragraphs = await db
    .selectFrom("consultation_paragraphs")
    .select(["version_id", "number", "text_kk", "text_ru", "text_en"])
    .where(
      "version_id",
      "in",
      rows.map((r) => r.version_id),
    )
    .orderBy("version_id")
    .orderBy("number")
    .execute();
  const byVersion = new Map<string, typeof paragraphs>();
  for (const p of paragraphs) {
    const list = byVersion.get(p.version_id) ?? [];
    list.push(p);
    byVersion.set(p.version_id, list);
  }
  return rows.map((c) => {
    const paras = byVersion.get(c.version_id) ?? [];
    const join = (summary: string, texts: (string | null)[]) =>
      [summary, ...texts].filter((s): s is string => Boolean(s)).join("\n");
    return {
      kind: "draft",
      id: c.id,
      agencyId: c.agency_id,
      title: { kk: c.title_kk, ru: c.title_ru, en: c.title_en },
      text: {
        kk: join(
          c.summary_kk,
          paras.map((p) => p.text_kk),
        ),
        ru: join(
          c.summary_ru,
          paras.map((p) => p.text_ru),
        ),
        en: join(
          c.summary_en,
          paras.map((p) => p.text_en),
        ),
      },
      url: `/consultations/${encodeURIComponent(c.id)}`,
      date: c.opens_on,
      public: true,
    };
  });
}
