import type { AppContext } from "../../../platform/manifest.js";
import { staffWithRole } from "../../identity/index.js";
import { OPEN_STATUSES } from "../appeal.js";
import { noticeStaff } from "../tasks/staff-notices.js";
import { claimEach, clockScopes, recordClockStep, undecidedAppeals } from "./clock-scope.js";

/**
 * Reminds the executor (when one is assigned) and the body's heads of appeals whose term
 * ends within the profile's `reminderDaysBefore` working days, once per due date: the appeal
 * keeps the date it was reminded for, so an extension (a new date) brings a new reminder.
 * Returns how many appeals this instance reminded of.
 */
export async function sendDueReminders(
  ctx: AppContext,
  options: { pageSize: number },
): Promise<number> {
  let done = 0;
  for (const scope of clockScopes(ctx)) {
    const until = scope.calendar.addWorkingDays(scope.today, scope.profile.reminderDaysBefore);
    const rows = await undecidedAppeals(ctx.db.kysely, scope)
      .where("due_on", ">=", scope.today)
      .where("due_on", "<=", until)
      .where((eb) =>
        eb.or([eb("reminded_for", "is", null), eb("reminded_for", "<>", eb.ref("due_on"))]),
      )
      .orderBy("due_on")
      .orderBy("id")
      .limit(options.pageSize)
      .execute();
    done += await claimEach(ctx, "appeals-reminders", rows, async (trx, row) => {
      const claim = await trx
        .updateTable("appeals")
        .set({ reminded_for: row.due_on })
        .where("id", "=", row.id)
        .where("due_on", "=", row.due_on)
        .where("status", "in", OPEN_STATUSES)
        .where((eb) =>
          eb.or([eb("reminded_for", "is", null), eb("reminded_for", "<>", row.due_on)]),
        )
        .executeTakeFirst();
      if (claim.numUpdatedRows !== 1n) return false;
      // Each as they chose: at once (mail, SMS where chosen), in the daily digest, or not.
      const heads = (await staffWithRole(trx, row.agency_id, "head")).map((h) => h.id);
      const told = await noticeStaff(trx, ctx, [row.executor_id, ...heads], "reminder", row);
      await recordClockStep(trx, ctx, row, "appeal.reminded", { recipients: told });
      return true;
    });
  }
  return done;
}
