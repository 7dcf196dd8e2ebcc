import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
  onSendHookHandler,
} from "fastify";
import fp from "fastify-plugin";
import type { PageCache } from "../platform/page-cache.js";
import { LANGUAGE_COOKIE } from "./i18n-plugin.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Public page that is the same for every anonymous visitor: may be served from memory. */
    pageCache?: boolean;
  }
}

/**
 * Serves opted-in public pages from the page cache. Any cookie other than the language choice
 * makes a request uncacheable, so nothing personal is ever stored or served from here.
 */
function cacheKey(request: FastifyRequest): string | undefined {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  if (!request.routeOptions.config?.pageCache) return undefined;
  const cookies = Object.keys(request.cookies ?? {});
  if (cookies.some((c) => c !== LANGUAGE_COOKIE)) return undefined;
  return `${request.locale}\n${request.url}`;
}

function hookList<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}

export const pageCachePlugin = fp(
  async (app: FastifyInstance, opts: { cache: PageCache }) => {
    // Emptied whenever any process of the deployment invalidates, as long as the app runs.
    const unlisten = opts.cache.listen();
    app.addHook("onClose", async () => unlisten());
    const serve = async (request: FastifyRequest, reply: FastifyReply) => {
      const key = cacheKey(request);
      if (!key) return;
      const hit = opts.cache.get(key);
      if (hit) {
        reply.header("content-type", hit.contentType);
        return reply.send(hit.body);
      }
    };
    const store = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (reply.statusCode !== 200 || typeof payload !== "string") return payload;
      const key = cacheKey(request);
      if (key && !opts.cache.get(key)) {
        opts.cache.set(
          key,
          payload,
          String(reply.getHeader("content-type") ?? "text/html; charset=utf-8"),
        );
      }
      return payload;
    };
    // Only the routes that opt in carry the hooks: every other request skips them entirely.
    app.addHook("onRoute", (route) => {
      if (!route.config?.pageCache) return;
      route.onRequest = [...hookList(route.onRequest), serve as onRequestHookHandler];
      // Stored before the route's own onSend hooks (compression), so the plain page is kept.
      route.onSend = [store as onSendHookHandler, ...hookList(route.onSend)];
    });
  },
  { name: "halyq-page-cache", dependencies: ["halyq-i18n"] },
);
