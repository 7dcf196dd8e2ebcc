import { periodBounds } from "../../kernel/time/period.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { jurisdictionOf } from "../agencies/index.js";
import { bodyToday, isDelayed, publicCyclesOf } from "./accountability.js";

/**
 * One body's participatory budget in a period (dates in the body's zone, inclusive), each
 * figure counted when it happened:
 * - proposals received: submitted in the period (`submitted_at`);
 * - proposals admitted: the council's admission in the period (`decided_at`);
 * - voters and projects won: of the cycles whose results were published in the period;
 * - projects completed: acceptance actually ended in the period;
 * - projects delayed: of the cycles whose results were published in the period, those with a
 *   late stage on the period's last day (or today, when the period runs on);
 * - money allocated and spent (whole tenge): on the projects of the cycles whose results were
 *   published in the period, as reported so far.
 * A body with no public cycle has no such figures (an empty list, so the statistics show none).
 */
export async function budgetMeasures(
  ctx: AppContext,
  agencyId: string,
  period: { from: string; to: string },
): Promise<Measure[]> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const cycles = await publicCyclesOf(db, agencyId, now);
  if (cycles.length === 0) return [];
  const zone = ctx.calendars.forJurisdiction(await jurisdictionOf(db, agencyId)).rules.timeZone;
  const { start, end } = periodBounds(period, zone, now);
  const within = (at: string | null) => at !== null && at >= start && at < end;
  const ids = cycles.map((c) => c.id);
  const published = cycles.filter((c) => within(c.results_published_at));
  const publishedIds = published.map((c) => c.id);

  const proposals = await db
    .selectFrom("budget_proposals")
    .select(["cycle_id", "submitted_at", "decided_at", "decision", "winner"])
    .where("cycle_id", "in", ids)
    .where("submitted_at", "is not", null)
    .where("status", "not in", ["draft", "collecting"])
    .execute();
  const projects = await db
    .selectFrom("budget_projects")
    .select(["id", "cycle_id", "amount_allocated", "amount_spent"])
    .where("cycle_id", "in", ids)
    .execute();
  const stages =
    projects.length === 0
      ? []
      : await db
          .selectFrom("budget_project_stages")
          .select(["project_id", "stage", "planned_end", "actual_end"])
          .where(
            "project_id",
            "in",
            projects.map((p) => p.id),
          )
          .execute();
  const today = await bodyToday(ctx, agencyId);
  const [asOf] = [period.to, today].sort() as [string, string];
  const ofPublished = projects.filter((p) => publishedIds.includes(p.cycle_id));
  const stagesOf = (id: string) => stages.filter((s) => s.project_id === id);

  return [
    {
      name: "budgets.proposals_received",
      value: proposals.filter((p) => within(p.submitted_at)).length,
      unit: "count",
    },
    {
      name: "budgets.proposals_admitted",
      value: proposals.filter((p) => p.decision === "admitted" && within(p.decided_at)).length,
      unit: "count",
    },
    {
      name: "budgets.voters",
      value: published.reduce((s, c) => s + Number(c.voters_count ?? 0), 0),
      unit: "count",
    },
    {
      name: "budgets.projects_won",
      value: proposals.filter((p) => publishedIds.includes(p.cycle_id) && Number(p.winner) === 1)
        .length,
      unit: "count",
    },
    {
      name: "budgets.projects_completed",
      value: stages.filter(
        (s) =>
          s.stage === "acceptance" &&
          s.actual_end !== null &&
          s.actual_end >= period.from &&
          s.actual_end <= period.to,
      ).length,
      unit: "count",
    },
    {
      name: "budgets.projects_delayed",
      value: ofPublished.filter((p) => isDelayed(stagesOf(p.id), asOf)).length,
      unit: "count",
    },
    {
      name: "budgets.money_allocated",
      value: ofPublished.reduce((s, p) => s + Number(p.amount_allocated), 0),
      unit: "count",
    },
    {
      name: "budgets.money_spent",
      value: ofPublished.reduce((s, p) => s + Number(p.amount_spent ?? 0), 0),
      unit: "count",
    },
  ];
}
