import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { isPlainDate } from "../../kernel/calendar/plain-date.js";
import { dateParams } from "../../kernel/format/index.js";
import { type Catalogues, isLocale, type Locale, translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import { enqueueSms } from "../../platform/delivery/sms/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import { type Agency, agencyNames } from "../agencies/index.js";
import { type AccountContact, accountContacts } from "../identity/index.js";
import type { AppealRow } from "./appeal.repository.js";

/** Steps the applicant is told about, each with texts `appeals.notify.<event>.*` in every language. */
export const APPEAL_NOTICES = [
  "registered",
  "attached",
  "redirected",
  "redirected_part",
  "forwarded",
  "correction_requested",
  "extended",
  "answered",
  "returned",
  "terminated",
  "withdrawn",
  "complaint_registered",
  "deemed_refused",
] as const;
export type AppealNotice = (typeof APPEAL_NOTICES)[number];

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
  known: { account?: AccountContact | undefined; agency?: Agency["names"] | undefined } = {},
): Promise<void> {
  let email = appeal.applicant_email;
  let phone = appeal.applicant_phone;
  let language: Locale = isLocale(appeal.applicant_language) ? appeal.applicant_language : "kk";
  if (appeal.applicant_account_id) {
    const account =
      known.account ??
      (await accountContacts(trx, [appeal.applicant_account_id])).get(appeal.applicant_account_id);
    if (!account) return;
    email = account.notifyEmail && account.emailConfirmed ? account.email : null;
    phone = account.notifySms ? account.phone : null;
    if (account.language) language = account.language;
  }
  if (!email && !phone) return;
  const agency = known.agency ?? (await agencyNames(trx, [appeal.agency_id])).get(appeal.agency_id);
  const values: Record<string, string | number> = {
    number: appeal.number,
    agency: agency ? agency[language] : "",
    due: appeal.due_on,
    // Only a person with an account can open the appeal's page: others are told how to ask.
    ...(appeal.applicant_account_id
      ? { link: `${ctx.config.publicUrl}/appeals/${encodeURIComponent(appeal.number)}` }
      : {}),
    ...params,
  };
  if (typeof params.targetAgencyId === "string") {
    const target = (await agencyNames(trx, [params.targetAgencyId])).get(params.targetAgencyId);
    values.target = target ? target[language] : "";
  }
  const texts = applicantNoticeTexts(ctx.catalogues, language, notice, values);
  if (email) {
    await enqueueMail(trx, ctx.clock, {
      to: email,
      subject: texts.subject,
      text: texts.mail,
    });
  }
  if (phone) {
    await enqueueSms(trx, ctx.clock, {
      to: phone,
      text: texts.sms,
    });
  }
}

/**
 * The texts of one notice in the applicant's language: the e-mail's subject and text (the
 * notice and the footer) and the SMS. `values` holds the notice's parameters as the step gives
 * them; its dates (`due`, `until`, `newDue`, as `YYYY-MM-DD`) are written in words, with the
 * phrases a sentence needs (`{dueBy}` «…7 наурызға дейін», «до 7 марта 2027 г.»), and a coded
 * reason (`incomplete`) becomes its text.
 */
export function applicantNoticeTexts(
  catalogues: Catalogues,
  language: Locale,
  notice: AppealNotice,
  values: Record<string, string | number>,
): { subject: string; mail: string; sms: string } {
  const t = translator(catalogues, language);
  const all: Record<string, string | number> = { ...values };
  for (const key of ["due", "until", "newDue"]) {
    const value = all[key];
    if (isPlainDate(value)) Object.assign(all, dateParams(key, value, language));
  }
  if (typeof all.reason === "string" && /^[a-z_]+$/.test(all.reason)) {
    all.reason = t(`appeals.reason.${all.reason}`);
  }
  const subject = t(`appeals.notify.${notice}.subject`, all);
  return {
    subject,
    mail: `${t(`appeals.notify.${notice}.body`, all)}\n\n${t(
      "link" in all ? "appeals.notify.footer" : "appeals.notify.footer_no_account",
      all,
    )}`,
    sms: subject,
  };
}
