import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { dateParams } from "../../../kernel/format/index.js";
import { type Catalogues, type Locale, translator } from "../../../kernel/i18n.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import { agencyNames } from "../../agencies/index.js";
import { accountContacts, staffWithRole } from "../../identity/index.js";
import type { AppealRow } from "../appeal.repository.js";

/** A member of staff the clock writes to, in the language of their account. */
export interface StaffRecipient {
  id: string;
  email: string;
  /** Null when the account's language is none Halyq speaks: the instance's default applies. */
  language: Locale | null;
}

/** Staff messages of the clock, each with `appeals.jobs.<name>.subject` and `.body`. */
export const STAFF_NOTICES = [
  "reminder",
  "escalated_head",
  "escalated_higher",
  "crime_report",
] as const;
export type StaffNotice = (typeof STAFF_NOTICES)[number];

/**
 * Who the clock writes to, looked up once per run: the heads of a body and single accounts.
 * Only active accounts with an e-mail address count. Lookups run on the caller's transaction
 * (SQLite has one connection, which the transaction holds).
 */
export class StaffDirectory {
  readonly #heads = new Map<string, Promise<StaffRecipient[]>>();
  readonly #names = new Map<string, Promise<Record<Locale, string> | undefined>>();

  heads(db: Kysely<Database>, agencyId: string): Promise<StaffRecipient[]> {
    let found = this.#heads.get(agencyId);
    if (!found) {
      found = staffWithRole(db, agencyId, "head")
        .then((heads) =>
          recipients(
            db,
            heads.map((h) => h.id),
          ),
        )
        .then((list) => list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
      this.#heads.set(agencyId, found);
    }
    return found;
  }

  async account(db: Kysely<Database>, id: string): Promise<StaffRecipient | undefined> {
    return (await recipients(db, [id]))[0];
  }

  /** A body's name in the three languages. */
  agencyName(db: Kysely<Database>, agencyId: string): Promise<Record<Locale, string> | undefined> {
    let found = this.#names.get(agencyId);
    if (!found) {
      found = agencyNames(db, [agencyId]).then((names) => names.get(agencyId));
      this.#names.set(agencyId, found);
    }
    return found;
  }
}

/** The active accounts among `ids` that have an e-mail address, as recipients. */
async function recipients(db: Kysely<Database>, ids: string[]): Promise<StaffRecipient[]> {
  const contacts = await accountContacts(db, ids);
  return [...contacts.values()].flatMap((c) =>
    c.active && c.email !== null ? [{ id: c.id, email: c.email, language: c.language }] : [],
  );
}

/** Each person once, whatever roles bring them in twice (an executor who is also a head). */
export function distinctRecipients(list: (StaffRecipient | undefined)[]): StaffRecipient[] {
  const seen = new Map<string, StaffRecipient>();
  for (const r of list) if (r && !seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()];
}

/**
 * Queues one message to each recipient, in their language, inside the clock's transaction
 * (so it goes out only if the step that it announces commits). The body named is `agencyId`,
 * the one holding the appeal; `withLink` adds the case page, for staff who may open it.
 */
export async function mailStaff(
  trx: Kysely<Database>,
  ctx: AppContext,
  directory: StaffDirectory,
  recipients: StaffRecipient[],
  notice: StaffNotice,
  appeal: Pick<AppealRow, "number" | "kind" | "agency_id" | "due_on">,
  withLink: boolean,
): Promise<void> {
  const names = await directory.agencyName(trx, appeal.agency_id);
  const link = `${ctx.config.publicUrl}/office/appeals/${encodeURIComponent(appeal.number)}`;
  for (const r of recipients) {
    const language: Locale = r.language ?? ctx.config.defaultLocale;
    const texts = staffNoticeTexts(ctx.catalogues, language, notice, {
      appeal,
      agency: names?.[language] ?? "",
      link: withLink ? link : undefined,
    });
    await enqueueMail(trx, ctx.clock, {
      to: r.email,
      subject: texts.subject,
      text: texts.text,
    });
  }
}

/**
 * One message of the clock in a member of staff's language: the appeal's kind and due date in
 * words (`{dueBy}`, `{dueOn}` as the sentence needs), and the case page when `link` is given.
 */
export function staffNoticeTexts(
  catalogues: Catalogues,
  language: Locale,
  notice: StaffNotice,
  {
    appeal,
    agency,
    link,
  }: {
    appeal: Pick<AppealRow, "number" | "kind" | "due_on">;
    agency: string;
    link?: string | undefined;
  },
): { subject: string; text: string } {
  const t = translator(catalogues, language);
  const params = {
    number: appeal.number,
    kind: t(`appeals.kind.${appeal.kind}`),
    agency,
    ...dateParams("due", appeal.due_on, language),
    link: link ?? "",
  };
  const body = t(`appeals.jobs.${notice}.body`, params);
  return {
    subject: t(`appeals.jobs.${notice}.subject`, params),
    text: link ? `${body}\n\n${t("appeals.jobs.open_case", params)}` : body,
  };
}
