import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Principal } from "../../kernel/permissions.js";
import type { AppContext } from "../../platform/manifest.js";
import type { AccountKind, IdentitySettings } from "./account.js";
import { assuranceOf, grantsOf } from "./account.repository.js";
import {
  deleteSession,
  findSessionWithHolder,
  type SessionRecord,
  touchSession,
} from "./session.repository.js";

export const SESSION_COOKIE = "halyq_session";
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function sessionCookieOptions(secure: boolean) {
  return { path: "/", httpOnly: true, sameSite: "lax" as const, secure };
}

/** Whether a session is past its absolute end, or (browser sessions) idle too long. */
export function sessionExpired(s: SessionRecord, now: Date, settings: IdentitySettings): boolean {
  if (now.getTime() >= Date.parse(s.expiresAt)) return true;
  if (
    s.kind === "browser" &&
    now.getTime() - Date.parse(s.lastSeenAt) >= settings.idleMinutes * 60_000
  )
    return true;
  return false;
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  const m = h ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(h) : null;
  return m?.[1];
}

/**
 * Resolves who is calling from the session cookie (browsers) or a bearer token (programs),
 * ending sessions that expired. Sets request.principal, request.sessionKey and request.authVia.
 */
export function sessionPlugin(settings: IdentitySettings, secure: boolean) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    app.decorateRequest("principal", null);
    app.decorateRequest("sessionKey", null);
    app.decorateRequest("authVia", null);
    // Pages for a signed-in person (and password links) must not stay in a shared browser's cache.
    app.addHook("onSend", (request, reply, payload, done) => {
      if (request.principal || request.url.startsWith("/password/reset"))
        reply.header("cache-control", "no-store");
      done(null, payload);
    });
    app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
      const fromBearer = request.url.startsWith("/api/") ? bearer(request) : undefined;
      const token = fromBearer ?? request.cookies[SESSION_COOKIE];
      if (!token) return;
      const db = ctx.db.kysely;
      const found = await findSessionWithHolder(db, token);
      const session = found?.session;
      const now = ctx.clock.now();
      const wanted = fromBearer ? "api" : "browser";
      if (!session || session.kind !== wanted || sessionExpired(session, now, settings)) {
        if (session && sessionExpired(session, now, settings))
          await deleteSession(db, session.idHash);
        if (!fromBearer) reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
        return;
      }
      const holder = found?.holder;
      if (!holder?.active) {
        await deleteSession(db, session.idHash);
        if (!fromBearer) reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
        return;
      }
      // Only staff hold roles; a citizen's request needs no second query.
      const principal: Principal = {
        accountId: session.accountId,
        kind: holder.kind as AccountKind,
        grants: holder.kind === "citizen" ? [] : await grantsOf(db, session.accountId),
        secondFactor: session.secondFactorAt !== null,
        identity: assuranceOf(holder.identity),
      };
      request.principal = principal;
      request.sessionKey = session.idHash;
      request.authVia = fromBearer ? "bearer" : "cookie";
      if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
        await touchSession(db, session.idHash, now.toISOString());
      }
    });
  };
}
