import type { AppContext } from "../../../platform/manifest.js";
import { OPEN_STATUSES } from "../appeal.js";
import { claimEach, clockScopes, recordClockStep, undecidedAppeals } from "./clock-scope.js";
import { distinctRecipients, mailStaff, StaffDirectory } from "./staff-mail.js";

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
  const staff = new StaffDirectory();
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
      const recipients = distinctRecipients([
        ...(row.executor_id ? [await staff.account(trx, row.executor_id)] : []),
        ...(await staff.heads(trx, row.agency_id)),
      ]);
      await mailStaff(trx, ctx, staff, recipients, "reminder", row, true);
      await recordClockStep(trx, ctx, row, "appeal.reminded", { recipients: recipients.length });
      return true;
    });
  }
  return done;
}
