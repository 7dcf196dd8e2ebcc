import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldIssue } from "../../../kernel/result.js";
import { requestPasswordReset, resetPassword } from "../commands/password-reset.js";
import { SESSION_COOKIE, sessionCookieOptions } from "../session-plugin.js";
import { ForgotPage, MessagePage, ResetPage } from "../views/auth-pages.js";

import { field, type IdentityKit } from "./kit.js";

/** Password reset by e-mail link. */
export async function passwordRoutes(app: FastifyInstance, kit: IdentityKit): Promise<void> {
  const { secure, deps, limited, showLogin } = kit;
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
}
