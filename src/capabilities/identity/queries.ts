import type { Kysely } from "kysely";
import { compiled, type Params } from "../../db/compiled.js";
import type { Database } from "../../db/schema.js";
import { isLocale, type Locale } from "../../kernel/i18n.js";
import { identityVerified } from "../../kernel/identity-assurance.js";
import type { Role } from "../../kernel/permissions.js";
import type { AccountKind } from "./account.js";

type Db = Kysely<Database>;

/**
 * How a person is named on the records of other capabilities, spelt as the accounts table
 * spells it (their rows carry the same fields).
 */
export interface AccountName {
  surname: string;
  given_name: string;
  patronymic: string | null;
}

/**
 * The names of accounts, by id, in one query. Closed accounts are included: their names stay
 * on the bookings, comments and questions they left.
 */
export async function accountNames(db: Db, ids: string[]): Promise<Map<string, AccountName>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("accounts")
    .select(["id", "surname", "given_name", "patronymic"])
    .where("id", "in", wanted)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { surname: r.surname, given_name: r.given_name, patronymic: r.patronymic },
    ]),
  );
}

/** Where mail for a person goes, and whether they want it. */
export interface MailContact {
  email: string;
  language: Locale;
  /** The person has not turned notifications by e-mail off. */
  notifyEmail: boolean;
  /** The account is not deactivated. */
  active: boolean;
}

/**
 * The mail contacts of open accounts with a confirmed address, by id; the others are absent,
 * since nothing may be sent to an address nobody confirmed.
 */
export async function mailContacts(db: Db, ids: string[]): Promise<Map<string, MailContact>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("accounts")
    .select(["id", "email", "email_confirmed_at", "notify_email", "language", "active"])
    .where("id", "in", wanted)
    .where("deleted_at", "is", null)
    .where("email_confirmed_at", "is not", null)
    .execute();
  const contacts = new Map<string, MailContact>();
  for (const r of rows) {
    if (!r.email) continue;
    contacts.set(r.id, {
      email: r.email,
      language: isLocale(r.language) ? r.language : "kk",
      notifyEmail: Number(r.notify_email) === 1,
      active: Number(r.active) === 1,
    });
  }
  return contacts;
}

/**
 * Where to tell a person about their own case (a booking, a place, a question): undefined when
 * the account is closed, has no confirmed address or its owner chose no e-mail.
 */
export async function noticeAccount(
  db: Db,
  id: string,
): Promise<{ email: string; language: Locale } | undefined> {
  const contact = (await mailContacts(db, [id])).get(id);
  return contact?.notifyEmail ? { email: contact.email, language: contact.language } : undefined;
}

/**
 * The demo accounts (demo data only), by the name before `@demo.halyq.kz`: other capabilities'
 * demo data acts as these people.
 */
export async function demoAccountIds(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("accounts")
    .select(["id", "email"])
    .where("email", "like", "%@demo.halyq.kz")
    .execute();
  const ids = new Map<string, string>();
  for (const r of rows) {
    const who = r.email?.match(/^(.*)@demo\.halyq\.kz$/)?.[1];
    if (who !== undefined) ids.set(who, r.id);
  }
  return ids;
}

/**
 * The open accounts holding a role (or any of several) at a body, each once, by surname, given
 * name and id. Deactivated
 * accounts are left out unless asked for (a list naming who handled past cases needs them).
 */
export async function staffWithRole(
  db: Db,
  agencyId: string,
  role: Role | readonly Role[],
  options: { includeInactive?: boolean } = {},
): Promise<({ id: string } & AccountName)[]> {
  let q = db
    .selectFrom("account_roles")
    .innerJoin("accounts", "accounts.id", "account_roles.account_id")
    .select(["accounts.id", "accounts.surname", "accounts.given_name", "accounts.patronymic"])
    .where("account_roles.agency_id", "=", agencyId)
    .where("account_roles.role", "in", typeof role === "string" ? [role] : role)
    .where("accounts.deleted_at", "is", null);
  if (!options.includeInactive) q = q.where("accounts.active", "=", 1);
  return q
    .distinct()
    .orderBy("accounts.surname")
    .orderBy("accounts.given_name")
    .orderBy("accounts.id")
    .execute();
}

/** The bodies where an active, open account holds a role (e.g. those with a head). */
export async function agenciesWithRole(db: Db, role: Role): Promise<Set<string>> {
  const rows = await db
    .selectFrom("account_roles")
    .innerJoin("accounts", "accounts.id", "account_roles.account_id")
    .select("account_roles.agency_id")
    .where("account_roles.role", "=", role)
    .where("account_roles.agency_id", "is not", null)
    .where("accounts.active", "=", 1)
    .where("accounts.deleted_at", "is", null)
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.agency_id as string));
}

/**
 * A person's name, IIN and contacts as they stand, and how they chose to be told of things.
 * Unlike `mailContacts`, an address nobody confirmed is given too (with `emailConfirmed`), since
 * a service may record it or reach the person by SMS instead.
 */
export interface AccountContact extends AccountName {
  id: string;
  iin: string | null;
  email: string | null;
  emailConfirmed: boolean;
  phone: string | null;
  /** Territory code (KATO) of the registered address, from the e-ID. */
  residenceCode: string | null;
  notifyEmail: boolean;
  notifySms: boolean;
  /** Null when the stored language is none Halyq speaks (the caller picks its own). */
  language: Locale | null;
  /** The account is not deactivated. */
  active: boolean;
  /** The IIN is verified (e-ID or in person), not only declared at registration. */
  identityVerified: boolean;
}

const contactRows = compiled((db, p: Params<{ ids: string[] }>) =>
  db
    .selectFrom("accounts")
    .select([
      "id",
      "surname",
      "given_name",
      "patronymic",
      "iin",
      "email",
      "email_confirmed_at",
      "phone",
      "residence_code",
      "notify_email",
      "notify_sms",
      "language",
      "active",
      "identity_assurance",
    ])
    .where("id", "in", p.list("ids"))
    .where("deleted_at", "is", null),
);

/** The contacts of open (not deleted) accounts, by id, in one query. */
export async function accountContacts(db: Db, ids: string[]): Promise<Map<string, AccountContact>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await contactRows.execute(db, { ids: wanted });
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        surname: r.surname,
        given_name: r.given_name,
        patronymic: r.patronymic,
        iin: r.iin,
        email: r.email,
        emailConfirmed: r.email_confirmed_at !== null,
        phone: r.phone,
        residenceCode: r.residence_code,
        notifyEmail: Number(r.notify_email) === 1,
        notifySms: Number(r.notify_sms) === 1,
        language: isLocale(r.language) ? r.language : null,
        active: Number(r.active) === 1,
        identityVerified: identityVerified(r.identity_assurance),
      },
    ]),
  );
}

/** What decides whether a person may vote or sign where a territory limits it. */
export interface Residence {
  kind: AccountKind;
  iin: string | null;
  /** Territory code (KATO) of the registered address, from the e-ID. */
  residenceCode: string | null;
  /**
   * Whether the IIN is verified (e-ID or in person): only then may it key a vote or a signature.
   * The policy decides from the session's principal; this is the fresh read inside the write.
   */
  identityVerified: boolean;
}

const residence = compiled((db, p: Params<{ accountId: string }>) =>
  db
    .selectFrom("accounts")
    .select(["kind", "iin", "residence_code", "identity_assurance"])
    .where("id", "=", p("accountId"))
    .where("deleted_at", "is", null),
);

/**
 * A person's kind, IIN and registered territory (undefined for an unknown or deleted account),
 * read fresh for each ballot and signature (a compiled query: building it anew cost more than
 * running it).
 */
export async function residenceOf(db: Db, accountId: string): Promise<Residence | undefined> {
  const a = await residence.takeFirst(db, { accountId });
  return a
    ? {
        kind: a.kind as AccountKind,
        iin: a.iin,
        residenceCode: a.residence_code,
        identityVerified: identityVerified(a.identity_assurance),
      }
    : undefined;
}
