import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { findAccountRow, updateAccount } from "../account.repository.js";
import { issueDeviceToken } from "../auth/device-tokens.js";
import { hashRecoveryCode, newRecoveryCodes } from "../auth/recovery-codes.js";
import { newTotpSecret, totpQrSvg, totpUri, verifyTotp } from "../auth/totp.js";
import { rotateSession } from "../commands/sign-in.js";
import { forgetSessions } from "../session-cache.js";
import { RecoveryCodesPage, TwoFactorSetupPage } from "../views/auth-pages.js";

import { field, type IdentityKit } from "./kit.js";

/** Enrolment of the staff second factor: QR code, first code, recovery codes. */
export async function twoFactorRoutes(app: FastifyInstance, kit: IdentityKit): Promise<void> {
  const { ctx, deps, setSession, limited, rememberDevice } = kit;
  const showSetup = async (
    request: FastifyRequest,
    reply: FastifyReply,
    secret: string,
    email: string,
    issues: FieldIssue[],
  ) => {
    const svg = await totpQrSvg(
      totpUri({ secret, accountName: email }),
      request.t("identity.two_factor.qr_title"),
    );
    return reply.page(
      request.t("identity.two_factor.title"),
      <TwoFactorSetupPage
        t={request.t}
        csrf={reply.csrfToken()}
        issues={issues}
        qrSvg={svg}
        secret={secret}
      />,
      {
        hasErrors: issues.length > 0,
        status: issues.length > 0 ? 400 : 200,
      },
    );
  };

  // The second factor is required of staff; citizens sign in with a password or the e-ID.
  app.get("/account/two-factor", async (request, reply) => {
    const p = request.principal;
    if (!p) return reply.redirect("/login", 303);
    if (p.kind !== "staff") return reply.redirect("/account", 303);
    const row = await findAccountRow(ctx.db.kysely, { id: p.accountId });
    if (!row) return reply.redirect("/login", 303);
    if (row.totp_enabled_at)
      return reply.redirect(p.secondFactor ? "/account" : "/login/second-factor", 303);
    // A new key each time the page is shown: a key glimpsed earlier (by someone who had the
    // password for a moment) is useless once the real person enrols.
    const secret = newTotpSecret();
    await updateAccount(
      ctx.db.kysely,
      row.id,
      { totp_secret: secret },
      ctx.clock.now().toISOString(),
    );
    return showSetup(request, reply, secret, row.email ?? row.id, []);
  });

  app.post("/account/two-factor", limited, async (request, reply) => {
    const p = request.principal;
    if (!p || !request.sessionKey) return reply.redirect("/login", 303);
    if (p.kind !== "staff") return reply.redirect("/account", 303);
    const row = await findAccountRow(ctx.db.kysely, { id: p.accountId });
    if (!row?.totp_secret || row.totp_enabled_at) return reply.redirect("/account", 303);
    const now = ctx.clock.now();
    const step = verifyTotp(row.totp_secret, field(request.body, "code"), now);
    if (step === null)
      return showSetup(request, reply, row.totp_secret, row.email ?? row.id, [
        { field: "code", key: "identity.error.code_invalid" },
      ]);
    const codes = newRecoveryCodes();
    const token = await ctx.db.kysely.transaction().execute(async (trx) => {
      await updateAccount(
        trx,
        row.id,
        { totp_enabled_at: now.toISOString(), totp_last_step: step },
        now.toISOString(),
      );
      await trx.deleteFrom("recovery_codes").where("account_id", "=", row.id).execute();
      await trx
        .insertInto("recovery_codes")
        .values(
          codes.map((c) => ({
            account_id: row.id,
            code_hash: hashRecoveryCode(c),
            used_at: null,
          })),
        )
        .execute();
      await appendAudit(trx, ctx.clock, [
        {
          actor: { id: row.id, label: `account:${row.id}` },
          action: "account.two_factor_enabled",
          subjectType: "account",
          subjectId: row.id,
        },
      ]);
      return rotateSession(
        trx,
        deps(),
        row.id,
        request.sessionKey as string,
        now,
        request.headers["user-agent"] ?? "",
      );
    });
    await forgetSessions(ctx, { sessions: [request.sessionKey] });
    setSession(reply, token);
    // Enrolment ends a full sign-in: this browser becomes one of the person's devices.
    rememberDevice(
      request,
      reply,
      issueDeviceToken(ctx.secret, row.id, now, row.password_hash ?? ""),
      row.id,
    );
    return reply.page(
      request.t("identity.two_factor.done"),
      <RecoveryCodesPage t={request.t} codes={codes} />,
    );
  });
}
