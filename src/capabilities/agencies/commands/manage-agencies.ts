import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { type Actor, appendAudit } from "../../../kernel/audit/audit.js";
import type { AppContext } from "../../../platform/manifest.js";
import type { Agency } from "../agency.js";
import { addCompetence, insertAgency } from "../agency.repository.js";

type Db = Kysely<Database>;

/** What a body is, without its id and state (what its administrators change), with its competences. */
export type AgencyInput = Omit<Agency, "id" | "active" | "hours" | "head" | "code"> & {
  categoryIds: string[];
  /** Left out: none (a body made without them; on an update, they are cleared). */
  hours?: Agency["hours"];
  head?: Agency["head"];
};

/** The fields a person can see change, flattened, for the audit record's "what changed". */
function flat(a: Omit<AgencyInput, "categoryIds">): Record<string, string | null> {
  return {
    slug: a.slug,
    name_kk: a.names.kk,
    name_ru: a.names.ru,
    name_en: a.names.en,
    kind: a.kind,
    level: a.level,
    parent_id: a.parentId,
    higher_body_id: a.higherBodyId,
    jurisdiction: a.jurisdiction,
    territory_code: a.territoryCode,
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
  };
}

async function competencesOf(db: Db, agencyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("agency_competences")
    .select("category_id")
    .where("agency_id", "=", agencyId)
    .execute();
  return rows.map((r) => r.category_id).sort();
}

/** Adds a body with its competences and records who did it, in one transaction. */
export async function createAgency(
  ctx: AppContext,
  actor: Actor,
  input: AgencyInput,
): Promise<Agency> {
  const { categoryIds, ...rest } = input;
  const id = randomUUID();
  const hours = rest.hours ?? null;
  const head = rest.head ?? null;
  const agency = await ctx.db.kysely.transaction().execute(async (trx) => {
    const code = await insertAgency(
      trx,
      { ...rest, hours, head, id },
      ctx.clock.now().toISOString(),
    );
    const agency: Agency = { ...rest, hours, head, id, code, active: true };
    for (const c of categoryIds) await addCompetence(trx, agency.id, c);
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "agency.created",
        subjectType: "agency",
        subjectId: agency.id,
        data: { ...flat(rest), code, competences: [...categoryIds].sort() },
      },
    ]);
    return agency;
  });
  ctx.pageCache.invalidate();
  return agency;
}

/** Saves a body's new values; the audit record holds each changed field as from → to. */
export async function updateAgency(
  ctx: AppContext,
  actor: Actor,
  before: Agency,
  input: AgencyInput,
): Promise<void> {
  const { categoryIds, ...rest } = input;
  const old = flat(before);
  const now = flat(rest);
  const changes = Object.fromEntries(
    Object.keys(now)
      .filter((k) => old[k] !== now[k])
      .map((k) => [k, { from: old[k] ?? null, to: now[k] ?? null }]),
  );
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const held = await competencesOf(trx, before.id);
    const added = categoryIds.filter((c) => !held.includes(c)).sort();
    const removed = held.filter((c) => !categoryIds.includes(c));
    await trx
      .updateTable("agencies")
      .set({ ...now, updated_at: ctx.clock.now().toISOString() })
      .where("id", "=", before.id)
      .execute();
    if (removed.length > 0) {
      await trx
        .deleteFrom("agency_competences")
        .where("agency_id", "=", before.id)
        .where("category_id", "in", removed)
        .execute();
    }
    for (const c of added) await addCompetence(trx, before.id, c);
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "agency.updated",
        subjectType: "agency",
        subjectId: before.id,
        data: { changes, competences: { added, removed } },
      },
    ]);
  });
  ctx.pageCache.invalidate();
}

/** Stops or resumes a body taking appeals; nothing is deleted, so history stays whole. */
export async function setAgencyActive(
  ctx: AppContext,
  actor: Actor,
  agency: Agency,
  active: boolean,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable("agencies")
      .set({ active: active ? 1 : 0, updated_at: ctx.clock.now().toISOString() })
      .where("id", "=", agency.id)
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: active ? "agency.reactivated" : "agency.deactivated",
        subjectType: "agency",
        subjectId: agency.id,
        data: { slug: agency.slug, active: { from: agency.active, to: active } },
      },
    ]);
  });
  ctx.pageCache.invalidate();
}
