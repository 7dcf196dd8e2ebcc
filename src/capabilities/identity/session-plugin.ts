import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Principal } from "../../kernel/permissions.js";
import type { AppContext } from "../../platform/manifest.js";
import type { AccountKind, IdentitySettings } from "./account.js";
import { assuranceOf, grantsOf } from "./account.repository.js";
import { hashToken } from "./auth/tokens.js";
import {
  deleteSession,
  findSessionWithHolder,
  type SessionRecord,
  touchSession,
} from "./session.repository.js";
import {
  type CachedSession,
  forgetSessions,
  SessionCache,
  sessionCacheAllowed,
} from "./session-cache.js";

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

/**
 * Requests that never need to know who is calling: the built assets (the same bytes for
 * everyone, cached by browsers for a year) and the load balancer's health checks.
 */
function anonymousByPath(url: string): boolean {
  return url.startsWith("/assets/") || url === "/healthz" || url === "/readyz";
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  const m = h ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(h) : null;
  return m?.[1];
}

/** A session as read from the database: its holder is null when the account is gone. */
type Lookup = Omit<CachedSession, "holder"> & { holder: CachedSession["holder"] | null };

/**
 * The session of a token hash: from this process's cache when it holds it and it does not look
 * ended (the cache's `lastSeenAt` may lag another process's touch, so an idle-looking entry is
 * read again), else from the database, kept for the next request when it is live.
 */
async function lookUp(
  ctx: AppContext,
  cache: SessionCache | null,
  idHash: string,
  now: Date,
  settings: IdentitySettings,
): Promise<Lookup | undefined> {
  const hit = cache?.get(idHash);
  if (hit && !sessionExpired(hit.session, now, settings)) return hit;
  if (hit) cache?.drop(idHash);
  const generation = cache?.generation ?? 0;
  const db = ctx.db.kysely;
  const found = await findSessionWithHolder(db, idHash);
  if (!found) return undefined;
  const { session, holder } = found;
  // Only staff hold roles; a citizen's request needs no second query.
  const grants =
    holder?.active && holder.kind !== "citizen" ? await grantsOf(db, session.accountId) : [];
  if (holder?.active && !sessionExpired(session, now, settings))
    cache?.set({ session, holder, grants }, generation);
  return { session, holder, grants };
}

/**
 * Resolves who is calling from the session cookie (browsers) or a bearer token (programs),
 * ending sessions that expired. Sets request.principal, request.sessionKey and request.authVia.
 * Lookups are kept per process (`session-cache.ts`) where the deployment lets every process
 * hear a revocation; elsewhere each request reads the database.
 */
export function sessionPlugin(settings: IdentitySettings, secure: boolean) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    app.decorateRequest("principal", null);
    app.decorateRequest("sessionKey", null);
    app.decorateRequest("authVia", null);
    const cache = sessionCacheAllowed(ctx)
      ? new SessionCache(ctx.broadcast, () => ctx.clock.now().getTime())
      : null;
    if (cache) app.addHook("onClose", async () => cache.close());
    // Pages for a signed-in person (and password links) must not stay in a shared browser's cache.
    app.addHook("onSend", (request, reply, payload, done) => {
      if (request.principal || request.url.startsWith("/password/reset"))
        reply.header("cache-control", "no-store");
      done(null, payload);
    });
    const resolve = async (
      request: FastifyRequest,
      reply: FastifyReply,
      token: string,
      fromBearer: boolean,
    ) => {
      const db = ctx.db.kysely;
      const now = ctx.clock.now();
      const idHash = hashToken(token);
      const found = await lookUp(ctx, cache, idHash, now, settings);
      const session = found?.session;
      const wanted = fromBearer ? "api" : "browser";
      const end = async (idHash: string) => {
        await deleteSession(db, idHash);
        await forgetSessions(ctx, { sessions: [idHash] });
      };
      if (!session || session.kind !== wanted || sessionExpired(session, now, settings)) {
        if (session && sessionExpired(session, now, settings)) await end(session.idHash);
        if (!fromBearer) reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
        return;
      }
      const holder = found.holder;
      if (!holder?.active) {
        await end(session.idHash);
        if (!fromBearer) reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
        return;
      }
      const principal: Principal = {
        accountId: session.accountId,
        kind: holder.kind as AccountKind,
        grants: found.grants,
        secondFactor: session.secondFactorAt !== null,
        identity: assuranceOf(holder.identity),
      };
      request.principal = principal;
      request.sessionKey = session.idHash;
      request.authVia = fromBearer ? "bearer" : "cookie";
      if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
        const seen = now.toISOString();
        await touchSession(db, session.idHash, seen);
        cache?.touched(session.idHash, seen);
      }
    };
    // Not an async hook: a request without a session (or one that needs none) costs no promise.
    app.addHook("onRequest", (request, reply, done) => {
      if (anonymousByPath(request.url)) return done();
      const fromBearer = request.url.startsWith("/api/") ? bearer(request) : undefined;
      const token = fromBearer ?? request.cookies[SESSION_COOKIE];
      if (!token) return done();
      resolve(request, reply, token, fromBearer !== undefined).then(() => done(), done);
    });
  };
}
