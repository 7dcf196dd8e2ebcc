import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Catalogues } from "../../../kernel/i18n.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type IdentitySettings, normaliseEmail } from "../account.js";
import { type AccountRow, findAccountRow, toAccount } from "../account.repository.js";
import { issueDeviceToken } from "../auth/device-tokens.js";
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
import { forgetSessions } from "../session-cache.js";
import {
  type Attempt,
  attemptRight,
  beginAttempt,
  type Client,
  startsPause,
} from "../sign-in-throttle.js";

export type SignInOutcome =
  | {
      kind: "ok";
      accountId: string;
      token: string;
      expiresAt: string;
      secondFactorNeeded: boolean;
      /** A new device token, once the person is fully signed in (not halfway, before the second factor). */
      deviceToken: string | null;
    }
  | { kind: "invalid_credentials" }
  | { kind: "paused"; until: Date }
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
 * enumeration), and an unknown e-mail costs the same time as a wrong password. Wrong attempts
 * slow down further guessing from the same kind of client (sign-in-throttle.ts) but never end a
 * session or stop the person's own devices. Staff get a session without the second factor;
 * the API, which has no second step, needs the TOTP code with the password.
 */
export async function signIn(
  deps: SignInDeps,
  input: {
    email: string;
    password: string;
    totp?: string;
    kind: SessionKind;
    client: Client;
    userAgent?: string;
  },
): Promise<SignInOutcome> {
  const { ctx, settings } = deps;
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const found = await findAccountRow(db, { email: normaliseEmail(input.email) });
  const row = found?.password_hash && Number(found.active) === 1 ? found : undefined;
  const gate = await beginAttempt(
    ctx,
    settings,
    { email: input.email, accountId: row?.id ?? null, credential: row?.password_hash ?? null },
    input.client,
  );
  if (gate.kind === "paused") return { kind: "paused", until: gate.until };
  const attempt = gate.attempt;
  if (!row) {
    await verifyAgainstDummy(input.password);
    return { kind: "invalid_credentials" };
  }
  const passwordOk = await verifyPassword(row.password_hash as string, input.password);
  if (!passwordOk) {
    await attemptWrong(deps, attempt, row, "wrong passwords");
    return { kind: "invalid_credentials" };
  }
  if (row.kind === "citizen" && row.email_confirmed_at === null) {
    await attemptRight(ctx, attempt, false);
    return { kind: "unconfirmed" };
  }

  let secondFactorAt: string | null = null;
  if (row.kind === "staff" && input.kind === "api") {
    const enabled = row.totp_secret !== null && row.totp_enabled_at !== null;
    const step =
      enabled && input.totp ? verifyTotp(row.totp_secret as string, input.totp, now) : null;
    if (step === null || !(await claimTotpStep(db, row.id, step))) {
      // A code that was sent and wrong is a guess; no code at all is not.
      if (input.totp) await attemptWrong(deps, attempt, row, "wrong second-factor codes");
      else await attemptRight(ctx, attempt, false);
      return { kind: "second_factor_required" };
    }
    secondFactorAt = now.toISOString();
  }
  const expiresAt = sessionEnd(now, settings);
  const pending = row.kind === "staff" && secondFactorAt === null;
  // Halfway (before the second factor) the attempt is taken back but the device's count stays,
  // so signing in again with the password does not reset the guesses at the code.
  await attemptRight(ctx, attempt, !pending);
  const session = await db.transaction().execute(async (trx) => {
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
    deviceToken: pending
      ? null
      : issueDeviceToken(ctx.secret, row.id, now, row.password_hash ?? ""),
  };
}

/**
 * Checks the password of a signed-in person again (before deleting the account, and any other
 * step that asks for it), counted like sign-in: wrong answers pause further guessing from this
 * client, never the person's sessions.
 */
export async function checkPasswordAgain(
  deps: SignInDeps,
  row: AccountRow,
  password: string,
  client: Client,
): Promise<{ kind: "ok" } | { kind: "wrong" } | { kind: "paused"; until: Date }> {
  if (!row.password_hash) return { kind: "ok" };
  const gate = await beginAttempt(
    deps.ctx,
    deps.settings,
    { email: row.email, accountId: row.id, credential: row.password_hash },
    client,
  );
  if (gate.kind === "paused") return gate;
  if (!(await verifyPassword(row.password_hash, password))) {
    await attemptWrong(deps, gate.attempt, row, "wrong passwords");
    return { kind: "wrong" };
  }
  await attemptRight(deps.ctx, gate.attempt, false);
  return { kind: "ok" };
}

/**
 * A wrong password or code stays counted. When it is the one that starts the delays for the
 * account's untrusted clients, the owner is told by e-mail (once per counting period) and the
 * audit record notes it; nothing else changes for the account.
 */
async function attemptWrong(
  deps: SignInDeps,
  attempt: Attempt,
  row: AccountRow,
  what: string,
): Promise<void> {
  if (!startsPause(deps.settings, attempt)) return;
  const { ctx } = deps;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: null, label: "system:sign-in" },
        action: "account.sign_in_slowed",
        subjectType: "account",
        subjectId: row.id,
        reason: `${attempt.untrustedFailures} ${what} from clients that have not signed in before`,
      },
    ]);
    if (row.email)
      await enqueueMail(
        trx,
        ctx.clock,
        identityMail(deps.catalogues, toAccount(row, []).language, row.email, "slowed", {}),
      );
  });
  ctx.mail.kick();
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
  input: {
    accountId: string;
    sessionKey: string;
    code: string;
    client: Client;
    userAgent?: string;
  },
): Promise<
  | { kind: "ok"; token: string; deviceToken: string }
  | { kind: "invalid_code" }
  | { kind: "paused"; until: Date }
> {
  const { ctx } = deps;
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const row = await findAccountRow(db, { id: input.accountId });
  if (!row?.totp_secret || row.totp_enabled_at === null) return { kind: "invalid_code" };
  const gate = await beginAttempt(
    ctx,
    deps.settings,
    { email: row.email, accountId: row.id, credential: row.password_hash },
    input.client,
  );
  if (gate.kind === "paused") return gate;
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
  if (outcome.kind !== "ok") {
    await attemptWrong(deps, gate.attempt, row, "wrong second-factor codes");
    return outcome;
  }
  await forgetSessions(ctx, { sessions: [input.sessionKey] });
  await attemptRight(ctx, gate.attempt, true);
  return {
    ...outcome,
    deviceToken: issueDeviceToken(ctx.secret, row.id, now, row.password_hash ?? ""),
  };
}

/**
 * Replaces a browser session by a new one that has passed the second factor. Runs inside the
 * caller's transaction: the caller forgets `oldSessionKey` (`forgetSessions`) once it commits.
 */
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
  await forgetSessions(ctx, { sessions: [sessionKey] });
}

/** Ends every session of the account, on every device. */
export async function signOutEverywhere(ctx: AppContext, accountId: string): Promise<number> {
  const ended = await ctx.db.kysely.transaction().execute(async (trx) => {
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
  await forgetSessions(ctx, { accounts: [accountId] });
  return ended;
}
