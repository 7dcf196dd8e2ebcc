import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { isLocale, type Locale, translator } from "../../../kernel/i18n.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import type { AppealRow } from "../appeal.repository.js";

/** A member of staff the clock writes to, in the language of their account. */
export interface StaffRecipient {
  id: string;
  email: string;
  language: string;
}

/** Staff messages of the clock, each with `appeals.jobs.<name>.subject` and `.body`. */
export type StaffNotice = "reminder" | "escalated_head" | "escalated_higher" | "crime_report";

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
      found = recipients(db)
        .innerJoin("account_roles", "account_roles.account_id", "accounts.id")
        .where("account_roles.role", "=", "head")
        .where("account_roles.agency_id", "=", agencyId)
        .orderBy("accounts.id")
        .execute() as Promise<StaffRecipient[]>;
      this.#heads.set(agencyId, found);
    }
    return found;
  }

  async account(db: Kysely<Database>, id: string): Promise<StaffRecipient | undefined> {
    return (await recipients(db).where("accounts.id", "=", id).executeTakeFirst()) as
      | StaffRecipient
      | undefined;
  }

  /** A body's name in the three languages. */
  agencyName(db: Kysely<Database>, agencyId: string): Promise<Record<Locale, string> | undefined> {
    let found = this.#names.get(agencyId);
    if (!found) {
      found = db
        .selectFrom("agencies")
        .select(["name_kk", "name_ru", "name_en"])
        .where("id", "=", agencyId)
        .executeTakeFirst()
        .then((a) => (a ? { kk: a.name_kk, ru: a.name_ru, en: a.name_en } : undefined));
      this.#names.set(agencyId, found);
    }
    return found;
  }
}

function recipients(db: Kysely<Database>) {
  return db
    .selectFrom("accounts")
    .select(["accounts.id", "accounts.email", "accounts.language"])
    .where("accounts.active", "=", 1)
    .where("accounts.deleted_at", "is", null)
    .where("accounts.email", "is not", null);
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
    const language: Locale = isLocale(r.language) ? r.language : ctx.config.defaultLocale;
    const t = translator(ctx.catalogues, language);
    const params = {
      number: appeal.number,
      kind: t(`appeals.kind.${appeal.kind}`),
      agency: names?.[language] ?? "",
      due: appeal.due_on,
      link,
    };
    const body = t(`appeals.jobs.${notice}.body`, params);
    await enqueueMail(trx, ctx.clock, {
      to: r.email,
      subject: t(`appeals.jobs.${notice}.subject`, params),
      text: withLink ? `${body}\n\n${t("appeals.jobs.open_case", params)}` : body,
    });
  }
}
