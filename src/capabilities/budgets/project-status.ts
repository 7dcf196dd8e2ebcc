import { STAGES, type Stage } from "./budget.js";
import type { BudgetProjectStagesTable } from "./budgets.table.js";

/** A stage's dates as the rules read them (plain dates, YYYY-MM-DD, or null). */
export type StageDates = Pick<
  BudgetProjectStagesTable,
  "stage" | "planned_start" | "planned_end" | "actual_start" | "actual_end"
>;

export type DerivedStatus = "planned" | "in_progress" | "completed";

/** The stages in their fixed order (procurement, contract, works, acceptance); unknown ones dropped. */
export function inOrder<S extends StageDates>(stages: readonly S[]): S[] {
  return STAGES.flatMap((name) => stages.filter((s) => s.stage === name).slice(0, 1));
}

/**
 * A project's status from its stages: completed once acceptance has its actual end; in
 * progress once any stage has actually started (or ended); planned before that.
 */
export function projectStatus(stages: readonly StageDates[]): DerivedStatus {
  const acceptance = stages.find((s) => s.stage === "acceptance");
  if (acceptance?.actual_end) return "completed";
  if (stages.some((s) => s.actual_start || s.actual_end)) return "in_progress";
  return "planned";
}

/**
 * Whether a stage is late on `today` (the body's date): past its planned end with no actual
 * end, or ended after its planned end. A stage without a planned end is never late.
 */
export function isLate(stage: StageDates, today: string): boolean {
  if (!stage.planned_end) return false;
  if (stage.actual_end) return stage.actual_end > stage.planned_end;
  return today > stage.planned_end;
}

/** The current stage: the first (in order) without an actual end; null when all have ended. */
export function currentStage(stages: readonly StageDates[]): Stage | null {
  const open = inOrder(stages).find((s) => !s.actual_end);
  return open ? (open.stage as Stage) : null;
}

/** Whether any stage of the project is late on `today`. */
export function anyLate(stages: readonly StageDates[], today: string): boolean {
  return stages.some((s) => isLate(s, today));
}
