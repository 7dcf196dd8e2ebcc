import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { Catalogues } from "../../kernel/i18n.js";
import type { AppContext } from "../../platform/manifest.js";
import type { IdentitySettings } from "./account.js";
import {
  beginLogin,
  discoverProvider,
  finishLogin,
  OidcLoginError,
  type OidcProvider,
} from "./auth/oidc.js";
import { signInWithEid } from "./commands/eid-sign-in.js";
import { signOut } from "./commands/sign-in.js";
import { afterSignIn, withNext } from "./routes/landing.js";
import { SESSION_COOKIE, sessionCookieOptions } from "./session-plugin.js";
import { MessagePage } from "./views/auth-pages.js";

const FLOW_COOKIE = "halyq_eid";
const FLOW_MINUTES = 10;

interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  at: number;
}

function seal(secret: Buffer, flow: Flow): string {
  const body = Buffer.from(JSON.stringify(flow)).toString("base64url");
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

function unseal(secret: Buffer, value: string | undefined): Flow | null {
  const [body, mac] = (value ?? "").split(".");
  if (!body || !mac) return null;
  const want = Buffer.from(createHmac("sha256", secret).update(body).digest("base64url"));
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Flow;
  } catch {
    return null;
  }
}

/**
 * Sign-in through the national e-ID (OpenID Connect, authorization code with PKCE). The
 * state, nonce and verifier travel in a short-lived cookie sealed with the instance secret.
 */
export function eidRoutes(
  settings: IdentitySettings,
  catalogues: () => Catalogues,
  secure: boolean,
) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    const oidc = ctx.config.oidc;
    if (!oidc) return;
    let provider: Promise<OidcProvider> | null = null;
    const getProvider = () => {
      provider ??= discoverProvider(oidc).catch((err) => {
        provider = null;
        throw err;
      });
      return provider;
    };
    const redirectUri = `${ctx.config.publicUrl}/login/eid/callback`;
    const cookieOptions = { path: "/login/eid", httpOnly: true, sameSite: "lax" as const, secure };

    app.get<{ Querystring: { next?: string } }>("/login/eid", async (request, reply) => {
      const begun = await beginLogin(await getProvider(), redirectUri);
      const flow: Flow = {
        state: begun.state,
        nonce: begun.nonce,
        codeVerifier: begun.codeVerifier,
        next: afterSignIn(request.query.next),
        at: ctx.clock.now().getTime(),
      };
      reply.setCookie(FLOW_COOKIE, seal(ctx.secret, flow), {
        ...cookieOptions,
        maxAge: FLOW_MINUTES * 60,
      });
      return reply.redirect(begun.url.toString(), 303);
    });

    app.get("/login/eid/callback", async (request, reply) => {
      const t = request.t;
      const flow = unseal(ctx.secret, request.cookies[FLOW_COOKIE]);
      reply.clearCookie(FLOW_COOKIE, cookieOptions);
      const failed = (key: string) =>
        reply.page(
          t("identity.eid.failed_title"),
          <MessagePage
            title={t("identity.eid.failed_title")}
            paragraphs={[t(key)]}
            link={{ href: "/login", text: t("identity.login.title") }}
          />,
          { status: 400 },
        );
      if (!flow || ctx.clock.now().getTime() - flow.at > FLOW_MINUTES * 60_000)
        return failed("identity.eid.expired");
      let identity: Awaited<ReturnType<typeof finishLogin>>;
      try {
        const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
        identity = await finishLogin(
          await getProvider(),
          new URL(`${redirectUri}${query}`),
          flow,
          oidc.iinClaim,
          oidc.residenceClaim,
        );
      } catch (err) {
        if (err instanceof OidcLoginError) {
          request.log.info(
            { code: err.code, providerError: err.providerError },
            "e-ID sign-in refused",
          );
          return failed(
            err.providerError === "access_denied"
              ? "identity.eid.cancelled"
              : "identity.eid.refused",
          );
        }
        throw err;
      }
      const outcome = await signInWithEid(
        { ctx, settings, catalogues: catalogues() },
        identity,
        request.headers["user-agent"] ?? "",
        request.principal?.accountId ?? null,
      );
      if (outcome.kind === "no_iin") return failed("identity.eid.no_iin");
      if (outcome.kind !== "ok") throw new HalyqError("FORBIDDEN");
      if (request.sessionKey) await signOut(ctx, request.sessionKey);
      reply.setCookie(SESSION_COOKIE, outcome.token, {
        ...sessionCookieOptions(secure),
        maxAge: settings.absoluteHours * 3600,
      });
      return reply.redirect(
        outcome.secondFactorNeeded ? withNext("/login/second-factor", flow.next) : flow.next,
        303,
      );
    });
  };
}
