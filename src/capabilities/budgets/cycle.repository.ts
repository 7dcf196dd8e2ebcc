import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { type CycleRow, PHASE_START, PHASES, type Phase, type TerritoryRow } from "./budget.js";

type Db = Kysely<Database>;

export async function findCycle(db: Db, id: string): Promise<CycleRow | undefined> {
  return db.selectFrom("budget_cycles").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Cycles the public may see (announced by `now`), newest budget year first; with `phase`, only
 * those in that phase at `now` by their dates (the stored column may lag the clock).
 */
export async function listPublicCycles(
  db: Db,
  q: { now: string; phase?: Phase; agencyId?: string; limit: number; offset?: number },
): Promise<CycleRow[]> {
  let query = db.selectFrom("budget_cycles").selectAll().where("announcement_at", "<=", q.now);
  if (q.agencyId) query = query.where("agency_id", "=", q.agencyId);
  if (q.phase) {
    query = query.where(PHASE_START[q.phase], "<=", q.now);
    const next = PHASES[PHASES.indexOf(q.phase) + 1];
    if (next) query = query.where(PHASE_START[next], ">", q.now);
  }
  return query
    .orderBy("year", "desc")
    .orderBy("announcement_at", "desc")
    .orderBy("id")
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
}

/** Every cycle of these bodies (drafts too), newest year first: the office list. */
export async function cyclesOfBodies(db: Db, agencyIds: string[]): Promise<CycleRow[]> {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom("budget_cycles")
    .selectAll()
    .where("agency_id", "in", agencyIds)
    .orderBy("year", "desc")
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(200)
    .execute();
}

/** The cycles whose expert council has this person, by id. */
export async function councilCycles(db: Db, accountId: string): Promise<CycleRow[]> {
  return db
    .selectFrom("budget_cycles")
    .innerJoin("budget_experts", "budget_experts.cycle_id", "budget_cycles.id")
    .selectAll("budget_cycles")
    .where("budget_experts.account_id", "=", accountId)
    .orderBy("budget_cycles.year", "desc")
    .orderBy("budget_cycles.id")
    .execute();
}

/** A cycle's territories, in the order they were listed (by code). */
export async function territoriesOf(db: Db, cycleId: string): Promise<TerritoryRow[]> {
  return db
    .selectFrom("budget_territories")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .orderBy("code")
    .execute();
}

/** The account ids of a cycle's expert council, in the order they were named. */
export async function expertIds(db: Db, cycleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("budget_experts")
    .select("account_id")
    .where("cycle_id", "=", cycleId)
    .orderBy("added_at")
    .orderBy("account_id")
    .execute();
  return rows.map((r) => r.account_id);
}

/** Proposals received (submitted, not drafts nor still gathering support) and admitted, per cycle. */
export async function proposalCounts(
  db: Db,
  cycleIds: string[],
): Promise<Map<string, { received: number; admitted: number }>> {
  const out = new Map(cycleIds.map((id) => [id, { received: 0, admitted: 0 }]));
  if (cycleIds.length === 0) return out;
  const rows = await db
    .selectFrom("budget_proposals")
    .select(["cycle_id", "status"])
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("cycle_id", "in", cycleIds)
    .where("status", "not in", ["draft", "collecting"])
    .groupBy(["cycle_id", "status"])
    .execute();
  for (const r of rows) {
    const c = out.get(r.cycle_id);
    if (!c) continue;
    c.received += Number(r.n);
    if (r.status === "admitted") c.admitted += Number(r.n);
  }
  return out;
}
