import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { dateParams } from "../../kernel/format/index.js";
import { translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import { mailContacts } from "../identity/index.js";
import type { ConsultationRow } from "./consultation.repository.js";

/** What subscribers are told about: a report, or a new version with a new window. */
export type SubscriberNotice = "report" | "version";

/**
 * Mails every subscriber of a draft with a confirmed address, each in their own language,
 * through the outbox in the caller's transaction (sent only if the change commits).
 */
export async function notifySubscribers(
  ctx: AppContext,
  trx: Kysely<Database>,
  consultation: ConsultationRow,
  notice: SubscriberNotice,
  params: Record<string, string | number> = {},
): Promise<number> {
  const subscribers = await trx
    .selectFrom("consultation_subscriptions")
    .select("account_id")
    .where("consultation_id", "=", consultation.id)
    .orderBy("created_at")
    .execute();
  const contacts = await mailContacts(
    trx,
    subscribers.map((s) => s.account_id),
  );
  const base = `${ctx.config.publicUrl}/consultations/${consultation.id}`;
  let sent = 0;
  for (const subscriber of subscribers) {
    const person = contacts.get(subscriber.account_id);
    if (!person?.active) continue;
    const locale = person.language;
    const t = translator(ctx.catalogues, locale);
    const all = {
      title: consultation[`title_${locale}`],
      link: notice === "report" ? `${base}/report` : base,
      draft: base,
      ...params,
      ...(typeof params.closes === "string" ? dateParams("closes", params.closes, locale) : {}),
    };
    await enqueueMail(trx, ctx.clock, {
      to: person.email,
      subject: t(`consultations.mail.${notice}.subject`, all),
      text: `${t(`consultations.mail.${notice}.body`, all)}\n\n${t("consultations.mail.footer", all)}`,
    });
    sent++;
  }
  return sent;
}
