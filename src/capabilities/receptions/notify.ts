import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { formatEventTime } from "../../kernel/format/index.js";
import { type Locale, translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import { noticeAccount } from "../identity/index.js";
import type { BookingRow } from "./reception.repository.js";

export type Notice =
  | "booked"
  | "moved"
  | "reminder"
  | "clarify"
  | "advised"
  | "redirected"
  | "appeal"
  | "refused"
  | "resolved";

/**
 * Tells the person who booked what happened, in their language, through the outbox in the
 * caller's transaction (nobody hears of a change that was rolled back). Walk-ins without an
 * account, and accounts without a confirmed address or that chose no e-mail, get nothing.
 */
export async function notifyPerson(
  trx: Kysely<Database>,
  ctx: AppContext,
  booking: Pick<BookingRow, "id" | "account_id" | "slot_id">,
  notice: Notice,
  params: Record<string, string> | ((language: Locale) => Record<string, string>) = {},
): Promise<boolean> {
  if (!booking.account_id) return false;
  const account = await noticeAccount(trx, booking.account_id);
  if (!account) return false;
  const language = account.language;
  const t = translator(ctx.catalogues, language);
  let when = "";
  if (booking.slot_id) {
    const slot = await trx
      .selectFrom("reception_slots as s")
      .innerJoin("reception_schedules as sc", "sc.id", "s.schedule_id")
      .select(["s.starts_at", "s.ends_at", "sc.time_zone", "sc.place", "sc.online_url"])
      .where("s.id", "=", booking.slot_id)
      .executeTakeFirst();
    if (slot)
      when = [formatEventTime(slot, language), slot.place, slot.online_url]
        .filter(Boolean)
        .join(", ");
  }
  const all = {
    when,
    link: `${ctx.config.publicUrl}/reception/bookings/${booking.id}`,
    ...(typeof params === "function" ? params(language) : params),
  };
  await enqueueMail(trx, ctx.clock, {
    to: account.email,
    subject: t(`receptions.notify.${notice}.subject`, all),
    text: t(`receptions.notify.${notice}.body`, all),
  });
  return true;
}
