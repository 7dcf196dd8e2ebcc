import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export interface BodyInfo {
  id: string;
  slug: string;
  level: string;
  jurisdiction: string;
  territoryCode: string | null;
  names: { kk: string; ru: string; en: string };
}

/** What every export needs to name bodies and categories, read once per export (both are small). */
export interface Lookups {
  bodies: Map<string, BodyInfo>;
  categories: Map<string, { slug: string; names: { kk: string; ru: string; en: string } }>;
  /** Territory codes of bodies: the districts Halyq knows (a code finer than these is never published). */
  territories: Set<string>;
}

export async function loadLookups(db: Kysely<Database>): Promise<Lookups> {
  const [agencies, categories] = await Promise.all([
    db
      .selectFrom("agencies")
      .select([
        "id",
        "slug",
        "level",
        "jurisdiction",
        "territory_code",
        "name_kk",
        "name_ru",
        "name_en",
      ])
      .execute(),
    db.selectFrom("categories").select(["id", "slug", "name_kk", "name_ru", "name_en"]).execute(),
  ]);
  const bodies = new Map<string, BodyInfo>();
  const territories = new Set<string>();
  for (const a of agencies) {
    bodies.set(a.id, {
      id: a.id,
      slug: a.slug,
      level: a.level,
      jurisdiction: a.jurisdiction,
      territoryCode: a.territory_code,
      names: { kk: a.name_kk, ru: a.name_ru, en: a.name_en },
    });
    if (a.territory_code) territories.add(a.territory_code);
  }
  return {
    bodies,
    categories: new Map(
      categories.map((c) => [
        c.id,
        { slug: c.slug, names: { kk: c.name_kk, ru: c.name_ru, en: c.name_en } },
      ]),
    ),
    territories,
  };
}
