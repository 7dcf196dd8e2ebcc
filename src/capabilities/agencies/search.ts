import type { AppContext, SearchDocument } from "../../platform/manifest.js";

/** Every active body for the site-wide search: its names and address in three languages. */
export async function agencySearchDocuments(ctx: AppContext): Promise<SearchDocument[]> {
  const rows = await ctx.db.kysely
    .selectFrom("agencies")
    .select([
      "id",
      "slug",
      "name_kk",
      "name_ru",
      "name_en",
      "address_kk",
      "address_ru",
      "address_en",
      "updated_at",
    ])
    .where("active", "=", 1)
    .execute();
  return rows.map((a) => ({
    kind: "body",
    id: a.id,
    agencyId: a.id,
    title: { kk: a.name_kk, ru: a.name_ru, en: a.name_en },
    text: { kk: a.address_kk ?? "", ru: a.address_ru ?? "", en: a.address_en ?? "" },
    url: `/agencies/${encodeURIComponent(a.slug)}`,
    date: a.updated_at,
    public: true,
  }));
}
