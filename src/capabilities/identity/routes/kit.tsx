import type { FastifyReply, FastifyRequest } from "fastify";
import type { Catalogues } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import type { IdentitySettings } from "../account.js";
import { cookieWithToken, DEVICE_COOKIE, tokensOfCookie } from "../auth/device-tokens.js";
import type { SignInDeps } from "../commands/sign-in.js";
import { SESSION_COOKIE, sessionCookieOptions } from "../session-plugin.js";
import { type Client, minutesUntil } from "../sign-in-throttle.js";
import { LoginPage } from "../views/auth-pages.js";

export type Body = Record<string, string | undefined>;

/** Sign-in, registration and reset attempts per client address per minute (before the per-account throttle). */
export function authLimit(ctx: AppContext) {
  return { max: ctx.config.authRateLimit, timeWindow: "1 minute" };
}

/** A form field as a string ("" when absent). */
export function field(body: unknown, name: string): string {
  const v = (body as Body | undefined)?.[name];
  return typeof v === "string" ? v : "";
}

/** A browser's client: its address and the device tokens of its cookie. */
export function browserClient(request: FastifyRequest): Client {
  return { ip: request.ip, deviceTokens: tokensOfCookie(request.cookies[DEVICE_COOKIE]) };
}

/** "Sign-in from this device is paused; try again in N minutes", as a form issue. */
export function pausedIssue(ctx: AppContext, field: string, until: Date): FieldIssue {
  return {
    field,
    key: "identity.error.paused",
    params: { minutes: minutesUntil(until, ctx.clock.now()) },
  };
}

/** What every identity page route needs: the context, settings, and a few shared steps. */
export interface IdentityKit {
  ctx: AppContext;
  settings: IdentitySettings;
  secure: boolean;
  deps(): SignInDeps;
  setSession(reply: FastifyReply, token: string): void;
  /** The client a browser request comes from, for counting wrong attempts. */
  client(request: FastifyRequest): Client;
  /** Remembers, in the browser, a device token for the account it fully signed in to. */
  rememberDevice(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    accountId: string,
  ): void;
  /** The issue that says sign-in from this client is paused, and for how long. */
  pausedIssue(field: string, until: Date): FieldIssue;
  limited: { config: { rateLimit: ReturnType<typeof authLimit> } };
  showLogin(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    issues: FieldIssue[],
    notice?: string,
    status?: number,
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
    client: (request) => browserClient(request),
    rememberDevice: (request, reply, token, accountId) => {
      reply.setCookie(
        DEVICE_COOKIE,
        cookieWithToken(request.cookies[DEVICE_COOKIE], token, accountId),
        { ...sessionCookieOptions(secure), maxAge: settings.throttle.deviceDays * 86_400 },
      );
    },
    pausedIssue: (field, until) => pausedIssue(ctx, field, until),
    limited: { config: { rateLimit: authLimit(ctx) } },
    showLogin: (
      request: FastifyRequest,
      reply: FastifyReply,
      email: string,
      issues: FieldIssue[],
      notice?: string,
      status?: number,
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
          next={(request.query as { next?: string } | undefined)?.next}
        />,
        { hasErrors: issues.length > 0, status: status ?? (issues.length > 0 ? 401 : 200) },
      ),
  };
}
