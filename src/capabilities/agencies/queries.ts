import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Locale } from "../../kernel/i18n.js";
import type { Agency, AgencyLevel, Category } from "./agency.js";
import { findAgenciesByIds, toAgency, toCategory } from "./agency.repository.js";

type Db = Kysely<Database>;

/** A body by id; with `{ active: true }`, only while it is active. */
export async function findAgency(
  db: Db,
  id: string,
  options: { active?: boolean } = {},
): Promise<Agency | undefined> {
  const [agency] = await findAgenciesByIds(db, [id]);
  return agency && (!options.active || agency.active) ? agency : undefined;
}

/** A territory (KATO code) people may live in, named after the akimat that governs it. */
export interface Territory {
  code: string;
  names: { kk: string; ru: string; en: string };
}

/**
 * The territories of the active akimats, by level and English name (Halyq has no address
 * register of its own yet, so the akimats' territories stand for it).
 */
export async function akimatTerritories(db: Db): Promise<Territory[]> {
  const rows = await db
    .selectFrom("agencies")
    .select(["territory_code", "name_kk", "name_ru", "name_en"])
    .where("kind", "=", "akimat")
    .where("territory_code", "is not", null)
    .where("active", "=", 1)
    .orderBy("level")
    .orderBy("name_en")
    .execute();
  return rows.map((r) => ({
    code: r.territory_code as string,
    names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
  }));
}

/** A category by id. */
export async function findCategory(db: Db, id: string): Promise<Category | undefined> {
  const row = await db.selectFrom("categories").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toCategory(row) : undefined;
}

/** The names of bodies, by id, in one query (for lists that show where each item went). */
export async function agencyNames(
  db: Db,
  ids: Iterable<string>,
): Promise<Map<string, Agency["names"]>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("agencies")
    .select(["id", "name_kk", "name_ru", "name_en"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, { kk: r.name_kk, ru: r.name_ru, en: r.name_en }]));
}

/**
 * The active bodies to choose from, named in `locale` and ordered by that name as the database
 * collates it.
 */
export async function agencyChoices(
  db: Db,
  locale: Locale,
): Promise<{ id: string; name: string }[]> {
  const name = `name_${locale}` as const;
  const rows = await db
    .selectFrom("agencies")
    .select(["id", name])
    .where("active", "=", 1)
    .orderBy(name)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r[name] }));
}

/** The level of each body named; without `ids`, of every body (statistics rebuilt in full). */
export async function agencyLevels(
  db: Db,
  ids?: Iterable<string>,
): Promise<Map<string, AgencyLevel>> {
  let q = db.selectFrom("agencies").select(["id", "level"]);
  if (ids) {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    q = q.where("id", "in", wanted);
  }
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, r.level as AgencyLevel]));
}

/** Every body at a level, active or not (figures per level count what they once held). */
export async function agencyIdsAtLevel(db: Db, level: string): Promise<string[]> {
  const rows = await db.selectFrom("agencies").select("id").where("level", "=", level).execute();
  return rows.map((r) => r.id);
}

/**
 * The akimat of a district, by the district's territory code, active or not: how a filing
 * names the district it was given.
 */
export async function districtAkimat(db: Db, territoryCode: string): Promise<Agency | undefined> {
  const row = await db
    .selectFrom("agencies")
    .selectAll()
    .where("territory_code", "=", territoryCode)
    .where("level", "=", "district")
    .where("kind", "=", "akimat")
    .executeTakeFirst();
  return row ? toAgency(row) : undefined;
}

/**
 * The bodies serving these territories (KATO codes), inactive ones included, by level and id:
 * a territory takes the name of the first body serving it.
 */
export async function agenciesOfTerritories(db: Db, codes: Iterable<string>): Promise<Agency[]> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom("agencies")
    .selectAll()
    .where("territory_code", "in", wanted)
    .orderBy("level")
    .orderBy("id")
    .execute();
  return rows.map(toAgency);
}

/** A category by its slug (the code an Open311 client names it by). */
export async function findCategoryBySlug(db: Db, slug: string): Promise<Category | undefined> {
  const row = await db
    .selectFrom("categories")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row ? toCategory(row) : undefined;
}
