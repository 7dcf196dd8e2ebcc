import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import {
  agenciesOfTerritories,
  findAgenciesByIds,
  listAgencies,
  listCategories,
} from "../agencies/index.js";

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
  const [agencies, categories] = await Promise.all([
    only
      ? Promise.all([
          findAgenciesByIds(db, [...new Set(only.agencyIds)]),
          agenciesOfTerritories(db, only.districtCodes),
        ]).then(([named, serving]) => [...named, ...serving])
      : listAgencies(db, { includeInactive: true }),
    listCategories(db),
  ]);
  const bodies = new Map<string, BodyInfo>();
  const territories = new Set<string>();
  for (const a of agencies) {
    bodies.set(a.id, {
      id: a.id,
      slug: a.slug,
      level: a.level,
      jurisdiction: a.jurisdiction,
      territoryCode: a.territoryCode,
      names: a.names,
    });
    if (a.territoryCode) territories.add(a.territoryCode);
  }
  return {
    bodies,
    categories: new Map(categories.map((c) => [c.id, { slug: c.slug, names: c.names }])),
    territories,
  };
}
