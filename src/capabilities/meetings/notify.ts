import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { formatEventTime } from "../../kernel/format/index.js";
import { translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import { noticeAccount } from "../identity/index.js";
import { type MeetingRow, pick, titles } from "./meeting.js";

/**
 * Tells a person taken off the waiting list that they now have a place, in their language,
 * through the outbox in the caller's transaction (so nobody hears of a place they lost to a
 * rollback). Nothing is sent to an account without a confirmed address or that chose no e-mail.
 */
export async function notifyPromoted(
  trx: Kysely<Database>,
  ctx: AppContext,
  meeting: MeetingRow,
  accountId: string,
): Promise<void> {
  const account = await noticeAccount(trx, accountId);
  if (!account) return;
  const language = account.language;
  const t = translator(ctx.catalogues, language);
  const params = {
    title: pick(titles(meeting), language).text,
    when: formatEventTime(meeting, language),
    link: `${ctx.config.publicUrl}/meetings/${meeting.id}`,
  };
  await enqueueMail(trx, ctx.clock, {
    to: account.email,
    subject: t("meetings.notify.promoted.subject", params),
    text: t("meetings.notify.promoted.body", params),
  });
}
