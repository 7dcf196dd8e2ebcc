import { appendAudit } from "../../../kernel/audit/audit.js";
import { type FieldIssue, invalid, ok, type Result } from "../../../kernel/result.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import { normaliseEmail } from "../account.js";
import { findAccountRow, toAccount, updateAccount } from "../account.repository.js";
import { hashPassword, passwordProblems } from "../auth/passwords.js";
import { hashToken } from "../auth/tokens.js";
import { identityMail } from "../mail-texts.js";
import { deleteSessionsOf } from "../session.repository.js";
import { forgetSessions } from "../session-cache.js";
import { clearThrottle } from "../sign-in-throttle.js";
import { consumeEmailToken, issueEmailToken } from "./register.js";
import type { SignInDeps } from "./sign-in.js";

/**
 * Sends a reset link if the e-mail belongs to an account. The caller always shows the same
 * answer, whether or not it does (no enumeration).
 */
export async function requestPasswordReset(deps: SignInDeps, email: string): Promise<void> {
  const { ctx } = deps;
  const row = await findAccountRow(ctx.db.kysely, { email: normaliseEmail(email) });
  if (!row?.email || Number(row.active) !== 1) return;
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const token = await issueEmailToken(deps, trx, row.id, "reset", now);
    const account = toAccount(row, []);
    await enqueueMail(
      trx,
      ctx.clock,
      identityMail(deps.catalogues, account.language, row.email as string, "reset", {
        link: `${ctx.config.publicUrl}/password/reset?token=${token}`,
        hours: deps.settings.emailTokenHours,
      }),
    );
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: null, label: "system:password-reset" },
        action: "account.reset_requested",
        subjectType: "account",
        subjectId: row.id,
      },
    ]);
  });
  ctx.mail.kick();
}

/** Sets a new password through a reset link; every session of the account ends. */
export async function resetPassword(
  deps: SignInDeps,
  token: string,
  password: string,
): Promise<Result<{ accountId: string }>> {
  const { ctx } = deps;
  const now = ctx.clock.now();
  const hash = await hashPassword(password);
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const probe = await trx
      .selectFrom("email_tokens")
      .innerJoin("accounts", "accounts.id", "email_tokens.account_id")
      .select(["accounts.email", "accounts.iin"])
      .where("email_tokens.token_hash", "=", hashToken(token))
      .executeTakeFirst();
    const problems: FieldIssue[] = passwordProblems(password, [
      probe?.email ?? "",
      probe?.iin ?? "",
    ]).map((key) => ({
      field: "password",
      key,
    }));
    if (problems.length > 0) return invalid<{ accountId: string }>(problems);
    const accountId = await consumeEmailToken(trx, token, "reset", now);
    if (!accountId)
      return invalid<{ accountId: string }>([
        { field: "token", key: "identity.error.link_invalid" },
      ]);
    await updateAccount(trx, accountId, { password_hash: hash }, now.toISOString());
    // The link reached the address, which confirms it (new staff are invited this way).
    await trx
      .updateTable("accounts")
      .set({ email_confirmed_at: now.toISOString() })
      .where("id", "=", accountId)
      .where("email_confirmed_at", "is", null)
      .execute();
    await deleteSessionsOf(trx, accountId);
    // Whoever holds the address may guess again from anywhere: the counters start afresh.
    await clearThrottle(trx, ctx.secret, { email: probe?.email ?? null, accountId });
    // Other links sent earlier stop working once one of them has been used.
    await trx
      .deleteFrom("email_tokens")
      .where("account_id", "=", accountId)
      .where("used_at", "is", null)
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: accountId, label: `account:${accountId}` },
        action: "account.password_reset",
        subjectType: "account",
        subjectId: accountId,
      },
    ]);
    return ok({ accountId });
  });
  if (result.kind === "ok") await forgetSessions(ctx, { accounts: [result.value.accountId] });
  return result;
}
