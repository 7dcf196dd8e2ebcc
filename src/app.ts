import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { workerMetrics, workerRateStore } from "./cluster.js";
import type { AppContext, CapabilityManifest } from "./platform/manifest.js";
import { metricsRoutes } from "./platform/metrics/metrics.js";
import { openRedis } from "./platform/redis.js";
import { coreRoutes } from "./web/core-routes.js";
import { csrfPlugin } from "./web/csrf-plugin.js";
import { errorsPlugin, frameworkErrorHandler } from "./web/errors-plugin.js";
import { i18nPlugin } from "./web/i18n-plugin.js";
import { apiDescriptionChecks, MAX_PARAM_LENGTH, swaggerOptions } from "./web/openapi.js";
import { pageCachePlugin } from "./web/page-cache-plugin.js";
import { renderPlugin } from "./web/render-plugin.js";
import type { SiteInfo } from "./web/request-context.js";
import { earlySecurityHeaders, securityPlugin } from "./web/security-plugin.js";
import { buildSerializer, buildValidator } from "./web/validation.js";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Built browser assets (see scripts/build-assets.mjs). */
export const ASSETS_DIR = path.join(projectRoot, "public", "build");

/**
 * Media types worth compressing: text (not event streams), JSON, XML (Atom, Open311, SVG),
 * JavaScript. Others follow mime-db, so stored files that are already compressed (images,
 * PDF, office documents) and unknown bytes (octet-stream) are sent as they are.
 */
const COMPRESSIBLE =
  /^text\/(?!event-stream)|^application\/(javascript|ecmascript)|[/+](json|xml)(;|$)/;

/**
 * The proxies whose X-Forwarded-For hops are believed: a number of them as proxy-addr counts
 * hops (the socket's peer is hop 0), or their addresses; never every hop.
 */
function trustedHops(trust: false | number | string[]) {
  return typeof trust === "number" ? (_address: string, hop: number) => hop < trust : trust;
}

function readAssetVersions(): Record<string, string> {
  try {
    return JSON.parse(fs.readFileSync(path.join(ASSETS_DIR, "manifest.json"), "utf8"));
  } catch {
    return {};
  }
}

/**
 * An unstarted Fastify instance with every capability registered. Tests call this and use
 * `inject`; main.ts calls it and listens.
 */
export async function buildApp(
  ctx: AppContext,
  capabilities: CapabilityManifest[],
): Promise<FastifyInstance> {
  const https = ctx.config.publicUrl.startsWith("https:");
  const app = Fastify({
    loggerInstance: ctx.log,
    trustProxy: trustedHops(ctx.config.trustProxy),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Path and query values are coerced to their schema's types; JSON bodies never are.
    // Validators and serializers are compiled once per process (src/web/validation.ts).
    schemaController: { compilersFactory: { buildValidator, buildSerializer } },
    frameworkErrors: frameworkErrorHandler(
      ctx.catalogues,
      ctx.config.defaultLocale,
      earlySecurityHeaders(https, ctx.config.map?.tileOrigin),
    ),
  });

  const site: SiteInfo = {
    catalogues: ctx.catalogues,
    // The home page is the logo's link; Participation is the landing page of the channels
    // that capabilities place there.
    navigation: [
      { href: "/participation", labelKey: "nav.participation", audience: "public", order: 30 },
      // A citizen's own page: what needs their action and everything of theirs (core-routes).
      { href: "/my", labelKey: "nav.my_halyq", audience: "public", place: "account" },
      ...capabilities.flatMap((c) => c.navigation ?? []),
    ],
    policy: ctx.policy,
    assetVersions: readAssetVersions(),
    map: ctx.config.map,
    demo: ctx.instance.demo,
    secureCookies: https,
  };

  // The broadcast's connections (Redis, IPC) end with the app; the database is closed after it.
  app.addHook("onClose", async () => {
    await ctx.broadcast.close();
  });
  apiDescriptionChecks(app);
  await app.register(swagger, swaggerOptions(ctx.config.publicUrl));
  await app.register(securityPlugin, { https, tileOrigin: ctx.config.map?.tileOrigin });
  // Answers compressed when the client accepts it: br, else gzip; nothing under 1 KiB. Its
  // hook is each route's own, so it runs after the page cache has stored the plain page, and
  // it leaves alone what @fastify/static already sends precompressed (content-encoding set).
  // Request bodies are never inflated: the body limit counts what arrives.
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ["br", "gzip"],
    customTypes: COMPRESSIBLE,
  });
  // Every answer of a compressible type depends on Accept-Encoding, the plain one and HEAD's
  // too (which @fastify/compress leaves alone): a shared cache must not hand either to a client
  // that asked differently. Written as the plugin writes it, so it is never added twice.
  app.addHook("onSend", (request, reply, payload, done) => {
    const type = String(reply.getHeader("content-type") ?? "");
    if (!COMPRESSIBLE.test(type)) return done(null, payload);
    // A signed-in browser's answers hold personal data, and pages echo parts of their URL (the
    // language links' next=): compressed, a network observer could guess the data from the
    // lengths of answers to URLs another site made the browser open (BREACH). They are sent
    // as they are; the plugin's own switch for a request is this header.
    if (request.authVia === "cookie") request.headers["x-no-compression"] = "1";
    const vary = reply.getHeader("vary");
    const list = (Array.isArray(vary) ? vary : vary === undefined ? [] : [String(vary)]).join(", ");
    if (!/accept-encoding/i.test(list)) {
      reply.header("vary", list ? `${list}, accept-encoding` : "accept-encoding");
    }
    done(null, payload);
  });
  await app.register(cookie);
  // Only routes that ask for it (sign-in, registration, reset) are limited, per client address;
  // with REDIS_URL the counts are kept in Redis, so the limit holds across instances in total.
  const redis = openRedis(ctx.config.redisUrl);
  if (redis) {
    redis.on("error", (err) => ctx.log.warn({ err: err.message }, "Redis unreachable"));
    app.addHook("onClose", async () => {
      redis.disconnect();
    });
  }
  // Without Redis, the workers of a multi-process start count through their primary, so the
  // limit holds in total on the machine, not once per worker.
  const primaryStore = redis ? null : workerRateStore();
  await app.register(rateLimit, {
    global: false,
    ...(redis
      ? { redis, nameSpace: `${ctx.config.redisPrefix}rate-limit:`, skipOnError: true }
      : primaryStore
        ? { store: primaryStore as never }
        : {}),
  });
  await app.register(formbody);
  await app.register(i18nPlugin, { site, defaultLocale: ctx.config.defaultLocale });
  await app.register(pageCachePlugin, { cache: ctx.pageCache });
  await app.register(renderPlugin, { site });
  await app.register(errorsPlugin, { navigation: site.navigation });
  for (const capability of capabilities) {
    if (capability.plugins) {
      const plugins = capability.plugins;
      await app.register(
        fp(async (scope) => plugins(scope, ctx), { name: `halyq-${capability.name}-plugins` }),
      );
    }
  }
  await app.register(csrfPlugin, { secret: ctx.secret, secureCookies: https });
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: "/assets/",
    preCompressed: true,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.header("cache-control", "public, max-age=31536000, immutable");
      if (filePath.endsWith(".svg")) res.header("content-type", "image/svg+xml");
    },
  });

  // Counts beside menu links (a member of staff's open tasks): one query per page a signed-in
  // browser loads, from the capabilities that offer them. Not an async hook: the requests that
  // need no counts (most of them) pass without a promise.
  app.addHook("preHandler", (request, _reply, done) => {
    const principal = request.principal;
    if (request.method !== "GET" || request.authVia !== "cookie" || !principal) return done();
    if (request.url.startsWith("/api/") || request.url.startsWith("/assets/")) return done();
    ctx.navigationCounts(principal, { t: request.t, locale: request.locale }).then(
      (counts) => {
        request.navigationCounts = counts;
        done();
      },
      (err: Error) => done(err),
    );
  });
  // Operations metrics (only with METRICS_TOKEN): its timing hook sits on the root, before routes.
  await metricsRoutes(app, ctx, capabilities, workerMetrics);
  await app.register(async (scope) => coreRoutes(scope, ctx, site));
  for (const capability of capabilities) {
    if (capability.routes) {
      const routes = capability.routes;
      await app.register(async (scope) => routes(scope, ctx));
    }
  }
  return app;
}
