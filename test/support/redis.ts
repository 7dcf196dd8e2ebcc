import { Redis } from "ioredis";

/** Removes a test's keys (those under its own `REDIS_PREFIX`) from the shared Redis. */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const r = new Redis(url);
  try {
    const keys = await r.keys(`${prefix}*`);
    if (keys.length > 0) await r.del(...keys);
  } finally {
    r.disconnect();
  }
}
