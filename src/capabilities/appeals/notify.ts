import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { isLocale, type Locale, translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import { enqueueSms } from "../../platform/delivery/sms/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import type { AppealRow } from "./appeal.repository.js";

/** Steps the applicant is told about, each with texts `appeals.notify.<event>.*` in every language. */
export type AppealNotice =
  | "registered"
  | "attached"
  | "redirected"
  | "forwarded"
  | "correction_requested"
  | "extended"
  | "answered"
  | "returned"
  | "terminated"
  | "withdrawn"
  | "complaint_registered"
  | "deemed_refused";

/** What a notice needs of the applicant's account: contacts, choices, language. */
export const NOTICE_ACCOUNT_COLUMNS = [
  "email",
  "email_confirmed_at",
  "phone",
  "notify_email",
  "notify_sms",
  "language",
] as const;
export type NoticeAccount = {
  email: string | null;
  email_confirmed_at: string | null;
  phone: string | null;
  notify_email: number;
  notify_sms: number;
  language: string;
};
export type AgencyNames = { name_kk: string; name_ru: string; name_en: string };

/**
 * Tells the applicant of a step, by e-mail and by SMS, in their language, through the outboxes
 * in the caller's transaction (so nothing is announced that did not happen). For an applicant
 * with an account, their notification choices and current contacts apply; for a person
 * registered at the counter, the contacts they gave. A caller that has just read the account
 * or the body may pass them (`known`) to save the lookups.
 */
export async function notifyApplicant(
  trx: Kysely<Database>,
  ctx: AppContext,
  appeal: Pick<
    AppealRow,
    | "number"
    | "agency_id"
    | "applicant_account_id"
    | "applicant_email"
    | "applicant_phone"
    | "applicant_language"
    | "due_on"
  >,
  notice: AppealNotice,
  params: Record<string, string | number> = {},
  known: { account?: NoticeAccount | undefined; agency?: AgencyNames | undefined } = {},
): Promise<void> {
  let email = appeal.applicant_email;
  let phone = appeal.applicant_phone;
  let language: Locale = isLocale(appeal.applicant_language) ? appeal.applicant_language : "kk";
  if (appeal.applicant_account_id) {
    const account =
      known.account ??
      (await trx
        .selectFrom("accounts")
        .select(NOTICE_ACCOUNT_COLUMNS)
        .where("id", "=", appeal.applicant_account_id)
        .where("deleted_at", "is", null)
        .executeTakeFirst());
    if (!account) return;
    email = Number(account.notify_email) === 1 && account.email_confirmed_at ? account.email : null;
    phone = Number(account.notify_sms) === 1 ? account.phone : null;
    if (isLocale(account.language)) language = account.language;
  }
  if (!email && !phone) return;
  const agency =
    known.agency ??
    (await trx
      .selectFrom("agencies")
      .select(["name_kk", "name_ru", "name_en"])
      .where("id", "=", appeal.agency_id)
      .executeTakeFirst());
  const t = translator(ctx.catalogues, language);
  const all: Record<string, string | number> = {
    number: appeal.number,
    agency: agency ? agency[`name_${language}`] : "",
    due: appeal.due_on,
    link: `${ctx.config.publicUrl}/appeals/${encodeURIComponent(appeal.number)}`,
    ...params,
  };
  if (typeof params.targetAgencyId === "string") {
    const target = await trx
      .selectFrom("agencies")
      .select(["name_kk", "name_ru", "name_en"])
      .where("id", "=", params.targetAgencyId)
      .executeTakeFirst();
    all.target = target ? target[`name_${language}`] : "";
  }
  if (typeof params.reason === "string" && /^[a-z_]+$/.test(params.reason)) {
    all.reason = t(`appeals.reason.${params.reason}`);
  }
  if (email) {
    await enqueueMail(trx, ctx.clock, {
      to: email,
      subject: t(`appeals.notify.${notice}.subject`, all),
      text: `${t(`appeals.notify.${notice}.body`, all)}\n\n${t("appeals.notify.footer", all)}`,
    });
  }
  if (phone) {
    await enqueueSms(trx, ctx.clock, {
      to: phone,
      text: t(`appeals.notify.${notice}.subject`, all),
    });
  }
}
