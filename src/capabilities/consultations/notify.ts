import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { isLocale, translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
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
  const people = await trx
    .selectFrom("consultation_subscriptions as s")
    .innerJoin("accounts as a", "a.id", "s.account_id")
    .select(["a.email", "a.language"])
    .where("s.consultation_id", "=", consultation.id)
    .where("a.deleted_at", "is", null)
    .where("a.active", "=", 1)
    .where("a.email_confirmed_at", "is not", null)
    .orderBy("s.created_at")
    .execute();
  const base = `${ctx.config.publicUrl}/consultations/${consultation.id}`;
  let sent = 0;
  for (const person of people) {
    if (!person.email) continue;
    const locale = isLocale(person.language) ? person.language : "kk";
    const t = translator(ctx.catalogues, locale);
    const all = {
      title: consultation[`title_${locale}`],
      link: notice === "report" ? `${base}/report` : base,
      draft: base,
      ...params,
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
