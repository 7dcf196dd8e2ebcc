import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Catalogues } from "../../../kernel/i18n.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type IdentitySettings, normaliseEmail } from "../account.js";
import {
  type AccountRow,
  findAccountRow,
  toAccount,
  updateAccount,
} from "../account.repository.js";
import { verifyAgainstDummy, verifyPassword } from "../auth/passwords.js";
import { hashRecoveryCode, normaliseRecoveryCode } from "../auth/recovery-codes.js";
import { verifyTotp } from "../auth/totp.js";
import { identityMail } from "../mail-texts.js";
import {
  createSession,
  deleteSession,
  deleteSessionsOf,
  type SessionKind,
} from "../session.repository.js";

export type SignInOutcome =
  | { kind: "ok"; accountId: string; token: string; expiresAt: string; secondFactorNeeded: boolean }
  | { kind: "invalid_credentials" }
  | { kind: "unconfirmed" }
  | { kind: "second_factor_required" };

export interface SignInDeps {
  ctx: AppContext;
  settings: IdentitySettings;
  catalogues: Catalogues;
}

function sessionEnd(now: Date, settings: IdentitySettings): string {
  return new Date(now.getTime() + settings.absoluteHours * 3_600_000).toISOString();
}

/**
 * Checks e-mail and password. Every failure looks the same to the caller (no account
 * enumeration), an unknown e-mail costs the same time as a wrong password, and after
 * `maxFailedLogins` wrong passwords in a row sign-in pauses for `lockoutMinutes` (the owner is
 * told by e-mail). Staff get a session without the second factor; the API, which has no second
 * step, needs the TOTP code with the password.
 */
export async function signIn(
  deps: SignInDeps,
  input: { email: string; password: string; totp?: string; kind: SessionKind; userAgent?: string },
): Promise<SignInOutcome> {
  const { ctx, settings } = deps;
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const row = await findAccountRow(db, { email: normaliseEmail(input.email) });
  if (!row?.password_hash || Number(row.active) !== 1) {
    await verifyAgainstDummy(input.password);
    return { kind: "invalid_credentials" };
  }
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    await verifyAgainstDummy(input.password);
    return { kind: "invalid_credentials" };
  }
  const passwordOk = await verifyPassword(row.password_hash, input.password);
  if (!passwordOk) {
    await recordFailure(deps, row, "wrong passwords");
    return { kind: "invalid_credentials" };
  }
  if (row.kind === "citizen" && row.email_confirmed_at === null) return { kind: "unconfirmed" };

  let secondFactorAt: string | null = null;
  if (row.kind === "staff" && input.kind === "api") {
    const enabled = row.totp_secret !== null && row.totp_enabled_at !== null;
    const step =
      enabled && input.totp ? verifyTotp(row.totp_secret as string, input.totp, now) : null;
    if (step === null || !(await claimTotpStep(db, row.id, step))) {
      if (input.totp) await recordFailure(deps, row, "wrong second-factor codes");
      return { kind: "second_factor_required" };
    }
    secondFactorAt = now.toISOString();
  }
  const expiresAt = sessionEnd(now, settings);
  const pending = row.kind === "staff" && secondFactorAt === null;
  const session = await db.transaction().execute(async (trx) => {
    // The count of wrong attempts starts again only once the person is fully signed in, so
    // signing in again with the password does not reset the guesses at the second factor.
    if (!pending)
      await updateAccount(trx, row.id, { failed_logins: 0, locked_until: null }, now.toISOString());
    const s = await createSession(trx, {
      accountId: row.id,
      kind: input.kind,
      now: now.toISOString(),
      expiresAt,
      secondFactorAt,
      userAgent: input.userAgent ?? null,
    });
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: row.id, label: `account:${row.id}` },
        action: "session.created",
        subjectType: "account",
        subjectId: row.id,
        data: { kind: input.kind, secondFactor: secondFactorAt !== null },
      },
    ]);
    return s;
  });
  return {
    kind: "ok",
    accountId: row.id,
    token: session.token,
    expiresAt,
    secondFactorNeeded: pending,
  };
}

/**
 * Counts a wrong password or code with one atomic increment (parallel guesses cannot slip
 * past the count), and pauses sign-in when the count reaches the limit: the owner is mailed and
 * every session of the account ends.
 */
export async function recordFailure(
  deps: SignInDeps,
  row: AccountRow,
  what: string,
): Promise<void> {
  const { ctx, settings } = deps;
  const now = ctx.clock.now();
  const locked = await ctx.db.kysely.transaction().execute(async (trx) => {
    const counted = await trx
      .updateTable("accounts")
      .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1) }))
      .where("id", "=", row.id)
      .returning("failed_logins")
      .executeTakeFirst();
    const failures = Number(counted?.failed_logins ?? 0);
    if (failures < settings.maxFailedLogins) return false;
    const until = new Date(now.getTime() + settings.lockoutMinutes * 60_000).toISOString();
    await updateAccount(trx, row.id, { failed_logins: 0, locked_until: until }, now.toISOString());
    await deleteSessionsOf(trx, row.id);
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: null, label: "system:sign-in" },
        action: "account.locked",
        subjectType: "account",
        subjectId: row.id,
        reason: `${failures} ${what}`,
        data: { until },
      },
    ]);
    if (row.email) {
      await enqueueMail(
        trx,
        ctx.clock,
        identityMail(deps.catalogues, toAccount(row, []).language, row.email, "locked", {
          minutes: settings.lockoutMinutes,
        }),
      );
    }
    return true;
  });
  if (locked) ctx.mail.kick();
}

/** Takes a TOTP time step for the account if no later or equal step was used: each code works once, even in parallel. */
async function claimTotpStep(
  db: Kysely<Database>,
  accountId: string,
  step: number,
): Promise<boolean> {
  const r = await db
    .updateTable("accounts")
    .set({ totp_last_step: step })
    .where("id", "=", accountId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Completes a staff sign-in with a TOTP code (each time step usable once) or an unused
 * recovery code, and rotates the session: the old token stops working, a new one is issued.
 */
export async function completeSecondFactor(
  deps: SignInDeps,
  input: { accountId: string; sessionKey: string; code: string; userAgent?: string },
): Promise<{ kind: "ok"; token: string } | { kind: "invalid_code" }> {
  const { ctx } = deps;
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const row = await findAccountRow(db, { id: input.accountId });
  if (!row?.totp_secret || row.totp_enabled_at === null) return { kind: "invalid_code" };
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime())
    return { kind: "invalid_code" };
  const step = verifyTotp(row.totp_secret, input.code, now);
  const freshStep = step !== null && (await claimTotpStep(db, row.id, step));
  const recoveryHash = hashRecoveryCode(normaliseRecoveryCode(input.code));
  const outcome = await db.transaction().execute(async (trx) => {
    let method: "totp" | "recovery";
    if (freshStep) {
      method = "totp";
    } else {
      const used = await trx
        .updateTable("recovery_codes")
        .set({ used_at: now.toISOString() })
        .where("account_id", "=", row.id)
        .where("code_hash", "=", recoveryHash)
        .where("used_at", "is", null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return { kind: "invalid_code" as const };
      method = "recovery";
    }
    await updateAccount(trx, row.id, { failed_logins: 0, locked_until: null }, now.toISOString());
    const token = await rotateSession(trx, deps, row.id, input.sessionKey, now, input.userAgent);
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: row.id, label: `account:${row.id}` },
        action: "session.second_factor",
        subjectType: "account",
        subjectId: row.id,
        data: { method },
      },
    ]);
    return { kind: "ok" as const, token };
  });
  if (outcome.kind !== "ok") await recordFailure(deps, row, "wrong second-factor codes");
  return outcome;
}

/** Replaces a browser session by a new one that has passed the second factor. */
export async function rotateSession(
  trx: Kysely<Database>,
  deps: SignInDeps,
  accountId: string,
  oldSessionKey: string,
  now: Date,
  userAgent?: string,
): Promise<string> {
  await deleteSession(trx, oldSessionKey);
  const s = await createSession(trx, {
    accountId,
    kind: "browser",
    now: now.toISOString(),
    expiresAt: sessionEnd(now, deps.settings),
    secondFactorAt: now.toISOString(),
    userAgent: userAgent ?? null,
  });
  return s.token;
}

export async function signOut(ctx: AppContext, sessionKey: string): Promise<void> {
  await deleteSession(ctx.db.kysely, sessionKey);
}

/** Ends every session of the account, on every device. */
export async function signOutEverywhere(ctx: AppContext, accountId: string): Promise<number> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const n = await deleteSessionsOf(trx, accountId);
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: accountId, label: `account:${accountId}` },
        action: "session.ended_everywhere",
        subjectType: "account",
        subjectId: accountId,
        data: { sessions: n },
      },
    ]);
    return n;
  });
}
