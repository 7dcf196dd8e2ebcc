import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Actor } from "../../kernel/audit/audit.js";
import { isLocale, type Locale, mergeCatalogues, translator } from "../../kernel/i18n.js";
import type { RoleGrant } from "../../kernel/permissions.js";
import { type FieldIssue, invalid, ok, type Result } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import {
  type Account,
  changeStaffGrants,
  createStaffAccount,
  deactivateStaffAccount,
  emailTaken,
  fullName,
  normaliseEmail,
  resetStaffTwoFactor,
} from "../identity/index.js";
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
  else if (await emailTaken(db, email)) add("email", "email_taken");
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
  const t = translator(mailCatalogues, staff.language);
  return createStaffAccount(ctx, actor, staff, normaliseGrants(grants), ({ token, hours }) => {
    const params = {
      name: fullName(staff),
      link: `${ctx.config.publicUrl}/password/reset?token=${token}`,
      hours,
      forgot: `${ctx.config.publicUrl}/password/forgot`,
    };
    return {
      subject: t("admin.mail.invite.subject", params),
      text: t("admin.mail.invite.body", params),
    };
  });
}

const LAST_ADMIN: FieldIssue[] = [{ field: "role_0", key: "admin.error.last_system_admin" }];

/** Replaces a person's roles; their sessions end, so the new privileges apply at once. */
export async function changeStaffRoles(
  ctx: AppContext,
  actor: Actor,
  target: Account,
  grants: RoleGrant[],
): Promise<Result<void>> {
  const changed = await changeStaffGrants(ctx, actor, target, {
    from: normaliseGrants(target.grants),
    to: normaliseGrants(grants),
  });
  return changed === "last_system_admin" ? invalid(LAST_ADMIN) : ok(undefined);
}

/** Stops a person signing in: the account stays (history needs it), sessions and links end. */
export async function deactivateStaff(
  ctx: AppContext,
  actor: Actor,
  target: Account,
  reason: string,
): Promise<Result<void>> {
  if (actor.id === target.id) {
    return invalid([{ field: "deactivate", key: "admin.error.deactivate_self" }]);
  }
  const issues = reasonIssues(reason);
  if (issues.length > 0) return invalid(issues);
  const done = await deactivateStaffAccount(ctx, actor, target, reason.trim());
  return done === "last_system_admin"
    ? invalid([{ field: "deactivate", key: "admin.error.last_system_admin" }])
    : ok(undefined);
}

/**
 * Clears a person's authenticator and recovery codes and ends their sessions, so at the next
 * sign-in they enrol a second factor again (for a lost phone).
 */
export async function resetTwoFactor(
  ctx: AppContext,
  actor: Actor,
  target: Account,
  reason: string,
): Promise<Result<void>> {
  const issues = reasonIssues(reason);
  if (issues.length > 0) return invalid(issues);
  await resetStaffTwoFactor(ctx, actor, target, reason.trim());
  return ok(undefined);
}

export const REASON_MAX = 1000;

/** An account-wide action needs its reason written down: it goes into the account's history. */
export function reasonIssues(reason: string): FieldIssue[] {
  const r = reason.trim();
  if (!r) return [{ field: "reason", key: "admin.confirm.reason_missing" }];
  if (r.length > REASON_MAX)
    return [{ field: "reason", key: "admin.confirm.reason_long", params: { max: REASON_MAX } }];
  return [];
}
