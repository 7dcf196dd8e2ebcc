import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { appendAudit, systemActor } from "../../kernel/audit/audit.js";
import type { Clock } from "../../kernel/clock.js";
import type { IdentityAssurance } from "../../kernel/identity-assurance.js";
import { withCheckDigit } from "../../kernel/ids.js";
import type { Role } from "../../kernel/permissions.js";
import { insertAccount, setGrants, updateAccount } from "./account.repository.js";
import { hashPassword } from "./auth/passwords.js";

/** The password of every demo account; listed in the README. Demo data never loads in production. */
export const DEMO_PASSWORD = "demo-password";
/** The demo staff accounts' shared TOTP secret (README); any authenticator app can add it. */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";
const DEMO_AGENCY = "ag-baikonur-akimat";

interface DemoPerson {
  email: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  iinPrefix?: string;
  /** Territory code of the registered address (a district), for votes and petitions by territory. */
  residence?: string;
  role?: Role;
  /**
   * How the identity is known: citizen@ and citizen2@ as after e-ID sign-in (they vote and
   * sign), citizen3@ only declared its IIN at registration (it files appeals, and is refused
   * where one person must count once).
   */
  identity?: IdentityAssurance;
  language: string;
}

const PEOPLE: DemoPerson[] = [
  {
    email: "citizen@demo.halyq.kz",
    surname: "Сейткали",
    givenName: "Айгерим",
    patronymic: "Нурлановна",
    iinPrefix: "9003154001",
    residence: "711410000",
    identity: "eid",
    language: "kk",
  },
  {
    email: "citizen2@demo.halyq.kz",
    surname: "Иванов",
    givenName: "Сергей",
    patronymic: "Петрович",
    iinPrefix: "8511203002",
    residence: "711310000",
    identity: "eid",
    language: "ru",
  },
  {
    email: "citizen3@demo.halyq.kz",
    surname: "Ермеков",
    givenName: "Данияр",
    patronymic: "Асанович",
    iinPrefix: "9107123005",
    identity: "declared",
    language: "ru",
  },
  {
    email: "registrar@demo.halyq.kz",
    surname: "Жумабаева",
    givenName: "Дана",
    patronymic: null,
    role: "registrar",
    language: "kk",
  },
  {
    email: "executor@demo.halyq.kz",
    surname: "Ахметов",
    givenName: "Ерлан",
    patronymic: null,
    role: "executor",
    language: "ru",
  },
  {
    email: "head@demo.halyq.kz",
    surname: "Касымов",
    givenName: "Бауыржан",
    patronymic: null,
    role: "head",
    language: "kk",
  },
  {
    email: "moderator@demo.halyq.kz",
    surname: "Ли",
    givenName: "Анна",
    patronymic: null,
    role: "moderator",
    language: "ru",
  },
  {
    email: "analyst@demo.halyq.kz",
    surname: "Омарова",
    givenName: "Камила",
    patronymic: null,
    role: "analyst",
    language: "en",
  },
  {
    email: "admin@demo.halyq.kz",
    surname: "Админ",
    givenName: "Демо",
    patronymic: null,
    role: "admin",
    language: "en",
  },
];

/** A valid IIN from ten digits of date, century and serial, trying serial endings until one is issued. */
function demoIin(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const iin = withCheckDigit(`${prefix}${d}`);
    if (iin) return iin;
  }
  throw new Error(`no valid IIN with prefix ${prefix}`);
}

export async function seedDemoAccounts(trx: Kysely<Database>, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  const actor = systemActor("demo");
  for (const p of PEOPLE) {
    const staff = p.role !== undefined;
    const id = await insertAccount(
      trx,
      {
        kind: staff ? "staff" : "citizen",
        email: p.email,
        passwordHash: hash,
        surname: p.surname,
        givenName: p.givenName,
        patronymic: p.patronymic,
        iin: p.iinPrefix ? demoIin(p.iinPrefix) : null,
        phone: null,
        language: p.language,
        emailConfirmedAt: now,
        ...(p.identity ? { identity: p.identity } : {}),
      },
      now,
    );
    if (p.residence) await updateAccount(trx, id, { residence_code: p.residence }, now);
    if (p.role) {
      await setGrants(
        trx,
        id,
        [{ role: p.role, agencyId: p.role === "admin" ? null : DEMO_AGENCY }],
        now,
      );
      await updateAccount(trx, id, { totp_secret: DEMO_TOTP_SECRET, totp_enabled_at: now }, now);
    }
    await appendAudit(trx, clock, [
      {
        actor,
        action: "account.created",
        subjectType: "account",
        subjectId: id,
        reason: "demo data",
        data: { email: p.email, role: p.role ?? null },
      },
    ]);
  }
}

/** Someone the demo data has live in a territory, who never signs in. */
export interface DemoResident {
  givenName: string;
  surname: string;
  iin: string;
  /** Territory code (KATO) of the registered address. */
  residenceCode: string;
  language: string;
}

/**
 * Adds demo residents in one statement, created at `at`, and gives their ids in the order
 * given. Their identity is as if verified by e-ID. They have neither password nor address, so
 * nobody can sign in as them; other demo data
 * (the demo petition's signers) acts in their name.
 */
export async function addDemoResidents(
  trx: Kysely<Database>,
  residents: DemoResident[],
  at: string,
): Promise<string[]> {
  if (residents.length === 0) return [];
  const rows = residents.map((r) => ({
    id: randomUUID(),
    kind: "citizen",
    email: null,
    email_confirmed_at: null,
    password_hash: null,
    surname: r.surname,
    given_name: r.givenName,
    patronymic: null,
    iin: r.iin,
    residence_code: r.residenceCode,
    phone: null,
    language: r.language,
    // They stand for people whose identity the e-ID stated (their IIN and address come from it).
    identity_assurance: "eid",
    identity_verified_at: at,
    created_at: at,
    updated_at: at,
    deleted_at: null,
  }));
  await trx.insertInto("accounts").values(rows).execute();
  return rows.map((r) => r.id);
}
