import type { AppContext } from "../../platform/manifest.js";
import type { Job } from "../../platform/scheduler.js";
import { type CycleRow, phaseAt } from "./budget.js";
import { publishResults, RESULTS_GRACE_MS } from "./commands/results.js";

/**
 * Moves every cycle whose stored phase differs from its phase by the clock, with a conditional
 * update (`WHERE id = ? AND phase = <old>`): only the instance whose update changed the row
 * does the transition's work, in the same transaction, so several instances may run this at
 * once. Once voting has ended (and a minute's grace has passed for a batch taken at the close)
 * the results are counted and published, exactly once. Returns the cycles moved or published.
 */
export async function advanceBudgetCycles(ctx: AppContext): Promise<number> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const graceIso = new Date(now.getTime() - RESULTS_GRACE_MS).toISOString();
  const rows = await db
    .selectFrom("budget_cycles")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("phase", "!=", "closed"),
        eb.and([eb("results_published_at", "is", null), eb("results_at", "<=", graceIso)]),
      ]),
    )
    .where("announcement_at", "<=", iso)
    .limit(200)
    .execute();
  let done = 0;
  for (const row of rows as CycleRow[]) {
    const target = phaseAt(row, now);
    const due = row.results_published_at === null && row.results_at <= graceIso;
    if (target === row.phase && !due) continue;
    const changed = await db.transaction().execute(async (trx) => {
      let moved = false;
      if (target !== row.phase) {
        const r = await trx
          .updateTable("budget_cycles")
          .set({ phase: target, updated_at: iso })
          .where("id", "=", row.id)
          .where("phase", "=", row.phase)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        moved = true;
      }
      const published = due ? await publishResults(trx, ctx, row, now) : false;
      return moved || published;
    });
    if (changed) done++;
  }
  if (done > 0) {
    ctx.pageCache.invalidate();
    ctx.mail.kick();
  }
  return done;
}

/** The capability's jobs: the phase job, every 15 seconds. */
export const budgetJobs = (ctx: AppContext): Job[] => [
  {
    name: "budgets.phases",
    everyMs: 15_000,
    async run() {
      await advanceBudgetCycles(ctx);
    },
  },
];
