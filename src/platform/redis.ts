import { createRequire } from "node:module";
import type { Redis } from "ioredis";

/** ioredis is loaded only by a process that has a Redis to talk to (some 20 MB otherwise spent). */
const require = createRequire(import.meta.url);

/**
 * The shared Redis of a scaled-out deployment (`REDIS_URL`), or null on one machine. Commands
 * fail fast while it is unreachable (no offline queue, one retry) so a request is never held up
 * waiting for it; what uses it decides what a failure means (rate limits let the request through
 * and log it: Redis down must not take every sign-in down with it).
 *
 * `queueUntilConnected` keeps commands sent before the connection is up (still one retry each):
 * for the broadcast's own connections, whose first PUBLISH or SUBSCRIBE is sent as they open.
 */
export function openRedis(
  url: string | null,
  options: { queueUntilConnected?: boolean } = {},
): Redis | null {
  if (!url) return null;
  const { Redis: Client } = require("ioredis") as typeof import("ioredis");
  return new Client(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: options.queueUntilConnected === true,
    connectTimeout: 2_000,
    lazyConnect: false,
    ...(options.queueUntilConnected ? { autoResubscribe: false } : {}),
  });
}
