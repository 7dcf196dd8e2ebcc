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

/**
 * Bodies and categories by id. With `only`, just the bodies named and those of the districts
 * named (a page of Open311 requests needs a few, not every body of the country).
 */
export async function loadLookups(
  db: Kysely<Database>,
  only?: { agencyIds: string[]; districtCodes: string[] },
): Promise<Lookups> {
  let agencyQuery = db.selectFrom("agencies");
  const ids = [...new Set(only?.agencyIds ?? [])];
  const codes = [...new Set(only?.districtCodes ?? [])];
  if (only) {
    agencyQuery = agencyQuery.where((eb) =>
      eb.or([
        eb("id", "in", ids.length > 0 ? ids : [""]),
        ...(codes.length > 0 ? [eb("territory_code", "in", codes)] : []),
      ]),
    );
  }
  const [agencies, categories] = await Promise.all([
    agencyQuery
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
