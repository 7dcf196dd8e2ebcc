import { createHmac } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { hasVerifiedIdentity, type Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { isWithin } from "../../../platform/geo/kato.js";
import type { AppContext } from "../../../platform/manifest.js";
import { residenceOf } from "../../identity/index.js";
import { budgetBallotBox } from "../ballot-box.js";
import {
  BUDGET_ID,
  type Candidate,
  type CycleRow,
  checkChoices,
  phaseAt,
  type Resident,
  type ResidentRefusal,
  residentRefusal,
  type TerritoryRow,
  type VotingRule,
} from "../budget.js";
import { budgetProfile } from "../profiles.js";

/** What became of a ballot: cast (durable), or why not. */
export type BallotResult =
  | { kind: "cast" }
  | { kind: "not_found" }
  | { kind: "phase_closed"; cycle: CycleRow }
  | { kind: "refused"; reason: ResidentRefusal }
  | { kind: "already_voted" }
  | { kind: "over_budget"; total: number; amount: number }
  | { kind: "invalid"; issues: FieldIssue[] };

/** An admitted proposal as the ballot page shows it. */
export interface BallotCandidate extends Candidate {
  title: string;
  category: string;
  language: string;
}

/** A cycle the public may see (anything but a draft), or undefined. */
export async function findOpenCycle(
  db: Kysely<Database>,
  id: string,
  now: Date,
): Promise<CycleRow | undefined> {
  if (!BUDGET_ID.test(id)) return undefined;
  const cycle = await db
    .selectFrom("budget_cycles")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!cycle || phaseAt(cycle, now) === "draft") return undefined;
  return cycle;
}

export async function territoriesOf(
  db: Kysely<Database>,
  cycleId: string,
): Promise<TerritoryRow[]> {
  return db
    .selectFrom("budget_territories")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .orderBy("code")
    .execute();
}

/**
 * The admitted proposals of a cycle (of one territory when given), in public-number order;
 * the cost is the council's (the author's estimate only when the council gave none).
 */
export async function candidatesOf(
  db: Kysely<Database>,
  cycleId: string,
  territory?: string,
): Promise<BallotCandidate[]> {
  let q = db
    .selectFrom("budget_proposals")
    .select([
      "id",
      "territory_code",
      "council_cost",
      "cost_estimate",
      "number",
      "title",
      "category",
      "language",
    ])
    .where("cycle_id", "=", cycleId)
    .where("status", "=", "admitted");
  if (territory) q = q.where("territory_code", "=", territory);
  const rows = await q.orderBy("number").execute();
  return rows.map((r) => ({
    id: r.id,
    territory: r.territory_code,
    cost: Number(r.council_cost ?? r.cost_estimate),
    number: Number(r.number ?? 0),
    title: r.title,
    category: r.category,
    language: r.language,
  }));
}

/**
 * The key under which a person is listed as having voted in a cycle: a keyed hash of their
 * verified IIN (so two accounts of one person are one voter, whatever the territory), different
 * in every cycle so voter lists of two cycles cannot be matched.
 */
export function budgetVoterKey(ctx: AppContext, cycleId: string, iin: string): string {
  return createHmac("sha256", ctx.secret)
    .update(`budget-voter|${cycleId}|iin:${iin}`)
    .digest("base64url");
}

/**
 * The facts eligibility needs, read fresh from the account for each ballot (an IIN released a
 * moment ago no longer counts); the session must agree that the identity is verified.
 */
export async function budgetVoterOf(ctx: AppContext, principal: Principal): Promise<Resident> {
  const a = await residenceOf(ctx.db.kysely, principal.accountId);
  const verified = hasVerifiedIdentity(principal) && a?.identityVerified === true;
  return {
    kind: principal.kind === "citizen" && a?.kind !== "staff" ? "citizen" : "staff",
    verified,
    iin: verified ? (a?.iin ?? null) : null,
    residence: a?.residenceCode ?? null,
  };
}

/** Today as a plain date in Kazakhstan (UTC+5), for the age rule. */
export function todayOf(now: Date): string {
  return new Date(now.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Why this person may not vote in a territory of this cycle (the policy first, then the
 * resident rules of budget.ts), or null.
 */
export async function voteRefusal(
  ctx: AppContext,
  principal: Principal,
  voter: Resident,
  territory: string,
): Promise<ResidentRefusal | null> {
  if (principal.kind !== "citizen" || voter.kind !== "citizen") return "staff_account";
  if (ctx.policy.refusal(principal, "budget.vote", {})) return "identity_not_verified";
  const { minAge } = await budgetProfile(ctx.db.kysely);
  return residentRefusal(voter, territory, todayOf(ctx.clock.now()), minAge);
}

/** The territory of the cycle that holds this person's registered address, if any. */
export function ownTerritory(territories: TerritoryRow[], residence: string | null) {
  return residence ? territories.find((t) => isWithin(residence, t.code)) : undefined;
}

/** Whether this person (by their verified IIN) is already listed as a voter of the cycle. */
export async function hasVotedIn(
  ctx: AppContext,
  cycleId: string,
  iin: string | null,
): Promise<string | null> {
  if (!iin) return null;
  const r = await ctx.db.kysely
    .selectFrom("budget_voters")
    .select("voted_on")
    .where("cycle_id", "=", cycleId)
    .where("voter_key", "=", budgetVoterKey(ctx, cycleId, iin))
    .executeTakeFirst();
  return r?.voted_on ?? null;
}

/** A checked ballot, ready to confirm or to cast. */
export interface CheckedChoice {
  cycle: CycleRow;
  territory: TerritoryRow;
  candidates: BallotCandidate[];
  ids: string[];
  total: number;
  voterKey: string;
}

/**
 * Checks a ballot as casting would (a published cycle in its voting phase, an eligible
 * resident of the ballot's territory, not yet a voter, a valid choice under the cycle's rule)
 * without casting it.
 */
export async function checkBudgetBallot(
  ctx: AppContext,
  principal: Principal,
  cycleId: string,
  territoryCode: string,
  projectIds: string[],
  options: { readVoted?: boolean } = {},
): Promise<CheckedChoice | Exclude<BallotResult, { kind: "cast" }>> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const cycle = await findOpenCycle(db, cycleId, now);
  if (!cycle) return { kind: "not_found" };
  if (phaseAt(cycle, now) !== "voting" || cycle.results_published_at !== null)
    return { kind: "phase_closed", cycle };
  const territories = await territoriesOf(db, cycle.id);
  const territory = territories.find((t) => t.code === territoryCode);
  if (!territory)
    return {
      kind: "invalid",
      issues: [{ field: "territory", key: "budgets.ballot.error.territory" }],
    };
  const voter = await budgetVoterOf(ctx, principal);
  const why = await voteRefusal(ctx, principal, voter, territory.code);
  if (why) return { kind: "refused", reason: why };
  const voterKey = budgetVoterKey(ctx, cycle.id, voter.iin as string);
  if (options.readVoted !== false && (await hasVotedIn(ctx, cycle.id, voter.iin)))
    return { kind: "already_voted" };
  const candidates = await candidatesOf(db, cycle.id, territory.code);
  const c = checkChoices(
    cycle.rule as VotingRule,
    Number(territory.amount),
    territory.code,
    candidates,
    projectIds,
  );
  if (!c.ok) {
    if (c.code === "OVER_BUDGET")
      return { kind: "over_budget", total: c.total, amount: Number(territory.amount) };
    return {
      kind: "invalid",
      issues: [
        {
          field: "projectIds",
          key: c.code === "EMPTY" ? "budgets.ballot.error.empty" : "budgets.ballot.error.unknown",
        },
      ],
    };
  }
  return { cycle, territory, candidates, ids: c.ids, total: c.total, voterKey };
}

/**
 * Casts a budget ballot: checked as above (the "already voted" read is left to the batch,
 * where the voters' key decides once for everyone), then written in the next shuffled batch;
 * the answer comes back only once that batch has committed.
 */
export async function castBudgetBallot(
  ctx: AppContext,
  principal: Principal,
  cycleId: string,
  territoryCode: string,
  projectIds: string[],
): Promise<BallotResult> {
  const c = await checkBudgetBallot(ctx, principal, cycleId, territoryCode, projectIds, {
    readVoted: false,
  });
  if ("kind" in c) return c;
  const outcome = await budgetBallotBox(ctx).cast({
    cycleId: c.cycle.id,
    voterKey: c.voterKey,
    territory: c.territory.code,
    ids: c.ids,
  });
  if (outcome === "duplicate") return { kind: "already_voted" };
  if (outcome === "closed") return { kind: "phase_closed", cycle: c.cycle };
  return { kind: "cast" };
}
