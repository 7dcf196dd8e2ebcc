import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { HalyqError } from "../kernel/errors.js";

export const CSRF_COOKIE = "halyq_csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * False for a route whose callers carry their own credential in the request (e.g. an
     * Open311 api_key) and never a cookie, so no other site can make a browser act for them.
     */
    csrf?: boolean;
  }
}

function expected(secret: Buffer, cookie: string, sessionKey: string | null): Buffer {
  return createHmac("sha256", secret)
    .update(`${cookie}|${sessionKey ?? ""}`)
    .digest();
}

/**
 * The token as a page carries it: a fresh random mask and the HMAC XORed with it, so it differs
 * in every answer. Pages are sent compressed, and a secret that repeats byte for byte in
 * compressed pages next to reflected input could be guessed from their lengths (BREACH).
 */
function masked(token: Buffer): string {
  const mask = randomBytes(token.length);
  const out = Buffer.alloc(token.length * 2);
  mask.copy(out);
  for (let i = 0; i < token.length; i++) out[token.length + i] = (mask[i] ?? 0) ^ (token[i] ?? 0);
  return out.toString("base64url");
}

/** Whether a sent token is the expected HMAC, masked as pages carry it or as it is. */
function matches(sent: string, token: Buffer): boolean {
  const raw = Buffer.from(sent, "base64url");
  if (raw.length === token.length) return timingSafeEqual(raw, token);
  if (raw.length !== token.length * 2) return false;
  const unmasked = Buffer.alloc(token.length);
  for (let i = 0; i < token.length; i++) {
    unmasked[i] = (raw[i] ?? 0) ^ (raw[token.length + i] ?? 0);
  }
  return timingSafeEqual(unmasked, token);
}

/**
 * CSRF protection for every state change. Forms carry a token that is an HMAC of a random
 * cookie and the session (signed double submit, bound to the session, so it dies with it).
 * The JSON API accepts only `application/json` bodies (which no other site can send without
 * CORS, which Halyq does not grant); a browser session calling the API must also send the
 * token in the `X-CSRF-Token` header. Bearer-token callers are not browsers and are exempt.
 */
export const csrfPlugin = fp(
  async (app: FastifyInstance, opts: { secret: Buffer; secureCookies: boolean }) => {
    app.decorateReply("csrfToken", function csrfToken(this: FastifyReply): string {
      const request = this.request;
      let cookie = request.cookies[CSRF_COOKIE];
      if (!cookie || !/^[A-Za-z0-9_-]{20,}$/.test(cookie)) {
        cookie = randomBytes(24).toString("base64url");
        request.cookies[CSRF_COOKIE] = cookie;
        this.setCookie(CSRF_COOKIE, cookie, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          secure: opts.secureCookies,
        });
      }
      return masked(expected(opts.secret, cookie, request.sessionKey));
    });

    app.addHook("preValidation", (request: FastifyRequest, _reply, done) => {
      if (!UNSAFE.has(request.method)) return done();
      if (request.routeOptions.config?.csrf === false) return done();
      const isApi = request.url.startsWith("/api/");
      if (isApi) {
        const type = String(request.headers["content-type"] ?? "");
        if (request.body !== undefined && !type.startsWith("application/json")) {
          return done(new HalyqError("UNSUPPORTED_MEDIA_TYPE"));
        }
        if (request.authVia !== "cookie") return done();
      }
      const cookie = request.cookies[CSRF_COOKIE];
      const sent = isApi
        ? String(request.headers[CSRF_HEADER] ?? "")
        : String((request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? "");
      if (!cookie || !sent || !matches(sent, expected(opts.secret, cookie, request.sessionKey))) {
        return done(new HalyqError("CSRF_FAILED"));
      }
      done();
    });
  },
  { name: "halyq-csrf", dependencies: ["@fastify/cookie"] },
);
