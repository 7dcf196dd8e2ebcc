import type { Kysely } from "kysely";
import { PostgresAdapter, sql } from "kysely";
import type { Database } from "../../db/schema.js";
import { type Actor, appendAudit } from "../../kernel/audit/audit.js";
import { isLocale, type Locale, mergeCatalogues, translator } from "../../kernel/i18n.js";
import type { RoleGrant } from "../../kernel/permissions.js";
import { type FieldIssue, invalid, ok, type Result } from "../../kernel/result.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import {
  type Account,
  DEFAULT_IDENTITY_SETTINGS,
  fullName,
  normaliseEmail,
} from "../identity/account.js";
import { insertAccount, setGrants, updateAccount } from "../identity/account.repository.js";
import { issueEmailToken } from "../identity/commands/register.js";
import { deleteSessionsOf } from "../identity/session.repository.js";
import { EMAIL, type FormBody, one } from "./form.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { normaliseGrants } from "./staff-grants.js";

type Db = Kysely<Database>;

/** The new-staff form's own fields (the roles are read by staff-grants.ts). */
export interface StaffFormValues {
  surname: string;
  given_name: string;
  patronymic: string;
  email: string;
  language: string;
}

/** A new staff member, checked and ready to store. */
export interface NewStaff {
  surname: string;
  givenName: string;
  patronymic: string | null;
  email: string;
  language: Locale;
}

const NAME_MAX = 100;
/** The mail texts are the administration's own, so it needs only its own catalogues. */
const mailCatalogues = mergeCatalogues([{ kk, ru, en }]);

/** The new-staff form's own fields read from a posted body. */
export function readStaffForm(body: FormBody | undefined): StaffFormValues {
  return {
    surname: one(body, "surname"),
    given_name: one(body, "given_name"),
    patronymic: one(body, "patronymic"),
    email: one(body, "email"),
    language: one(body, "language"),
  };
}

/** Checks a new person's details; a taken e-mail (by anyone, citizen or staff) is an issue. */
export async function validateStaff(
  db: Db,
  v: StaffFormValues,
): Promise<{ staff: NewStaff; issues: [] } | { staff: null; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const add = (field: string, key: string, params?: Record<string, number>) =>
    issues.push(
      params ? { field, key: `admin.error.${key}`, params } : { field, key: `admin.error.${key}` },
    );
  if (!v.surname) add("surname", "surname_missing");
  else if (v.surname.length > NAME_MAX) add("surname", "too_long", { max: NAME_MAX });
  if (!v.given_name) add("given_name", "given_name_missing");
  else if (v.given_name.length > NAME_MAX) add("given_name", "too_long", { max: NAME_MAX });
  if (v.patronymic.length > NAME_MAX) add("patronymic", "too_long", { max: NAME_MAX });
  const email = normaliseEmail(v.email);
  if (!email) add("email", "staff_email_missing");
  else if (!EMAIL.test(email) || email.length > 254) add("email", "email_format");
  else {
    const taken = await db
      .selectFrom("accounts")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirst();
    if (taken) add("email", "email_taken");
  }
  if (!isLocale(v.language)) add("language", "language_missing");
  if (issues.length > 0) return { staff: null, issues };
  return {
    staff: {
      surname: v.surname,
      givenName: v.given_name,
      patronymic: v.patronymic || null,
      email,
      language: v.language as Locale,
    },
    issues: [],
  };
}

/**
 * Creates a staff account with its roles and invites the person by mail to set a password
 * (a reset link, sent only if all of this commits). They enrol their second factor at first sign-in.
 */
export async function createStaff(
  ctx: AppContext,
  actor: Actor,
  staff: NewStaff,
  grants: RoleGrant[],
): Promise<string> {
  const now = ctx.clock.now();
  const settings = DEFAULT_IDENTITY_SETTINGS;
  const accountId = await ctx.db.kysely.transaction().execute(async (trx) => {
    const id = await insertAccount(
      trx,
      { kind: "staff", passwordHash: null, iin: null, phone: null, ...staff },
      now.toISOString(),
    );
    await setGrants(trx, id, normaliseGrants(grants), now.toISOString());
    const token = await issueEmailToken(
      { ctx, settings, catalogues: mailCatalogues },
      trx,
      id,
      "reset",
      now,
    );
    const t = translator(mailCatalogues, staff.language);
    const params = {
      name: fullName(staff),
      link: `${ctx.config.publicUrl}/password/reset?token=${token}`,
      hours: settings.emailTokenHours,
      forgot: `${ctx.config.publicUrl}/password/forgot`,
    };
    await enqueueMail(trx, ctx.clock, {
      to: staff.email,
      subject: t("admin.mail.invite.subject", params),
      text: t("admin.mail.invite.body", params),
    });
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "staff.created",
        subjectType: "account",
        subjectId: id,
        data: { email: staff.email, language: staff.language, grants: normaliseGrants(grants) },
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
const LAST_ADMIN: FieldIssue[] = [{ field: "role_0", key: "admin.error.last_system_admin" }];

/** Replaces a person's roles; their sessions end, so the new privileges apply at once. */
export async function changeStaffRoles(
  ctx: AppContext,
  actor: Actor,
  target: Account,
  grants: RoleGrant[],
): Promise<Result<void>> {
  const to = normaliseGrants(grants);
  const from = normaliseGrants(target.grants);
  const now = ctx.clock.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const losesSystemAdmin = from.some(isSystemAdminGrant) && !to.some(isSystemAdminGrant);
    if (losesSystemAdmin && !(await anotherSystemAdmin(trx, target.id))) return invalid(LAST_ADMIN);
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
    return ok(undefined);
  });
}

/** Stops a person signing in: the account stays (history needs it), sessions and links end. */
export async function deactivateStaff(
  ctx: AppContext,
  actor: Actor,
  target: Account,
): Promise<Result<void>> {
  if (actor.id === target.id) {
    return invalid([{ field: "deactivate", key: "admin.error.deactivate_self" }]);
  }
  const now = ctx.clock.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (target.grants.some(isSystemAdminGrant) && !(await anotherSystemAdmin(trx, target.id))) {
      return invalid([{ field: "deactivate", key: "admin.error.last_system_admin" }]);
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
        data: { active: { from: target.active, to: false }, sessionsEnded: sessions },
      },
    ]);
    return ok(undefined);
  });
}

/**
 * Clears a person's authenticator and recovery codes and ends their sessions, so at the next
 * sign-in they enrol a second factor again (for a lost phone).
 */
export async function resetTwoFactor(
  ctx: AppContext,
  actor: Actor,
  target: Account,
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
        data: {
          hadTwoFactor: target.totpEnabled,
          recoveryCodesDeleted: Number(codes.numDeletedRows),
          sessionsEnded: sessions,
        },
      },
    ]);
  });
}
