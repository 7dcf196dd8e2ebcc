import type { AppContext } from "../../../platform/manifest.js";
import { OPEN_STATUSES } from "../appeal.js";
import { notifyApplicant } from "../notify.js";
import { recordAppealChange } from "../stats/record.js";
import { claimEach, clockScopes, recordClockStep, undecidedAppeals } from "./clock-scope.js";

/**
 * Records "deemed refused" (APPK art. 91 p.2) for appeals still undecided after their due
 * date, once each: the timestamp, an audit entry and the applicant's notice commit together.
 * Returns how many appeals this instance recorded.
 */
export async function recordDeemedRefusals(
  ctx: AppContext,
  options: { pageSize: number },
): Promise<number> {
  let done = 0;
  for (const scope of clockScopes(ctx)) {
    const rows = await undecidedAppeals(ctx.db.kysely, scope)
      .where("due_on", "<", scope.today)
      .where("deemed_refused_at", "is", null)
      .orderBy("due_on")
      .orderBy("id")
      .limit(options.pageSize)
      .execute();
    done += await claimEach(ctx, "appeals-deemed-refused", rows, async (trx, row) => {
      const now = ctx.clock.now().toISOString();
      const claim = await trx
        .updateTable("appeals")
        .set({ deemed_refused_at: now, updated_at: now })
        .where("id", "=", row.id)
        .where("deemed_refused_at", "is", null)
        .where("due_on", "=", row.due_on)
        .where("status", "in", OPEN_STATUSES)
        .executeTakeFirst();
      if (claim.numUpdatedRows !== 1n) return false;
      const after = await trx
        .selectFrom("appeals")
        .selectAll()
        .where("id", "=", row.id)
        .executeTakeFirstOrThrow();
      await recordAppealChange(trx, ctx.calendars, { ...after, deemed_refused_at: null }, after);
      await recordClockStep(trx, ctx, row, "appeal.deemed_refused", { status: row.status });
      await notifyApplicant(trx, ctx, row, "deemed_refused");
      return true;
    });
  }
  return done;
}
