import { randomUUID } from "node:crypto";
import type { Kysely, Selectable, Updateable } from "kysely";
import { compiled, type Params } from "../../db/compiled.js";
import type { Database } from "../../db/schema.js";
import { isLocale } from "../../kernel/i18n.js";
import { type IdentityAssurance, isIdentityAssurance } from "../../kernel/identity-assurance.js";
import type { Role, RoleGrant } from "../../kernel/permissions.js";
import type { Account, AccountKind } from "./account.js";
import type { AccountsTable } from "./identity.table.js";

type Db = Kysely<Database>;

export type AccountRow = Selectable<AccountsTable>;

export function toAccount(r: AccountRow, grants: RoleGrant[]): Account {
  return {
    id: r.id,
    kind: r.kind as AccountKind,
    email: r.email,
    emailConfirmed: r.email_confirmed_at !== null,
    surname: r.surname,
    givenName: r.given_name,
    patronymic: r.patronymic,
    iin: r.iin,
    residenceCode: r.residence_code ?? null,
    phone: r.phone,
    language: isLocale(r.language) ? r.language : "kk",
    notifyEmail: Number(r.notify_email) === 1,
    notifySms: Number(r.notify_sms) === 1,
    totpEnabled: r.totp_enabled_at !== null,
    eidLinked: r.oidc_subject !== null,
    identity: assuranceOf(r.identity_assurance),
    active: Number(r.active) === 1 && r.deleted_at === null,
    grants,
  };
}

/** A stored level as the kernel names it; anything unexpected counts as only declared. */
export function assuranceOf(v: unknown): IdentityAssurance {
  return isIdentityAssurance(v) ? v : "declared";
}

/** A staff member's roles: read with their session on every request the cache does not answer. */
const grantRows = compiled((db, p: Params<{ accountId: string }>) =>
  db
    .selectFrom("account_roles")
    .select(["role", "agency_id"])
    .where("account_id", "=", p("accountId"))
    .orderBy("role"),
);

export async function grantsOf(db: Db, accountId: string): Promise<RoleGrant[]> {
  const rows = await grantRows.execute(db, { accountId });
  return rows.map((r) => ({ role: r.role as Role, agencyId: r.agency_id }));
}

export async function findAccountRow(
  db: Db,
  by: { id: string } | { email: string } | { iin: string } | { oidcSubject: string },
): Promise<AccountRow | undefined> {
  let q = db.selectFrom("accounts").selectAll().where("deleted_at", "is", null);
  if ("id" in by) q = q.where("id", "=", by.id);
  else if ("email" in by) q = q.where("email", "=", by.email);
  else if ("iin" in by) q = q.where("iin", "=", by.iin);
  else q = q.where("oidc_subject", "=", by.oidcSubject);
  return q.executeTakeFirst();
}

export async function findAccount(db: Db, id: string): Promise<Account | undefined> {
  const row = await findAccountRow(db, { id });
  return row ? toAccount(row, await grantsOf(db, id)) : undefined;
}

export interface NewAccount {
  kind: AccountKind;
  email: string | null;
  passwordHash: string | null;
  surname: string;
  givenName: string;
  patronymic: string | null;
  iin: string | null;
  phone: string | null;
  language: string;
  emailConfirmedAt?: string | null;
  oidcSubject?: string | null;
  /** Declared unless said otherwise (an account made from the e-ID is verified by it). */
  identity?: IdentityAssurance;
}

export async function insertAccount(db: Db, a: NewAccount, now: string): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("accounts")
    .values({
      id,
      kind: a.kind,
      email: a.email,
      email_confirmed_at: a.emailConfirmedAt ?? null,
      password_hash: a.passwordHash,
      surname: a.surname,
      given_name: a.givenName,
      patronymic: a.patronymic,
      iin: a.iin,
      phone: a.phone,
      language: a.language,
      oidc_subject: a.oidcSubject ?? null,
      identity_assurance: a.identity ?? "declared",
      identity_verified_at: a.identity && a.identity !== "declared" ? now : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateAccount(
  db: Db,
  id: string,
  changes: Omit<Updateable<AccountsTable>, "id" | "created_at">,
  now: string,
): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ ...changes, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function setGrants(
  db: Db,
  accountId: string,
  grants: RoleGrant[],
  now: string,
): Promise<void> {
  await db.deleteFrom("account_roles").where("account_id", "=", accountId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto("account_roles")
    .values(
      grants.map((g) => ({
        id: randomUUID(),
        account_id: accountId,
        role: g.role,
        agency_id: g.agencyId,
        created_at: now,
      })),
    )
    .execute();
}

export async function listStaff(db: Db): Promise<Account[]> {
  const rows = await db
    .selectFrom("accounts")
    .selectAll()
    .where("kind", "=", "staff")
    .where("deleted_at", "is", null)
    .orderBy("surname")
    .orderBy("given_name")
    .execute();
  const roles = await db
    .selectFrom("account_roles")
    .select(["account_id", "role", "agency_id"])
    .where("account_id", "in", rows.length > 0 ? rows.map((r) => r.id) : [""])
    .execute();
  return rows.map((r) =>
    toAccount(
      r,
      roles
        .filter((g) => g.account_id === r.id)
        .map((g) => ({ role: g.role as Role, agencyId: g.agency_id })),
    ),
  );
}
