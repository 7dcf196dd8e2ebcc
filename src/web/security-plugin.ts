import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/**
 * The Content-Security-Policy of every response: no inline script, no framing; images from
 * Halyq itself and, when maps are on, from the configured tile server's origin only.
 */
function cspDirectives(https: boolean, tileOrigin?: string): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", ...(tileOrigin ? [tileOrigin] : [])],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
  };
}

const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
const REFERRER_POLICY = "strict-origin-when-cross-origin";
const HSTS = { maxAge: 31_536_000, includeSubDomains: true };

/**
 * The security headers for answers Fastify sends before any hook has run (a path parameter
 * over the length limit, a path that is not valid percent-encoding): the same policy as
 * every other response, set by hand because helmet's hook never runs for them.
 */
export function earlySecurityHeaders(https: boolean, tileOrigin?: string): Record<string, string> {
  const csp = Object.entries(cspDirectives(https, tileOrigin))
    .map(([name, values]) => [name, ...values].join(" "))
    .join(";");
  return {
    "content-security-policy": csp,
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "origin-agent-cluster": "?1",
    "referrer-policy": REFERRER_POLICY,
    "x-content-type-options": "nosniff",
    "x-dns-prefetch-control": "off",
    "x-download-options": "noopen",
    "x-frame-options": "SAMEORIGIN",
    "x-permitted-cross-domain-policies": "none",
    "x-xss-protection": "0",
    "permissions-policy": PERMISSIONS_POLICY,
    ...(https ? { "strict-transport-security": `max-age=${HSTS.maxAge}; includeSubDomains` } : {}),
  };
}

/**
 * Security headers on every response: a CSP that allows no inline script and no framing,
 * HSTS only when Halyq is reached over TLS (sending it over plain HTTP would do nothing).
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { https: boolean; tileOrigin?: string | undefined }) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: cspDirectives(opts.https, opts.tileOrigin),
      },
      hsts: opts.https ? HSTS : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: REFERRER_POLICY },
    });
    app.addHook("onSend", (_request, reply, payload, done) => {
      reply.header("permissions-policy", PERMISSIONS_POLICY);
      done(null, payload);
    });
  },
  { name: "halyq-security" },
);
