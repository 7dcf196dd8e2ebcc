import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal, Role } from "../../../kernel/permissions.js";
import {
  conflict,
  type FieldIssue,
  forbidden,
  invalid,
  notFound,
  ok,
  type Result,
} from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { staffWithRole } from "../../identity/index.js";
import {
  type CycleRow,
  checkAmount,
  PHASES,
  type ProposalRow,
  phaseAt,
  REJECTION_REASONS,
  type RejectionReason,
} from "../budget.js";
import {
  councilProposal,
  cycleById,
  deleteExpert,
  hasConflict,
  insertConflict,
  insertExpert,
  isExpert,
  territoriesOf,
  writeDecision,
} from "../council.repository.js";
import { notifyDecision } from "../notify.js";

/** The roles held in a body that make its staff eligible for its council (as the policy reads). */
export const COUNCIL_ROLES: readonly Role[] = [
  "head",
  "executor",
  "registrar",
  "analyst",
  "moderator",
  "admin",
];

/** The longest decision text and conflict note the forms take. */
export const MAX_DECISION_TEXT = 4000;
export const MAX_CONFLICT_NOTE = 1000;

/** Whether the council's composition is settled: once the results are published it is not changed. */
export function councilClosed(cycle: CycleRow, now: Date): boolean {
  if (cycle.results_published_at !== null) return true;
  const phase = phaseAt(cycle, now);
  return phase !== "draft" && PHASES.indexOf(phase) >= PHASES.indexOf("results");
}

const actor = (p: Principal) => ({ id: p.accountId, label: p.kind });

/**
 * The body's head or administrator names a member of its active staff to the cycle's council.
 * Only staff holding a role in the cycle's own body may be named; naming someone twice is a
 * field error, as is naming anyone once the results are published.
 */
export async function nameCouncilMember(
  ctx: AppContext,
  principal: Principal,
  cycleId: string,
  accountId: string,
): Promise<Result<{ accountId: string }>> {
  const db = ctx.db.kysely;
  const cycle = await cycleById(db, cycleId);
  if (!cycle) return notFound();
  if (!ctx.policy.can(principal, "budget.manage", { agencyId: cycle.agency_id }))
    return forbidden();
  if (councilClosed(cycle, ctx.clock.now())) return conflict("CONFLICT", { reason: "closed" });
  const staff = await staffWithRole(db, cycle.agency_id, COUNCIL_ROLES);
  if (!staff.some((s) => s.id === accountId))
    return invalid([{ field: "accountId", key: "budgets.council.errors.member" }]);
  if (await isExpert(db, cycle.id, accountId))
    return invalid([{ field: "accountId", key: "budgets.council.errors.already_member" }]);
  const at = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertExpert(trx, {
      cycle_id: cycle.id,
      account_id: accountId,
      added_by_id: principal.accountId,
      added_at: at,
    });
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: "budget.council.member_named",
        subjectType: "budget_cycle",
        subjectId: cycle.id,
        data: { accountId },
      },
    ]);
  });
  ctx.pageCache.invalidate();
  return ok({ accountId });
}

/** The body's head or administrator removes a member of the council (not after the results). */
export async function removeCouncilMember(
  ctx: AppContext,
  principal: Principal,
  cycleId: string,
  accountId: string,
): Promise<Result<{ accountId: string }>> {
  const db = ctx.db.kysely;
  const cycle = await cycleById(db, cycleId);
  if (!cycle) return notFound();
  if (!ctx.policy.can(principal, "budget.manage", { agencyId: cycle.agency_id }))
    return forbidden();
  if (councilClosed(cycle, ctx.clock.now())) return conflict("CONFLICT", { reason: "closed" });
  const removed = await db.transaction().execute(async (trx) => {
    if (!(await deleteExpert(trx, cycle.id, accountId))) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: "budget.council.member_removed",
        subjectType: "budget_cycle",
        subjectId: cycle.id,
        data: { accountId },
      },
    ]);
    return true;
  });
  if (!removed) return notFound();
  ctx.pageCache.invalidate();
  return ok({ accountId });
}

/**
 * What the route passes the council's policies: the body, and whether the person is on the
 * council and declared a conflict on the proposal, read fresh from the tables.
 */
export async function decisionResource(
  ctx: AppContext,
  cycle: CycleRow,
  proposalId: string | null,
  accountId: string,
): Promise<{ agencyId: string; isExpert: boolean; conflicted: boolean }> {
  const db = ctx.db.kysely;
  return {
    agencyId: cycle.agency_id,
    isExpert: await isExpert(db, cycle.id, accountId),
    conflicted: proposalId ? await hasConflict(db, proposalId, accountId) : false,
  };
}

/**
 * A member of the council declares a conflict of interest on a proposal (with an optional
 * note): from then on they take no part in deciding it. A declaration is not withdrawn; a
 * second one changes nothing.
 */
export async function declareConflict(
  ctx: AppContext,
  principal: Principal,
  cycleId: string,
  proposalId: string,
  rawNote: string,
): Promise<Result<{ declared: boolean }>> {
  const db = ctx.db.kysely;
  const cycle = await cycleById(db, cycleId);
  if (!cycle) return notFound();
  const proposal = await councilProposal(db, cycle.id, proposalId);
  if (!proposal) return notFound();
  const resource = await decisionResource(ctx, cycle, proposal.id, principal.accountId);
  if (!ctx.policy.can(principal, "budget.review", resource)) return forbidden();
  const note = rawNote.trim();
  if (note.length > MAX_CONFLICT_NOTE)
    return invalid([
      { field: "note", key: "budgets.council.errors.too_long", params: { max: MAX_CONFLICT_NOTE } },
    ]);
  if (resource.conflicted) return ok({ declared: false });
  await db.transaction().execute(async (trx) => {
    await insertConflict(trx, {
      proposal_id: proposal.id,
      account_id: principal.accountId,
      note: note === "" ? null : note,
      declared_at: ctx.clock.now().toISOString(),
    });
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: "budget.council.conflict_declared",
        subjectType: "budget_proposal",
        subjectId: proposal.id,
        data: { cycleId: cycle.id, note: note === "" ? null : note },
      },
    ]);
  });
  return ok({ declared: true });
}

/** A decision as the form gives it (strings). */
export interface DecisionInput {
  decision: string;
  cost: string;
  reason: string;
  text: string;
  mergedInto: string;
}

/**
 * Checks a decision against the proposal and its cycle: admitted with the council's cost
 * (whole tenge, within the territory's amount — above it the council refuses with the reason
 * "over_amount"), or not admitted with a reason from the closed list and a text; a duplicate
 * names another submitted or admitted proposal of the same cycle and territory it is merged into.
 */
export function checkDecision(
  input: DecisionInput,
  proposal: ProposalRow,
  amount: number,
  mergeTargets: Pick<ProposalRow, "id" | "status" | "territory_code" | "cycle_id">[],
):
  | {
      ok: true;
      columns: Pick<
        ProposalRow,
        | "status"
        | "decision"
        | "decision_reason"
        | "decision_text"
        | "council_cost"
        | "merged_into_id"
      >;
    }
  | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const text = input.text.trim();
  if (text.length > MAX_DECISION_TEXT)
    issues.push({
      field: "text",
      key: "budgets.council.errors.too_long",
      params: { max: MAX_DECISION_TEXT },
    });
  if (input.decision === "admitted") {
    const cost = checkAmount("cost", input.cost);
    if (typeof cost !== "number") issues.push(cost);
    else if (cost > amount)
      issues.push({ field: "cost", key: "budgets.council.errors.over_amount" });
    if (issues.length > 0 || typeof cost !== "number") return { ok: false, issues };
    return {
      ok: true,
      columns: {
        status: "admitted",
        decision: "admitted",
        decision_reason: null,
        decision_text: text === "" ? null : text,
        council_cost: cost,
        merged_into_id: null,
      },
    };
  }
  if (input.decision !== "rejected") {
    issues.push({ field: "decision", key: "budgets.council.errors.decision" });
    return { ok: false, issues };
  }
  const reason = (REJECTION_REASONS as readonly string[]).includes(input.reason)
    ? (input.reason as RejectionReason)
    : null;
  if (!reason) issues.push({ field: "reason", key: "budgets.council.errors.reason" });
  if (text === "") issues.push({ field: "text", key: "budgets.council.errors.text" });
  let target: string | null = null;
  if (reason === "duplicate") {
    const found = mergeTargets.find(
      (m) =>
        m.id === input.mergedInto &&
        m.id !== proposal.id &&
        m.cycle_id === proposal.cycle_id &&
        m.territory_code === proposal.territory_code &&
        (m.status === "submitted" || m.status === "admitted"),
    );
    if (!found) issues.push({ field: "mergedInto", key: "budgets.council.errors.merged_into" });
    else target = found.id;
  }
  if (issues.length > 0 || !reason) return { ok: false, issues };
  return {
    ok: true,
    columns: {
      status: target ? "merged" : "rejected",
      decision: target ? "merged" : "rejected",
      decision_reason: reason,
      decision_text: text,
      council_cost: null,
      merged_into_id: target,
    },
  };
}

/**
 * A member of the council without a conflict on the proposal decides on it, during the expert
 * review only; until voting opens the decision may be changed. The decision, its audit record
 * and the mail telling the author are one transaction.
 */
export async function decideProposal(
  ctx: AppContext,
  principal: Principal,
  cycleId: string,
  proposalId: string,
  input: DecisionInput,
): Promise<Result<{ status: string; changed: boolean }>> {
  const db = ctx.db.kysely;
  const cycle = await cycleById(db, cycleId);
  if (!cycle) return notFound();
  const proposal = await councilProposal(db, cycle.id, proposalId);
  if (!proposal) return notFound();
  const resource = await decisionResource(ctx, cycle, proposal.id, principal.accountId);
  if (!ctx.policy.can(principal, "budget.decide", resource)) return forbidden();
  const now = ctx.clock.now();
  if (phaseAt(cycle, now) !== "review") return conflict("CONFLICT", { reason: "phase" });
  const territory = (await territoriesOf(db, cycle.id)).find(
    (t) => t.code === proposal.territory_code,
  );
  if (!territory) return notFound();
  const targets =
    input.decision === "rejected" && input.reason === "duplicate"
      ? await db
          .selectFrom("budget_proposals")
          .select(["id", "status", "territory_code", "cycle_id"])
          .where("cycle_id", "=", cycle.id)
          .where("territory_code", "=", proposal.territory_code)
          .where("status", "in", ["submitted", "admitted"])
          .execute()
      : [];
  const checked = checkDecision(input, proposal, territory.amount, targets);
  if (!checked.ok) return invalid(checked.issues);
  const at = now.toISOString();
  const changed = proposal.decided_at !== null;
  const decided: ProposalRow = {
    ...proposal,
    ...checked.columns,
    decided_by_id: principal.accountId,
    decided_at: at,
    updated_at: at,
  };
  const target = checked.columns.merged_into_id
    ? await db
        .selectFrom("budget_proposals")
        .select(["title", "number"])
        .where("id", "=", checked.columns.merged_into_id)
        .executeTakeFirst()
    : undefined;
  const written = await db.transaction().execute(async (trx) => {
    const done = await writeDecision(trx, cycle.id, proposal.id, {
      ...checked.columns,
      decided_by_id: principal.accountId,
      decided_at: at,
      updated_at: at,
    });
    if (!done) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: changed ? "budget.proposal.decision_changed" : "budget.proposal.decided",
        subjectType: "budget_proposal",
        subjectId: proposal.id,
        data: {
          cycleId: cycle.id,
          decision: checked.columns.decision,
          reason: checked.columns.decision_reason,
          cost: checked.columns.council_cost,
          mergedInto: checked.columns.merged_into_id,
          previous: proposal.decision,
        },
      },
    ]);
    await notifyDecision(trx, ctx, cycle, decided, changed, target ?? null);
    return true;
  });
  if (!written) return conflict("CONFLICT", { reason: "state" });
  ctx.pageCache.invalidate();
  return ok({ status: decided.status, changed });
}
