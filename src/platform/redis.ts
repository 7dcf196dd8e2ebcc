import { Redis } from "ioredis";

/**
 * The shared Redis of a scaled-out deployment (`REDIS_URL`), or null on one machine. Commands
 * fail fast while it is unreachable (no offline queue, one retry) so a request is never held up
 * waiting for it; what uses it decides what a failure means (rate limits let the request through
 * and log it: Redis down must not take every sign-in down with it).
 */
export function openRedis(url: string | null): Redis | null {
  if (!url) return null;
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    lazyConnect: false,
  });
}
