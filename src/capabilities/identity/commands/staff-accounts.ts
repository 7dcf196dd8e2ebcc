import type { Kysely } from "kysely";
import { PostgresAdapter, sql } from "kysely";
import type { Database } from "../../../db/schema.js";
import { type Actor, appendAudit } from "../../../kernel/audit/audit.js";
import type { Locale } from "../../../kernel/i18n.js";
import type { RoleGrant } from "../../../kernel/permissions.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type Account, DEFAULT_IDENTITY_SETTINGS } from "../account.js";
import { insertAccount, setGrants, updateAccount } from "../account.repository.js";
import { deleteSessionsOf } from "../session.repository.js";
import { forgetSessions } from "../session-cache.js";
import { issueEmailToken } from "./register.js";

type Db = Kysely<Database>;

/** A new staff member as the administration checked them, ready to store. */
export interface NewStaffAccount {
  surname: string;
  givenName: string;
  patronymic: string | null;
  email: string;
  language: Locale;
}

/** The invitation's text, made by whoever invites (it words the mail); the link's token is identity's. */
export type StaffInvitation = (link: { token: string; hours: number }) => {
  subject: string;
  text: string;
};

/** Whether any account (citizen or staff, even a deleted one) already holds this e-mail. */
export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const taken = await db
    .selectFrom("accounts")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  return taken !== undefined;
}

/**
 * Creates a staff account with its roles and invites the person by mail to set a password
 * (a reset link, sent only if all of this commits), with its audit record, in one transaction.
 * They enrol their second factor at first sign-in.
 */
export async function createStaffAccount(
  ctx: AppContext,
  actor: Actor,
  staff: NewStaffAccount,
  grants: RoleGrant[],
  invitation: StaffInvitation,
): Promise<string> {
  const now = ctx.clock.now();
  const settings = DEFAULT_IDENTITY_SETTINGS;
  const accountId = await ctx.db.kysely.transaction().execute(async (trx) => {
    const id = await insertAccount(
      trx,
      { kind: "staff", passwordHash: null, iin: null, phone: null, ...staff },
      now.toISOString(),
    );
    await setGrants(trx, id, grants, now.toISOString());
    const token = await issueEmailToken(
      { ctx, settings, catalogues: ctx.catalogues },
      trx,
      id,
      "reset",
      now,
    );
    const mail = invitation({ token, hours: settings.emailTokenHours });
    await enqueueMail(trx, ctx.clock, { to: staff.email, subject: mail.subject, text: mail.text });
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "staff.created",
        subjectType: "account",
        subjectId: id,
        data: { email: staff.email, language: staff.language, grants },
      },
    ]);
    return id;
  });
  ctx.mail.kick();
  return accountId;
}

/** Any constant shared by every instance: the key of the lock that orders admin removals. */
const ADMIN_REMOVAL_LOCK = 4_907_222;

/**
 * Whether anyone other than `exceptId` is an active system-wide admin. On PostgreSQL a
 * transaction lock first orders concurrent removals, so two admins removing each other at the
 * same instant cannot both see the other as "another admin". (SQLite runs one write at a time.)
 */
async function anotherSystemAdmin(db: Db, exceptId: string): Promise<boolean> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`SELECT pg_advisory_xact_lock(${ADMIN_REMOVAL_LOCK})`.execute(db);
  }
  const row = await db
    .selectFrom("account_roles")
    .innerJoin("accounts", "accounts.id", "account_roles.account_id")
    .select("accounts.id")
    .where("account_roles.role", "=", "admin")
    .where("account_roles.agency_id", "is", null)
    .where("accounts.active", "=", 1)
    .where("accounts.deleted_at", "is", null)
    .where("accounts.id", "<>", exceptId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const isSystemAdminGrant = (g: RoleGrant) => g.role === "admin" && g.agencyId === null;

/** Refused so that the instance always keeps someone able to administer it. */
export type LastSystemAdmin = "last_system_admin";

/**
 * Replaces a person's roles (`from` as held, `to` as wanted, both in the caller's stable order
 * for the audit record); their sessions end, so the new privileges apply at once. Refused when
 * it would take system-wide administration from the last one who has it.
 */
export async function changeStaffGrants(
  ctx: AppContext,
  actor: Actor,
  target: Account,
  grants: { from: RoleGrant[]; to: RoleGrant[] },
): Promise<"changed" | LastSystemAdmin> {
  const { from, to } = grants;
  const now = ctx.clock.now().toISOString();
  const outcome = await ctx.db.kysely.transaction().execute(async (trx) => {
    const losesSystemAdmin = from.some(isSystemAdminGrant) && !to.some(isSystemAdminGrant);
    if (losesSystemAdmin && !(await anotherSystemAdmin(trx, target.id))) {
      return "last_system_admin" as const;
    }
    await setGrants(trx, target.id, to, now);
    const sessions = await deleteSessionsOf(trx, target.id);
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "staff.roles_changed",
        subjectType: "account",
        subjectId: target.id,
        data: { grants: { from, to }, sessionsEnded: sessions },
      },
    ]);
    return "changed" as const;
  });
  if (outcome === "changed") await forgetSessions(ctx, { accounts: [target.id] });
  return outcome;
}

/**
 * Stops a person signing in: the account stays (history needs it), sessions and unused links
 * end. Refused for the last active system-wide admin.
 */
export async function deactivateStaffAccount(
  ctx: AppContext,
  actor: Actor,
  target: Account,
  reason: string | null = null,
): Promise<"deactivated" | LastSystemAdmin> {
  const now = ctx.clock.now().toISOString();
  const outcome = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (target.grants.some(isSystemAdminGrant) && !(await anotherSystemAdmin(trx, target.id))) {
      return "last_system_admin" as const;
    }
    await updateAccount(trx, target.id, { active: 0 }, now);
    const sessions = await deleteSessionsOf(trx, target.id);
    await trx
      .deleteFrom("email_tokens")
      .where("account_id", "=", target.id)
      .where("used_at", "is", null)
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "staff.deactivated",
        subjectType: "account",
        subjectId: target.id,
        reason,
        data: { active: { from: target.active, to: false }, sessionsEnded: sessions },
      },
    ]);
    return "deactivated" as const;
  });
  if (outcome === "deactivated") await forgetSessions(ctx, { accounts: [target.id] });
  return outcome;
}

/**
 * Clears a person's authenticator and recovery codes and ends their sessions, so at the next
 * sign-in they enrol a second factor again (for a lost phone).
 */
export async function resetStaffTwoFactor(
  ctx: AppContext,
  actor: Actor,
  target: Account,
  reason: string | null = null,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await updateAccount(
      trx,
      target.id,
      { totp_secret: null, totp_enabled_at: null, totp_last_step: null },
      now,
    );
    const codes = await trx
      .deleteFrom("recovery_codes")
      .where("account_id", "=", target.id)
      .executeTakeFirst();
    const sessions = await deleteSessionsOf(trx, target.id);
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "staff.two_factor_reset",
        subjectType: "account",
        subjectId: target.id,
        reason,
        data: {
          hadTwoFactor: target.totpEnabled,
          recoveryCodesDeleted: Number(codes.numDeletedRows),
          sessionsEnded: sessions,
        },
      },
    ]);
  });
  await forgetSessions(ctx, { accounts: [target.id] });
}
