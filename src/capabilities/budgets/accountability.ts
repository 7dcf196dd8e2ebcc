import type { Db as Database } from "../../db/database.js";
import { toPlainDate } from "../../kernel/calendar/index.js";
import type { AppContext } from "../../platform/manifest.js";
import { jurisdictionOf } from "../agencies/index.js";
import {
  BUDGET_ID,
  type CyclePhase,
  type CycleRow,
  phaseAt,
  REJECTION_REASONS,
  type RejectionReason,
} from "./budget.js";
import type { BudgetProjectStagesTable, BudgetProjectsTable } from "./budgets.table.js";

/**
 * Accountability of a participatory budget: what a body's cycle received, admitted, put to
 * the vote and built, read from this capability's own tables only. Votes, voters and winners
 * are counted only once the results are published (`results_published_at`); before that they
 * are null, so nothing of the vote leaks early.
 *
 * There is no electorate figure for a territory (no profile gives a population), so the
 * figures report voters, not a turnout share.
 */
export interface Figures {
  /** Proposals submitted (drafts and proposals still gathering support are not counted). */
  received: number;
  /** Admitted to the vote by the council. */
  admitted: number;
  /** Not admitted (refused or merged as a duplicate). */
  notAdmitted: number;
  /** The not admitted by the council's reason. */
  notAdmittedByReason: Record<RejectionReason, number>;
  /** Ballots counted; null before the results are published. */
  voters: number | null;
  /** Winners; null before the results are published. */
  won: number | null;
  /** Winners in implementation (one project each). */
  projects: number;
  /** Projects whose acceptance is done. */
  completed: number;
  /** Projects with no late stage. */
  onTime: number;
  /** Projects with a late stage (see `isDelayed`). */
  delayed: number;
  /** Whole tenge: the winners' money, contracted and spent so far. */
  allocated: number;
  contracted: number;
  spent: number;
}

export interface TerritoryFigures extends Figures {
  code: string;
  names: { kk: string; ru: string; en: string };
  /** The territory's amount, whole tenge. */
  amount: number;
}

export interface CycleFigures {
  id: string;
  agencyId: string;
  year: number;
  title: { kk: string; ru: string; en: string | null };
  phase: CyclePhase;
  resultsPublishedAt: string | null;
  /** The sum of the territories' amounts, whole tenge. */
  amount: number;
  totals: Figures;
  territories: TerritoryFigures[];
}

type Db = Database["kysely"];

type Stage = Pick<BudgetProjectStagesTable, "planned_end" | "actual_end">;

/**
 * Whether a stage is late on `today` (YYYY-MM-DD): past its planned end without an actual
 * end, or ended after its planned end. A stage with no planned end is never late.
 */
export function isStageLate(s: Stage, today: string): boolean {
  if (!s.planned_end) return false;
  if (s.actual_end) return s.actual_end > s.planned_end;
  return s.planned_end < today;
}

/** A project is delayed when any of its stages is late; on time otherwise. */
export function isDelayed(stages: readonly Stage[], today: string): boolean {
  return stages.some((s) => isStageLate(s, today));
}

const emptyFigures = (published: boolean): Figures => ({
  received: 0,
  admitted: 0,
  notAdmitted: 0,
  notAdmittedByReason: Object.fromEntries(REJECTION_REASONS.map((r) => [r, 0])) as Record<
    RejectionReason,
    number
  >,
  voters: published ? 0 : null,
  won: published ? 0 : null,
  projects: 0,
  completed: 0,
  onTime: 0,
  delayed: 0,
  allocated: 0,
  contracted: 0,
  spent: 0,
});

/** The body's own day today, in its jurisdiction's time zone. */
export async function bodyToday(ctx: AppContext, agencyId: string): Promise<string> {
  const zone = ctx.calendars.forJurisdiction(await jurisdictionOf(ctx.db.kysely, agencyId)).rules
    .timeZone;
  return toPlainDate(ctx.clock.now(), zone);
}

/** A cycle the public may see (announced by its dates), or undefined for an unknown or draft one. */
export async function publicCycle(db: Db, id: string, now: Date): Promise<CycleRow | undefined> {
  if (!BUDGET_ID.test(id)) return undefined;
  const cycle = await db
    .selectFrom("budget_cycles")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!cycle || phaseAt(cycle, now) === "draft") return undefined;
  return cycle;
}

/** A body's public cycles, newest year first. */
export async function publicCyclesOf(db: Db, agencyId: string, now: Date): Promise<CycleRow[]> {
  const rows = await db
    .selectFrom("budget_cycles")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("announcement_at", "<=", now.toISOString())
    .orderBy("year", "desc")
    .orderBy("announcement_at", "desc")
    .execute();
  return rows.filter((c) => phaseAt(c, now) !== "draft");
}

/** The bodies that have at least one public cycle, with how many. */
export async function bodiesWithCycles(
  db: Db,
  now: Date,
): Promise<{ agencyId: string; cycles: number }[]> {
  const rows = await db
    .selectFrom("budget_cycles")
    .select(["agency_id", "announcement_at", "proposals_at", "review_at", "voting_at"])
    .select(["results_at", "implementation_at", "closed_at"])
    .where("announcement_at", "<=", now.toISOString())
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows)
    if (phaseAt(r, now) !== "draft") counts.set(r.agency_id, (counts.get(r.agency_id) ?? 0) + 1);
  return [...counts].map(([agencyId, cycles]) => ({ agencyId, cycles }));
}

type ProjectRow = Pick<
  BudgetProjectsTable,
  "id" | "territory_code" | "status" | "amount_allocated" | "amount_contracted" | "amount_spent"
>;

/** Adds one project to a set of figures. */
function addProject(f: Figures, p: ProjectRow, stages: readonly Stage[], today: string) {
  f.projects++;
  if (p.status === "completed") f.completed++;
  if (isDelayed(stages, today)) f.delayed++;
  else f.onTime++;
  f.allocated += Number(p.amount_allocated);
  f.contracted += Number(p.amount_contracted ?? 0);
  f.spent += Number(p.amount_spent ?? 0);
}

/**
 * The figures of cycles (all of one body, usually), per cycle and per territory. `today` is
 * the body's own day: a stage is late against it.
 */
export async function cycleFigures(
  db: Db,
  cycles: readonly CycleRow[],
  now: Date,
  today: string,
): Promise<CycleFigures[]> {
  if (cycles.length === 0) return [];
  const ids = cycles.map((c) => c.id);
  const [territories, proposals, projects] = await Promise.all([
    db
      .selectFrom("budget_territories")
      .selectAll()
      .where("cycle_id", "in", ids)
      .orderBy("cycle_id")
      .orderBy("code")
      .execute(),
    db
      .selectFrom("budget_proposals")
      .select(["cycle_id", "territory_code", "decision", "decision_reason", "winner"])
      .where("cycle_id", "in", ids)
      .where("submitted_at", "is not", null)
      .where("status", "not in", ["draft", "collecting"])
      .execute(),
    db
      .selectFrom("budget_projects")
      .select([
        "id",
        "cycle_id",
        "territory_code",
        "status",
        "amount_allocated",
        "amount_contracted",
        "amount_spent",
      ])
      .where("cycle_id", "in", ids)
      .execute(),
  ]);
  const stages =
    projects.length === 0
      ? []
      : await db
          .selectFrom("budget_project_stages")
          .select(["project_id", "planned_end", "actual_end"])
          .where(
            "project_id",
            "in",
            projects.map((p) => p.id),
          )
          .execute();
  const stagesOf = new Map<string, Stage[]>();
  for (const s of stages) stagesOf.set(s.project_id, [...(stagesOf.get(s.project_id) ?? []), s]);

  return cycles.map((c) => {
    const published = c.results_published_at !== null;
    const totals = emptyFigures(published);
    const mine = territories.filter((t) => t.cycle_id === c.id);
    const byCode = new Map<string, TerritoryFigures>(
      mine.map((t) => [
        t.code,
        {
          code: t.code,
          names: { kk: t.name_kk, ru: t.name_ru, en: t.name_en },
          amount: Number(t.amount),
          ...emptyFigures(published),
          voters: published ? Number(t.voters_count ?? 0) : null,
        },
      ]),
    );
    const both = (code: string) => [totals, byCode.get(code)].filter((f): f is Figures => !!f);
    for (const p of proposals) {
      if (p.cycle_id !== c.id) continue;
      for (const f of both(p.territory_code)) {
        f.received++;
        if (p.decision === "admitted") {
          f.admitted++;
          if (published && Number(p.winner) === 1) f.won = (f.won ?? 0) + 1;
        } else if (p.decision === "rejected" || p.decision === "merged") {
          f.notAdmitted++;
          const reason = (
            REJECTION_REASONS.includes(p.decision_reason as RejectionReason)
              ? p.decision_reason
              : p.decision === "merged"
                ? "duplicate"
                : null
          ) as RejectionReason | null;
          if (reason) f.notAdmittedByReason[reason]++;
        }
      }
    }
    if (published) {
      totals.voters = Number(c.voters_count ?? 0);
      for (const p of projects) {
        if (p.cycle_id !== c.id) continue;
        for (const f of both(p.territory_code)) addProject(f, p, stagesOf.get(p.id) ?? [], today);
      }
    }
    return {
      id: c.id,
      agencyId: c.agency_id,
      year: Number(c.year),
      title: { kk: c.title_kk, ru: c.title_ru, en: c.title_en },
      phase: phaseAt(c, now),
      resultsPublishedAt: c.results_published_at,
      amount: mine.reduce((s, t) => s + Number(t.amount), 0),
      totals,
      territories: [...byCode.values()],
    };
  });
}
