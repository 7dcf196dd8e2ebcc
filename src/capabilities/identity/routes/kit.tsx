import type { FastifyReply, FastifyRequest } from "fastify";
import type { Catalogues } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import type { IdentitySettings } from "../account.js";
import type { SignInDeps } from "../commands/sign-in.js";
import { SESSION_COOKIE, sessionCookieOptions } from "../session-plugin.js";
import { LoginPage } from "../views/auth-pages.js";

export type Body = Record<string, string | undefined>;

/** Sign-in, registration and reset attempts per client address per minute (before the per-account lockout). */
export function authLimit(ctx: AppContext) {
  return { max: ctx.config.authRateLimit, timeWindow: "1 minute" };
}

/** A form field as a string ("" when absent). */
export function field(body: unknown, name: string): string {
  const v = (body as Body | undefined)?.[name];
  return typeof v === "string" ? v : "";
}

/** What every identity page route needs: the context, settings, and a few shared steps. */
export interface IdentityKit {
  ctx: AppContext;
  settings: IdentitySettings;
  secure: boolean;
  deps(): SignInDeps;
  setSession(reply: FastifyReply, token: string): void;
  limited: { config: { rateLimit: ReturnType<typeof authLimit> } };
  showLogin(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    issues: FieldIssue[],
    notice?: string,
  ): FastifyReply;
}

export function identityKit(
  ctx: AppContext,
  settings: IdentitySettings,
  catalogues: () => Catalogues,
  secure: boolean,
): IdentityKit {
  return {
    ctx,
    settings,
    secure,
    deps: () => ({ ctx, settings, catalogues: catalogues() }),
    setSession: (reply, token) => {
      reply.setCookie(SESSION_COOKIE, token, {
        ...sessionCookieOptions(secure),
        maxAge: settings.absoluteHours * 3600,
      });
    },
    limited: { config: { rateLimit: authLimit(ctx) } },
    showLogin: (
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
      ),
  };
}
