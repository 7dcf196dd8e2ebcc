import { parseIin } from "../../kernel/ids.js";
import type { FieldIssue } from "../../kernel/result.js";
import { isWithin } from "../../platform/geo/kato.js";
import type {
  BudgetCyclesTable,
  BudgetProposalsTable,
  BudgetTerritoriesTable,
} from "./budgets.table.js";

export type CycleRow = BudgetCyclesTable;
export type ProposalRow = BudgetProposalsTable;
export type TerritoryRow = BudgetTerritoriesTable;

/**
 * The phases of a cycle, in order. Each starts at its own time in the cycle and lasts until
 * the next one starts; before the announcement a cycle is a draft only its body sees.
 */
export const PHASES = [
  "announcement",
  "proposals",
  "review",
  "voting",
  "results",
  "implementation",
  "closed",
] as const;
export type Phase = (typeof PHASES)[number];
export type CyclePhase = "draft" | Phase;

/** The columns of a cycle holding each phase's start. */
export type PhaseDates = Pick<
  CycleRow,
  | "announcement_at"
  | "proposals_at"
  | "review_at"
  | "voting_at"
  | "results_at"
  | "implementation_at"
  | "closed_at"
>;

/** The column holding each phase's start. */
export const PHASE_START: Record<Phase, keyof PhaseDates> = {
  announcement: "announcement_at",
  proposals: "proposals_at",
  review: "review_at",
  voting: "voting_at",
  results: "results_at",
  implementation: "implementation_at",
  closed: "closed_at",
};

/** The phase a cycle is in at `now`, by its dates (what every page and the API show). */
export function phaseAt(cycle: PhaseDates, now: Date): CyclePhase {
  const t = now.toISOString();
  let phase: CyclePhase = "draft";
  for (const p of PHASES) if (cycle[PHASE_START[p]] <= t) phase = p;
  return phase;
}

/** Whether the phase dates are in order (each phase starts no earlier than the one before). */
export function datesInOrder(cycle: PhaseDates): boolean {
  return PHASES.every(
    (p, i) => i === 0 || cycle[PHASE_START[PHASES[i - 1] as Phase]] <= cycle[PHASE_START[p]],
  );
}

/** The voting rules: approval (any number, a minimum of votes) or knapsack (within the amount). */
export const RULES = ["knapsack", "approval"] as const;
export type VotingRule = (typeof RULES)[number];

/** Proposal statuses (see budgets.table.ts). */
export const PROPOSAL_STATUSES = [
  "draft",
  "collecting",
  "submitted",
  "admitted",
  "rejected",
  "merged",
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** The council's closed list of reasons not to admit a proposal. */
export const REJECTION_REASONS = [
  "category",
  "not_public_land",
  "outside_territory",
  "over_amount",
  "already_planned",
  "duplicate",
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The stages of a winner's implementation, in order. */
export const STAGES = ["procurement", "contract", "works", "acceptance"] as const;
export type Stage = (typeof STAGES)[number];

/** Project statuses (from its stages: none started, some started, acceptance done). */
export const PROJECT_STATUSES = ["planned", "in_progress", "completed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** File kinds of a proposal and of a project. */
export const PROPOSAL_FILE_KINDS = ["sketch", "estimate", "photo", "presentation"] as const;
export const PROJECT_FILE_KINDS = ["before", "during", "after"] as const;

/** A cycle or proposal id as Halyq makes them (UUID); anything else is a 404 without a query. */
export const BUDGET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The permitted categories of a cycle, as stored. */
export function categoriesOf(cycle: Pick<CycleRow, "categories">): string[] {
  try {
    const v = JSON.parse(cycle.categories) as unknown;
    return Array.isArray(v) ? v.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return [];
  }
}

/** Age in whole years on `on` (YYYY-MM-DD) of the holder of an IIN, or null for an invalid IIN. */
export function ageFromIin(iin: string, on: string): number | null {
  const info = parseIin(iin);
  if (!info) return null;
  const [by, bm, bd] = info.birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Who is asking to propose, support or vote, as the eligibility rules see them. */
export interface Resident {
  kind: "citizen" | "staff";
  /** Whether the IIN is verified (e-ID or in person); a declared one does not count. */
  verified: boolean;
  iin: string | null;
  /** KATO code of the registered address (from the e-ID), if known. */
  residence: string | null;
}

export type ResidentRefusal =
  | "staff_account"
  | "identity_not_verified"
  | "under_age"
  | "no_residence"
  | "not_resident";

/**
 * Whether a person may act as a resident of a territory (propose, support, vote): a citizen's
 * account with a verified identity, at least `minAge` years old on `today` (from the IIN), with
 * a registered address inside the territory. Checked in this order, so the reason given is the
 * first that fails.
 */
export function residentRefusal(
  person: Resident,
  territory: string,
  today: string,
  minAge: number,
): ResidentRefusal | null {
  if (person.kind !== "citizen") return "staff_account";
  if (!person.verified || !person.iin) return "identity_not_verified";
  const age = ageFromIin(person.iin, today);
  if (age === null || age < minAge) return "under_age";
  if (!person.residence) return "no_residence";
  if (!isWithin(person.residence, territory)) return "not_resident";
  return null;
}

/** The message key of a resident refusal (the identity one is shared across Halyq). */
export function residentRefusalKey(reason: ResidentRefusal): string {
  return reason === "identity_not_verified"
    ? "errors.identity_not_verified"
    : `budgets.refusal.${reason}`;
}

/** An admitted proposal as the ballot and the count see it. */
export interface Candidate {
  id: string;
  territory: string;
  /** The council's cost (the author's estimate only when the council gave none). */
  cost: number;
  /** Its public number: ties are broken by it. */
  number: number;
}

/**
 * Checks one ballot against the cycle's rule: every chosen proposal admitted in the ballot's
 * territory, none twice, at least one; under the knapsack rule their cost within the amount.
 */
export function checkChoices(
  rule: VotingRule,
  amount: number,
  territory: string,
  candidates: Candidate[],
  chosen: string[],
):
  | { ok: true; ids: string[]; total: number }
  | { ok: false; code: "EMPTY" | "NOT_CANDIDATE" | "OVER_BUDGET"; total: number } {
  const byId = new Map(candidates.filter((c) => c.territory === territory).map((c) => [c.id, c]));
  const ids = [...new Set(chosen)];
  if (ids.length === 0) return { ok: false, code: "EMPTY", total: 0 };
  let total = 0;
  for (const id of ids) {
    const c = byId.get(id);
    if (!c) return { ok: false, code: "NOT_CANDIDATE", total };
    total += c.cost;
  }
  if (rule === "knapsack" && total > amount) return { ok: false, code: "OVER_BUDGET", total };
  return { ok: true, ids: ids.sort(), total };
}

/** One territory's count: each candidate's votes, place and whether it won. */
export interface TerritoryResult {
  territory: string;
  amount: number;
  ballots: number;
  allocated: number;
  projects: { id: string; votes: number; rank: number; winner: boolean }[];
}

/**
 * The winners of one territory, by the documented rule (docs/capabilities/budgets.md):
 * candidates are ranked by votes, most first; equal votes by the lower cost first, then by the
 * lower public number (the earlier proposal). Going down the ranking, a project wins when it
 * fits the money still unallocated (a project that no longer fits is skipped, and the next
 * ones are still tried) and, under the approval rule, when it has at least `minVotes` votes.
 * A project with no votes never wins. The same ballots always give the same result.
 */
export function countTerritory(
  rule: VotingRule,
  minVotes: number,
  amount: number,
  territory: string,
  candidates: Candidate[],
  ballots: string[][],
): TerritoryResult {
  const mine = candidates.filter((c) => c.territory === territory);
  const votes = new Map(mine.map((c) => [c.id, 0]));
  for (const b of ballots)
    for (const id of new Set(b)) {
      const v = votes.get(id);
      if (v !== undefined) votes.set(id, v + 1);
    }
  const ranked = [...mine].sort(
    (a, b) =>
      (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) || a.cost - b.cost || a.number - b.number,
  );
  let left = amount;
  const projects = ranked.map((c, i) => {
    const v = votes.get(c.id) ?? 0;
    const winner = v > 0 && c.cost <= left && (rule !== "approval" || v >= minVotes);
    if (winner) left -= c.cost;
    return { id: c.id, votes: v, rank: i + 1, winner };
  });
  return { territory, amount, ballots: ballots.length, allocated: amount - left, projects };
}

/** Checks a money field: whole tenge, positive, at most a trillion. */
export function checkAmount(field: string, raw: unknown): number | FieldIssue {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : "";
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d{1,13}$/.test(cleaned)) return { field, key: "budgets.validation.amount" };
  const n = Number(cleaned);
  if (n <= 0 || n > 1_000_000_000_000) return { field, key: "budgets.validation.amount" };
  return n;
}
