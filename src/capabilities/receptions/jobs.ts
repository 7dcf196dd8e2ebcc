import type { AppContext } from "../../platform/manifest.js";
import type { Job } from "../../platform/scheduler.js";
import { notifyPerson } from "./notify.js";

/**
 * Reminds people of their reception the day before: every booking starting within the next
 * 24 hours and not yet reminded. Each reminder is claimed by a conditional UPDATE (…WHERE
 * reminded_at IS NULL) in the transaction that queues the mail, so with several instances
 * exactly one sends it. Returns how many this run sent.
 */
export async function sendReceptionReminders(ctx: AppContext, pageSize = 200): Promise<number> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + 24 * 3_600_000).toISOString();
  const due = await db
    .selectFrom("reception_bookings")
    .select(["id", "account_id", "slot_id", "starts_at"])
    .where("status", "=", "booked")
    .where("reminded_at", "is", null)
    .where("starts_at", ">", nowIso)
    .where("starts_at", "<=", until)
    .orderBy("starts_at")
    .limit(pageSize)
    .execute();
  let sent = 0;
  for (const b of due) {
    const won = await db.transaction().execute(async (trx) => {
      const claim = await trx
        .updateTable("reception_bookings")
        .set({ reminded_at: nowIso })
        .where("id", "=", b.id)
        .where("status", "=", "booked")
        .where("reminded_at", "is", null)
        .where("starts_at", "=", b.starts_at)
        .executeTakeFirst();
      if (claim.numUpdatedRows !== 1n) return false;
      await notifyPerson(trx, ctx, b, "reminder");
      return true;
    });
    if (won) sent++;
  }
  if (sent > 0) ctx.mail.kick();
  return sent;
}

/** The reception clock: reminders every five minutes, safe on several instances. */
export function receptionJobs(ctx: AppContext): Job[] {
  return [
    {
      name: "receptions-reminders",
      everyMs: 5 * 60_000,
      run: async () => {
        await sendReceptionReminders(ctx);
      },
    },
  ];
}
