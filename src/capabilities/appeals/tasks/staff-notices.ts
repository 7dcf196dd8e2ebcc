import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { dateParams } from "../../../kernel/format/index.js";
import { type Catalogues, type Locale, translator } from "../../../kernel/i18n.js";
import type { Principal } from "../../../kernel/permissions.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import { enqueueSms } from "../../../platform/delivery/sms/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import { agencyNames } from "../../agencies/index.js";
import { accountContacts, accountNames, staffWithRole } from "../../identity/index.js";
import type { AppealAction } from "../appeal.js";
import { type AppealRow, findAppealByNumber } from "../appeal.repository.js";
import { currentCoExecutors } from "../resolutions.js";
import { noticeModes } from "./notice-settings.js";

/**
 * What staff are told of, each with `appeals.staff_notice.<name>.subject`, `.body` and `.short`
 * (the digest's line); the reminder's subject and body are the clock's (`appeals.jobs.reminder`).
 */
export const STAFF_TASK_NOTICES = [
  "assigned",
  "approval_requested",
  "sent_back",
  "complaint",
  "complaint_filed",
  "redirected_in",
  "reminder",
] as const;
export type StaffTaskNotice = (typeof STAFF_TASK_NOTICES)[number];

type NoticeAppeal = Pick<AppealRow, "id" | "number" | "kind" | "agency_id" | "due_on">;

/** "Surname Given-name Patronymic" of an account, or "" for none. */
async function personName(db: Kysely<Database>, id: string | null): Promise<string> {
  if (!id) return "";
  const n = (await accountNames(db, [id])).get(id);
  return n ? [n.surname, n.given_name, n.patronymic].filter(Boolean).join(" ") : "";
}

/**
 * A staff notice in one language: the subject, the mail's text (the notice, the case page and
 * where to change the notices) and the SMS. Dates are words (`{due}` «10 декабря 2026 г.»).
 */
export function staffTaskTexts(
  catalogues: Catalogues,
  language: Locale,
  notice: StaffTaskNotice,
  values: {
    appeal: Pick<AppealRow, "number" | "kind" | "due_on">;
    agency: string;
    publicUrl: string;
    extra?: Record<string, string>;
  },
): { subject: string; text: string; sms: string } {
  const t = translator(catalogues, language);
  const params = {
    number: values.appeal.number,
    kind: t(`appeals.kind.${values.appeal.kind}`),
    agency: values.agency,
    ...dateParams("due", values.appeal.due_on, language),
    ...(values.extra ?? {}),
    link: `${values.publicUrl}/office/appeals/${encodeURIComponent(values.appeal.number)}`,
  };
  const base = notice === "reminder" ? "appeals.jobs.reminder" : `appeals.staff_notice.${notice}`;
  const subject = t(`${base}.subject`, params);
  const text = [
    t(`${base}.body`, params),
    t("appeals.staff_notice.open_case", params),
    t("appeals.staff_notice.settings", { link: `${values.publicUrl}/office/tasks#notices` }),
  ].join("\n\n");
  return { subject, text, sms: subject };
}

/**
 * Tells each of `accountIds` (but the person who acted) of a step on `appeal`, as each chose:
 * at once by e-mail in their account's language (and by SMS when they chose SMS and gave a
 * number), as a line of the next daily digest, or not at all. Written in the caller's
 * transaction, so nothing is announced that did not happen. Inactive accounts hear nothing.
 */
export async function noticeStaff(
  trx: Kysely<Database>,
  ctx: AppContext,
  accountIds: (string | null)[],
  notice: StaffTaskNotice,
  appeal: NoticeAppeal,
  extra: Record<string, string> = {},
  actorId: string | null = null,
): Promise<number> {
  const ids = [...new Set(accountIds.filter((id): id is string => !!id && id !== actorId))];
  if (ids.length === 0) return 0;
  const [contacts, modes] = await Promise.all([accountContacts(trx, ids), noticeModes(trx, ids)]);
  const now = ctx.clock.now().toISOString();
  let names: Record<Locale, string> | undefined;
  let told = 0;
  for (const id of ids.sort()) {
    const contact = contacts.get(id);
    if (!contact?.active) continue;
    const mode = modes.get(id) ?? "immediate";
    if (mode === "none") continue;
    if (mode === "digest") {
      await trx
        .insertInto("appeal_staff_digest")
        .values({
          id: randomUUID(),
          account_id: id,
          notice,
          appeal_id: appeal.id,
          created_at: now,
          sent_at: null,
        })
        .execute();
      told++;
      continue;
    }
    const email = contact.email;
    const phone = contact.notifySms ? contact.phone : null;
    if (!email && !phone) continue;
    names ??= (await agencyNames(trx, [appeal.agency_id])).get(appeal.agency_id);
    const language = contact.language ?? ctx.config.defaultLocale;
    const texts = staffTaskTexts(ctx.catalogues, language, notice, {
      appeal,
      agency: names?.[language] ?? "",
      publicUrl: ctx.config.publicUrl,
      extra,
    });
    if (email)
      await enqueueMail(trx, ctx.clock, { to: email, subject: texts.subject, text: texts.text });
    if (phone) await enqueueSms(trx, ctx.clock, { to: phone, text: texts.sms });
    told++;
  }
  return told;
}

/**
 * The staff notices of a step just taken on `before` (now `after`), inside its transaction:
 * the executor and the resolution's co-executors hear of an assignment, the executor of a
 * draft sent back; the heads of a draft sent for
 * approval; the receiving body's heads of a complaint filed with it, and its registrars and
 * heads of an appeal redirected or forwarded to it.
 */
export async function noticeStaffOfStep(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  action: AppealAction,
  before: AppealRow,
  after: AppealRow,
  created: { number: string; agencyId: string } | undefined,
  reason: string | null,
): Promise<void> {
  const actor = principal.accountId;
  const heads = async (agencyId: string, roles: ("head" | "registrar")[] = ["head"]) =>
    (await staffWithRole(trx, agencyId, roles)).map((s) => s.id);
  switch (action) {
    case "assign":
      // The co-executors the new resolution names hear of it as the executor does.
      await noticeStaff(
        trx,
        ctx,
        [after.executor_id, ...(await currentCoExecutors(trx, after.id))],
        "assigned",
        after,
        {
          executor: await personName(trx, after.executor_id),
        },
        actor,
      );
      return;
    case "answer":
      await noticeStaff(
        trx,
        ctx,
        await heads(after.agency_id),
        "approval_requested",
        after,
        {
          executor: await personName(trx, after.executor_id ?? actor),
        },
        actor,
      );
      return;
    case "send-back":
      await noticeStaff(
        trx,
        ctx,
        [after.executor_id],
        "sent_back",
        after,
        {
          reason: reason ?? "",
        },
        actor,
      );
      return;
    case "complain":
    case "redirect":
    case "forward": {
      if (!created) return;
      const arrived = await findAppealByNumber(trx, created.number);
      if (!arrived) return;
      if (action === "complain") {
        await noticeStaff(
          trx,
          ctx,
          await heads(arrived.agency_id),
          "complaint",
          arrived,
          {
            source: before.number,
          },
          actor,
        );
        return;
      }
      const from = await agencyNames(trx, [before.agency_id]);
      const recipients = await heads(arrived.agency_id, ["head", "registrar"]);
      // The sender's name in each recipient's language is chosen per message below.
      for (const id of recipients) {
        const language =
          (await accountContacts(trx, [id])).get(id)?.language ?? ctx.config.defaultLocale;
        await noticeStaff(
          trx,
          ctx,
          [id],
          "redirected_in",
          arrived,
          {
            from: from.get(before.agency_id)?.[language] ?? "",
          },
          actor,
        );
      }
      return;
    }
    default:
      return;
  }
}
