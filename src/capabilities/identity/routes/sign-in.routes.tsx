import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldIssue } from "../../../kernel/result.js";
import { findAccountRow } from "../account.repository.js";
import { completeSecondFactor, signIn, signOut, signOutEverywhere } from "../commands/sign-in.js";
import { SESSION_COOKIE, sessionCookieOptions } from "../session-plugin.js";
import { secondsUntil } from "../sign-in-throttle.js";
import { SecondFactorPage } from "../views/auth-pages.js";

import { field, type IdentityKit } from "./kit.js";
import { afterSignIn, withNext } from "./landing.js";

/** Sign-in with the second factor, and sign-out (here or everywhere). */
export async function signInRoutes(app: FastifyInstance, kit: IdentityKit): Promise<void> {
  const { ctx, secure, deps, setSession, limited, showLogin, client, rememberDevice, pausedIssue } =
    kit;
  /** A refusal while paused: 429 with Retry-After, like the API. */
  const retryAfter = (reply: FastifyReply, until: Date) =>
    reply.header("retry-after", String(secondsUntil(until, ctx.clock.now())));
  app.get<{ Querystring: { next?: string; signed_out?: string } }>(
    "/login",
    async (request, reply) => {
      if (request.principal?.secondFactor || request.principal?.kind === "citizen")
        return reply.redirect(afterSignIn(request.query.next), 303);
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
      client: client(request),
      userAgent: request.headers["user-agent"] ?? "",
    });
    // Refusals go to the log (who tried from where), not to the audit record of state changes.
    if (outcome.kind !== "ok")
      request.log.info(
        { event: "sign_in_refused", outcome: outcome.kind, ip: request.ip },
        "sign-in refused",
      );
    if (outcome.kind === "paused") {
      retryAfter(reply, outcome.until);
      return showLogin(
        request,
        reply,
        email,
        [pausedIssue("email", outcome.until)],
        undefined,
        429,
      );
    }
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
    if (outcome.deviceToken) rememberDevice(request, reply, outcome.deviceToken, outcome.accountId);
    if (outcome.secondFactorNeeded) {
      const row = await findAccountRow(ctx.db.kysely, { id: outcome.accountId });
      return reply.redirect(
        row?.totp_enabled_at
          ? withNext("/login/second-factor", request.query.next)
          : "/account/two-factor",
        303,
      );
    }
    return reply.redirect(afterSignIn(request.query.next), 303);
  });

  const showSecondFactor = (
    request: FastifyRequest,
    reply: FastifyReply,
    issues: FieldIssue[],
    status?: number,
  ) =>
    reply.page(
      request.t("identity.second_factor.title"),
      <SecondFactorPage
        t={request.t}
        csrf={reply.csrfToken()}
        issues={issues}
        action={withNext("/login/second-factor", (request.query as { next?: string }).next)}
      />,
      {
        hasErrors: issues.length > 0,
        status: status ?? (issues.length > 0 ? 401 : 200),
      },
    );

  app.get<{ Querystring: { next?: string } }>("/login/second-factor", async (request, reply) => {
    const p = request.principal;
    if (!p) return reply.redirect("/login", 303);
    if (p.secondFactor || p.kind === "citizen")
      return reply.redirect(afterSignIn(request.query.next), 303);
    return showSecondFactor(request, reply, []);
  });

  app.post<{ Querystring: { next?: string } }>(
    "/login/second-factor",
    limited,
    async (request, reply) => {
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
        client: client(request),
        userAgent: request.headers["user-agent"] ?? "",
      });
      if (result.kind === "paused") {
        retryAfter(reply, result.until);
        return showSecondFactor(request, reply, [pausedIssue("code", result.until)], 429);
      }
      if (result.kind !== "ok")
        return showSecondFactor(request, reply, [
          { field: "code", key: "identity.error.code_invalid" },
        ]);
      setSession(reply, result.token);
      rememberDevice(request, reply, result.deviceToken, p.accountId);
      return reply.redirect(afterSignIn(request.query.next), 303);
    },
  );

  app.post("/logout", async (request, reply) => {
    if (request.sessionKey) await signOut(ctx, request.sessionKey);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
    return reply.redirect("/login?signed_out=1", 303);
  });

  app.post("/logout/everywhere", async (request, reply) => {
    const p = request.principal;
    // Only a fully signed-in person may end every session; a password alone ends just this one.
    if (p && (p.kind !== "staff" || p.secondFactor)) await signOutEverywhere(ctx, p.accountId);
    else if (request.sessionKey) await signOut(ctx, request.sessionKey);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
    return reply.redirect("/login?signed_out=1", 303);
  });
}
