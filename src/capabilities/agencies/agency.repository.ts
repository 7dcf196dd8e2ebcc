import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Agency, AgencyKind, AgencyLevel, Category, CategoryScope } from "./agency.js";
import type { AgenciesTable, CategoriesTable } from "./agency.table.js";
import { allocateAgencyCode } from "./agency-code.js";

type Db = Kysely<Database>;

/** A text in the three languages, or null unless all three are given. */
function names(kk: string | null, ru: string | null, en: string | null) {
  return kk && ru && en ? { kk, ru, en } : null;
}

export function toAgency(r: Selectable<AgenciesTable>): Agency {
  return {
    id: r.id,
    slug: r.slug,
    code: r.code ?? r.slug.slice(0, 4).toUpperCase(),
    parentId: r.parent_id,
    higherBodyId: r.higher_body_id,
    kind: r.kind as AgencyKind,
    level: r.level as AgencyLevel,
    jurisdiction: r.jurisdiction,
    territoryCode: r.territory_code,
    names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
    address:
      r.address_kk && r.address_ru && r.address_en
        ? { kk: r.address_kk, ru: r.address_ru, en: r.address_en }
        : null,
    phone: r.phone,
    email: r.email,
    website: r.website,
    hours: names(r.hours_kk, r.hours_ru, r.hours_en),
    head: names(r.head_kk, r.head_ru, r.head_en),
    active: Number(r.active) === 1,
  };
}

export function toCategory(r: Selectable<CategoriesTable>): Category {
  return {
    id: r.id,
    slug: r.slug,
    scope: r.scope as CategoryScope,
    names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
    position: Number(r.position),
  };
}

export interface AgencyFilter {
  kind?: AgencyKind;
  parentId?: string;
  includeInactive?: boolean;
  /** By slug, unless a list is kept in the order of ids. */
  orderBy?: "slug" | "id";
}

export async function listAgencies(db: Db, filter: AgencyFilter = {}): Promise<Agency[]> {
  let q = db.selectFrom("agencies").selectAll();
  if (!filter.includeInactive) q = q.where("active", "=", 1);
  if (filter.kind) q = q.where("kind", "=", filter.kind);
  if (filter.parentId) q = q.where("parent_id", "=", filter.parentId);
  const rows = await q.orderBy(filter.orderBy ?? "slug").execute();
  return rows.map(toAgency);
}

export async function findAgencyBySlug(db: Db, slug: string): Promise<Agency | undefined> {
  const row = await db
    .selectFrom("agencies")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row ? toAgency(row) : undefined;
}

export async function findAgenciesByIds(db: Db, ids: string[]): Promise<Agency[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("agencies").selectAll().where("id", "in", ids).execute();
  return rows.map(toAgency);
}

/**
 * The jurisdiction of a body (undefined for an unknown id), whose calendar and time zone it keeps
 * (`ctx.calendars.forJurisdiction`), for code that has only the body's id.
 */
export async function jurisdictionOf(db: Db, agencyId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("agencies")
    .select("jurisdiction")
    .where("id", "=", agencyId)
    .executeTakeFirst();
  return row?.jurisdiction;
}

export async function listCategories(db: Db): Promise<Category[]> {
  const rows = await db
    .selectFrom("categories")
    .selectAll()
    .orderBy("position")
    .orderBy("slug")
    .execute();
  return rows.map(toCategory);
}

/** Category ids each agency is competent for. */
export async function listCompetences(db: Db): Promise<{ agencyId: string; categoryId: string }[]> {
  const rows = await db.selectFrom("agency_competences").selectAll().execute();
  return rows.map((r) => ({ agencyId: r.agency_id, categoryId: r.category_id }));
}

export async function categoriesOfAgency(db: Db, agencyId: string): Promise<Category[]> {
  const rows = await db
    .selectFrom("categories")
    .innerJoin("agency_competences", "agency_competences.category_id", "categories.id")
    .selectAll("categories")
    .where("agency_competences.agency_id", "=", agencyId)
    .orderBy("categories.position")
    .execute();
  return rows.map(toCategory);
}

/**
 * The active bodies competent for a category. For district-scoped categories, a territory
 * code narrows the answer to the body of that district.
 */
export async function competentAgencies(
  db: Db,
  categoryId: string,
  territoryCode?: string,
): Promise<Agency[]> {
  let q = db
    .selectFrom("agencies")
    .innerJoin("agency_competences", "agency_competences.agency_id", "agencies.id")
    .selectAll("agencies")
    .where("agency_competences.category_id", "=", categoryId)
    .where("agencies.active", "=", 1);
  if (territoryCode) q = q.where("agencies.territory_code", "=", territoryCode);
  const rows = await q.orderBy("agencies.slug").execute();
  return rows.map(toAgency);
}

export interface NewAgency extends Omit<Agency, "active" | "hours" | "head" | "code"> {
  active?: boolean;
  hours?: Agency["hours"];
  head?: Agency["head"];
  /** Left out: the next free one is given (agency-code.ts). */
  code?: string;
}

/** Adds a body; returns its short code (the one given, else the next free one). */
export async function insertAgency(db: Db, a: NewAgency, now: string): Promise<string> {
  const code = a.code ?? (await allocateAgencyCode(db, a.slug));
  await db
    .insertInto("agencies")
    .values({
      id: a.id,
      slug: a.slug,
      code,
      parent_id: a.parentId,
      higher_body_id: a.higherBodyId,
      kind: a.kind,
      level: a.level,
      jurisdiction: a.jurisdiction,
      territory_code: a.territoryCode,
      name_kk: a.names.kk,
      name_ru: a.names.ru,
      name_en: a.names.en,
      address_kk: a.address?.kk ?? null,
      address_ru: a.address?.ru ?? null,
      address_en: a.address?.en ?? null,
      phone: a.phone,
      email: a.email,
      website: a.website,
      hours_kk: a.hours?.kk ?? null,
      hours_ru: a.hours?.ru ?? null,
      hours_en: a.hours?.en ?? null,
      head_kk: a.head?.kk ?? null,
      head_ru: a.head?.ru ?? null,
      head_en: a.head?.en ?? null,
      active: a.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return code;
}

export async function insertCategory(db: Db, c: Category): Promise<void> {
  await db
    .insertInto("categories")
    .values({
      id: c.id,
      slug: c.slug,
      scope: c.scope,
      name_kk: c.names.kk,
      name_ru: c.names.ru,
      name_en: c.names.en,
      position: c.position,
    })
    .execute();
}

export async function addCompetence(db: Db, agencyId: string, categoryId: string): Promise<void> {
  await db
    .insertInto("agency_competences")
    .values({ agency_id: agencyId, category_id: categoryId })
    .execute();
}

export async function countAgencies(db: Db): Promise<number> {
  const row = await db
    .selectFrom("agencies")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
