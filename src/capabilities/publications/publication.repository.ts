import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { findAgenciesByIds, findAgencyBySlug } from "../agencies/index.js";
import type { PublicationRow } from "./publication.js";

type Db = Kysely<Database>;

export async function findPublication(db: Db, id: string): Promise<PublicationRow | undefined> {
  return db.selectFrom("publications").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Live publications of one kind, newest first (by first publication), of one body or all. */
export async function listLive(
  db: Db,
  filter: { kind: "news" | "information"; agencyId?: string; limit: number; offset?: number },
): Promise<PublicationRow[]> {
  let q = db
    .selectFrom("publications")
    .selectAll()
    .where("kind", "=", filter.kind)
    .where("published_at", "is not", null)
    .where("unpublished_at", "is", null);
  if (filter.agencyId) q = q.where("agency_id", "=", filter.agencyId);
  return q
    .orderBy("published_at", "desc")
    .orderBy("id")
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
}

/** Live news, most recently updated first: what a feed carries. */
export async function recentlyUpdatedNews(
  db: Db,
  filter: { agencyId?: string; limit: number },
): Promise<PublicationRow[]> {
  let q = db
    .selectFrom("publications")
    .selectAll()
    .where("kind", "=", "news")
    .where("published_at", "is not", null)
    .where("unpublished_at", "is", null);
  if (filter.agencyId) q = q.where("agency_id", "=", filter.agencyId);
  return q.orderBy("updated_at", "desc").orderBy("id").limit(filter.limit).execute();
}

/** Every information page of one body (live or not), by section. */
export async function informationOf(db: Db, agencyId: string): Promise<PublicationRow[]> {
  return db
    .selectFrom("publications")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("kind", "=", "information")
    .execute();
}

/** Everything the given bodies have written, most recently changed first. */
export async function officeList(db: Db, agencyIds: string[]): Promise<PublicationRow[]> {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom("publications")
    .selectAll()
    .where("agency_id", "in", agencyIds)
    .orderBy("changed_at", "desc")
    .orderBy("id")
    .limit(500)
    .execute();
}

/** Names and slugs of bodies, by id. */
export async function agencyCards(
  db: Db,
  ids: string[],
): Promise<Map<string, { slug: string; names: { kk: string; ru: string; en: string } }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const agencies = await findAgenciesByIds(db, unique);
  return new Map(agencies.map((a) => [a.id, { slug: a.slug, names: a.names }]));
}

/** An active body by its slug. */
export async function agencyBySlug(db: Db, slug: string) {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return undefined;
  const a = await findAgencyBySlug(db, slug);
  if (!a?.active) return undefined;
  return { id: a.id, slug: a.slug, name_kk: a.names.kk, name_ru: a.names.ru, name_en: a.names.en };
}
