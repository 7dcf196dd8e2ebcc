import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { appendAudit } from "../../kernel/audit/audit.js";
import type { Catalogues } from "../../kernel/i18n.js";
import type { AppContext } from "../../kernel/manifest.js";
import type { FieldIssue } from "../../kernel/result.js";
import { safeLocalPath } from "../../web/core-routes.js";
import type { IdentitySettings } from "./account.js";
import { findAccountRow, updateAccount } from "./account.repository.js";
import { hashRecoveryCode, newRecoveryCodes } from "./auth/recovery-codes.js";
import { newTotpSecret, totpQrSvg, totpUri, verifyTotp } from "./auth/totp.js";
import { requestPasswordReset, resetPassword } from "./commands/password-reset.js";
import { confirmEmail, registerCitizen } from "./commands/register.js";
import {
  completeSecondFactor,
  rotateSession,
  type SignInDeps,
  signIn,
  signOut,
  signOutEverywhere,
} from "./commands/sign-in.js";
import { SESSION_COOKIE, sessionCookieOptions } from "./session-plugin.js";
import {
  ForgotPage,
  LoginPage,
  MessagePage,
  RecoveryCodesPage,
  RegisterPage,
  ResetPage,
  SecondFactorPage,
  TwoFactorSetupPage,
} from "./views/auth-pages.js";

type Body = Record<string, string | undefined>;

/** Sign-in, registration and reset attempts per client address per minute (before the per-account lockout). */
export function authLimit(ctx: AppContext) {
  return { max: ctx.config.authRateLimit, timeWindow: "1 minute" };
}

function field(body: unknown, name: string): string {
  const v = (body as Body | undefined)?.[name];
  return typeof v === "string" ? v : "";
}

/** Registration, e-mail confirmation, sign-in with the second factor, sign-out, password reset. */
export function identityRoutes(
  settings: IdentitySettings,
  catalogues: () => Catalogues,
  secure: boolean,
) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    const deps = (): SignInDeps => ({ ctx, settings, catalogues: catalogues() });
    const setSession = (reply: FastifyReply, token: string) =>
      reply.setCookie(SESSION_COOKIE, token, {
        ...sessionCookieOptions(secure),
        maxAge: settings.absoluteHours * 3600,
      });
    const limited = { config: { rateLimit: authLimit(ctx) } };

    const showRegister = (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Body,
      issues: FieldIssue[],
    ) =>
      reply.page(
        request.t("identity.register.title"),
        <RegisterPage
          t={request.t}
          csrf={reply.csrfToken()}
          issues={issues}
          values={values as Record<string, string>}
          locale={request.locale}
        />,
        { hasErrors: issues.length > 0, status: issues.length > 0 ? 400 : 200 },
      );

    app.get("/register", async (request, reply) => showRegister(request, reply, {}, []));

    app.post("/register", limited, async (request, reply) => {
      const b = (request.body ?? {}) as Body;
      const input = {
        surname: field(b, "surname"),
        givenName: field(b, "givenName"),
        patronymic: field(b, "patronymic"),
        iin: field(b, "iin").replace(/\s+/g, ""),
        email: field(b, "email"),
        phone: field(b, "phone"),
        password: field(b, "password"),
        language: field(b, "language"),
      };
      const result = await registerCitizen(deps(), input, request.locale);
      if (result.kind === "invalid")
        return showRegister(request, reply, { ...input, password: "" }, result.issues);
      // A taken e-mail or IIN gets the same answer as a new registration: its owner is mailed instead.
      const t = request.t;
      return reply.page(
        t("identity.check_email.title"),
        <MessagePage
          title={t("identity.check_email.title")}
          paragraphs={[
            t("identity.check_email.p1", { email: input.email.trim() }),
            t("identity.check_email.p2", { hours: settings.emailTokenHours }),
          ]}
        />,
      );
    });

    app.get<{ Querystring: { token?: string } }>("/confirm", async (request, reply) => {
      const t = request.t;
      const ok = request.query.token
        ? await confirmEmail(deps(), String(request.query.token))
        : false;
      return reply.page(
        ok ? t("identity.confirmed.title") : t("identity.link_invalid.title"),
        ok ? (
          <MessagePage
            title={t("identity.confirmed.title")}
            paragraphs={[t("identity.confirmed.p1")]}
            link={{ href: "/login", text: t("identity.login.title") }}
          />
        ) : (
          <MessagePage
            title={t("identity.link_invalid.title")}
            paragraphs={[t("identity.link_invalid.p1")]}
            link={{ href: "/password/forgot", text: t("identity.login.forgot") }}
          />
        ),
        { status: ok ? 200 : 400 },
      );
    });

    const showLogin = (
      request: FastifyRequest,
      reply: FastifyReply,
      email: string,
      issues: FieldIssue[],
      notice?: string,
    ) =>
      reply.page(
        request.t("identity.login.title"),
        <LoginPage
          t={request.t}
          csrf={reply.csrfToken()}
          issues={issues}
          email={email}
          eid={ctx.config.oidc !== undefined}
          notice={notice}
        />,
        { hasErrors: issues.length > 0, status: issues.length > 0 ? 401 : 200 },
      );

    app.get<{ Querystring: { next?: string; signed_out?: string } }>(
      "/login",
      async (request, reply) => {
        if (request.principal?.secondFactor || request.principal?.kind === "citizen")
          return reply.redirect("/account", 303);
        return showLogin(
          request,
          reply,
          "",
          [],
          request.query.signed_out ? request.t("identity.login.signed_out") : undefined,
        );
      },
    );

    app.post<{ Querystring: { next?: string } }>("/login", limited, async (request, reply) => {
      const email = field(request.body, "email");
      const password = field(request.body, "password");
      const issues: FieldIssue[] = [];
      if (!email.trim()) issues.push({ field: "email", key: "identity.error.email_missing" });
      if (!password) issues.push({ field: "password", key: "identity.error.password_missing" });
      if (issues.length > 0) return showLogin(request, reply, email, issues);
      const outcome = await signIn(deps(), {
        email,
        password,
        kind: "browser",
        userAgent: request.headers["user-agent"] ?? "",
      });
      if (outcome.kind === "unconfirmed")
        return showLogin(request, reply, email, [
          { field: "email", key: "identity.error.unconfirmed" },
        ]);
      if (outcome.kind !== "ok")
        return showLogin(request, reply, email, [
          { field: "email", key: "identity.error.credentials" },
        ]);
      if (request.sessionKey) await signOut(ctx, request.sessionKey);
      setSession(reply, outcome.token);
      if (outcome.secondFactorNeeded) {
        const row = await findAccountRow(ctx.db.kysely, { id: outcome.accountId });
        return reply.redirect(
          row?.totp_enabled_at ? "/login/second-factor" : "/account/two-factor",
          303,
        );
      }
      return reply.redirect(safeLocalPath(request.query.next ?? "/account"), 303);
    });

    const showSecondFactor = (request: FastifyRequest, reply: FastifyReply, issues: FieldIssue[]) =>
      reply.page(
        request.t("identity.second_factor.title"),
        <SecondFactorPage t={request.t} csrf={reply.csrfToken()} issues={issues} />,
        {
          hasErrors: issues.length > 0,
          status: issues.length > 0 ? 401 : 200,
        },
      );

    app.get("/login/second-factor", async (request, reply) => {
      const p = request.principal;
      if (!p) return reply.redirect("/login", 303);
      if (p.secondFactor || p.kind === "citizen") return reply.redirect("/account", 303);
      return showSecondFactor(request, reply, []);
    });

    app.post("/login/second-factor", limited, async (request, reply) => {
      const p = request.principal;
      if (!p || !request.sessionKey) return reply.redirect("/login", 303);
      const code = field(request.body, "code").trim();
      if (!code)
        return showSecondFactor(request, reply, [
          { field: "code", key: "identity.error.code_missing" },
        ]);
      const result = await completeSecondFactor(deps(), {
        accountId: p.accountId,
        sessionKey: request.sessionKey,
        code,
        userAgent: request.headers["user-agent"] ?? "",
      });
      if (result.kind !== "ok")
        return showSecondFactor(request, reply, [
          { field: "code", key: "identity.error.code_invalid" },
        ]);
      setSession(reply, result.token);
      return reply.redirect("/account", 303);
    });

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
      let secret = row.totp_secret;
      if (!secret) {
        secret = newTotpSecret();
        await updateAccount(
          ctx.db.kysely,
          row.id,
          { totp_secret: secret },
          ctx.clock.now().toISOString(),
        );
      }
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
      setSession(reply, token);
      return reply.page(
        request.t("identity.two_factor.done"),
        <RecoveryCodesPage t={request.t} codes={codes} />,
      );
    });

    app.post("/logout", async (request, reply) => {
      if (request.sessionKey) await signOut(ctx, request.sessionKey);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
      return reply.redirect("/login?signed_out=1", 303);
    });

    app.post("/logout/everywhere", async (request, reply) => {
      if (request.principal) await signOutEverywhere(ctx, request.principal.accountId);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
      return reply.redirect("/login?signed_out=1", 303);
    });

    const showForgot = (
      request: FastifyRequest,
      reply: FastifyReply,
      email: string,
      issues: FieldIssue[],
    ) =>
      reply.page(
        request.t("identity.forgot.title"),
        <ForgotPage t={request.t} csrf={reply.csrfToken()} issues={issues} email={email} />,
        {
          hasErrors: issues.length > 0,
          status: issues.length > 0 ? 400 : 200,
        },
      );

    app.get("/password/forgot", async (request, reply) => showForgot(request, reply, "", []));

    app.post("/password/forgot", limited, async (request, reply) => {
      const email = field(request.body, "email").trim();
      if (!email)
        return showForgot(request, reply, email, [
          { field: "email", key: "identity.error.email_missing" },
        ]);
      await requestPasswordReset(deps(), email);
      const t = request.t;
      return reply.page(
        t("identity.check_email.title"),
        <MessagePage
          title={t("identity.check_email.title")}
          paragraphs={[t("identity.forgot.sent", { email })]}
        />,
      );
    });

    const showReset = (
      request: FastifyRequest,
      reply: FastifyReply,
      token: string,
      issues: FieldIssue[],
    ) =>
      reply.page(
        request.t("identity.reset.title"),
        <ResetPage t={request.t} csrf={reply.csrfToken()} issues={issues} token={token} />,
        {
          hasErrors: issues.length > 0,
          status: issues.length > 0 ? 400 : 200,
        },
      );

    app.get<{ Querystring: { token?: string } }>("/password/reset", async (request, reply) =>
      showReset(request, reply, String(request.query.token ?? ""), []),
    );

    app.post("/password/reset", limited, async (request, reply) => {
      const token = field(request.body, "token");
      const password = field(request.body, "password");
      if (!password)
        return showReset(request, reply, token, [
          { field: "password", key: "identity.error.password_missing" },
        ]);
      const result = await resetPassword(deps(), token, password);
      if (result.kind === "invalid") {
        if (result.issues.some((i) => i.field === "token")) {
          const t = request.t;
          return reply.page(
            t("identity.link_invalid.title"),
            <MessagePage
              title={t("identity.link_invalid.title")}
              paragraphs={[t("identity.link_invalid.p1")]}
              link={{ href: "/password/forgot", text: t("identity.login.forgot") }}
            />,
            { status: 400 },
          );
        }
        return showReset(request, reply, token, result.issues);
      }
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
      return showLogin(request, reply, "", [], request.t("identity.reset.done"));
    });
  };
}
