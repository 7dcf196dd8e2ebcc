import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import { BUDGET_ID, type CycleRow, type ProposalRow, type TerritoryRow } from "./budget.js";
import type { BudgetConflictsTable, BudgetExpertsTable } from "./budgets.table.js";

type Db = Kysely<Database> | Transaction<Database>;

export type ExpertRow = BudgetExpertsTable;
export type ConflictRow = BudgetConflictsTable;

/** The statuses a proposal has once it is before the council (submitted or decided). */
export const BEFORE_COUNCIL = ["submitted", "admitted", "rejected", "merged"] as const;

/** A cycle by its id, or undefined (an id that is not a UUID is never looked up). */
export async function cycleById(db: Db, id: string): Promise<CycleRow | undefined> {
  if (!BUDGET_ID.test(id)) return undefined;
  return db.selectFrom("budget_cycles").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The territories of a cycle, in code order. */
export async function territoriesOf(db: Db, cycleId: string): Promise<TerritoryRow[]> {
  return db
    .selectFrom("budget_territories")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .orderBy("code")
    .execute();
}

/** A proposal of this cycle that is before the council, or undefined (drafts never are). */
export async function councilProposal(
  db: Db,
  cycleId: string,
  id: string,
): Promise<ProposalRow | undefined> {
  if (!BUDGET_ID.test(id)) return undefined;
  return db
    .selectFrom("budget_proposals")
    .selectAll()
    .where("id", "=", id)
    .where("cycle_id", "=", cycleId)
    .where("status", "in", [...BEFORE_COUNCIL])
    .executeTakeFirst();
}

/** The proposals of a cycle before the council, by territory and number, optionally filtered. */
export async function councilQueue(
  db: Db,
  cycleId: string,
  filter: { territory?: string | undefined; status?: string | undefined } = {},
): Promise<ProposalRow[]> {
  let q = db
    .selectFrom("budget_proposals")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .where("status", "in", [...BEFORE_COUNCIL]);
  if (filter.territory) q = q.where("territory_code", "=", filter.territory);
  if (filter.status) q = q.where("status", "=", filter.status);
  return q.orderBy("territory_code").orderBy("number").orderBy("id").execute();
}

/** The members of a cycle's council, in the order they were named. */
export async function expertsOf(db: Db, cycleId: string): Promise<ExpertRow[]> {
  return db
    .selectFrom("budget_experts")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .orderBy("added_at")
    .orderBy("account_id")
    .execute();
}

/** Whether the account is a member of the cycle's council. */
export async function isExpert(db: Db, cycleId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("budget_experts")
    .select("account_id")
    .where("cycle_id", "=", cycleId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertExpert(db: Db, row: ExpertRow): Promise<void> {
  await db.insertInto("budget_experts").values(row).execute();
}

/** Removes a member; false when they were not one. */
export async function deleteExpert(db: Db, cycleId: string, accountId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("budget_experts")
    .where("cycle_id", "=", cycleId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The conflicts of interest declared on a proposal, oldest first. */
export async function conflictsOf(db: Db, proposalId: string): Promise<ConflictRow[]> {
  return db
    .selectFrom("budget_conflicts")
    .selectAll()
    .where("proposal_id", "=", proposalId)
    .orderBy("declared_at")
    .orderBy("account_id")
    .execute();
}

/** Whether the account declared a conflict of interest on the proposal. */
export async function hasConflict(db: Db, proposalId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("budget_conflicts")
    .select("account_id")
    .where("proposal_id", "=", proposalId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertConflict(db: Db, row: ConflictRow): Promise<void> {
  await db.insertInto("budget_conflicts").values(row).execute();
}

/** The ids of the proposals of a cycle on which the account declared a conflict. */
export async function conflictedIn(
  db: Db,
  cycleId: string,
  accountId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("budget_conflicts")
    .innerJoin("budget_proposals", "budget_proposals.id", "budget_conflicts.proposal_id")
    .select("budget_conflicts.proposal_id")
    .where("budget_proposals.cycle_id", "=", cycleId)
    .where("budget_conflicts.account_id", "=", accountId)
    .execute();
  return new Set(rows.map((r) => r.proposal_id));
}

/** The columns a council decision sets. */
export type DecisionColumns = Pick<
  ProposalRow,
  | "status"
  | "decision"
  | "decision_reason"
  | "decision_text"
  | "council_cost"
  | "merged_into_id"
  | "decided_by_id"
  | "decided_at"
  | "updated_at"
>;

/**
 * Writes a decision on a proposal still before the council; false when it is not (any more).
 */
export async function writeDecision(
  db: Db,
  cycleId: string,
  id: string,
  columns: DecisionColumns,
): Promise<boolean> {
  const r = await db
    .updateTable("budget_proposals")
    .set(columns)
    .where("id", "=", id)
    .where("cycle_id", "=", cycleId)
    .where("status", "in", [...BEFORE_COUNCIL])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
