import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/** A `REDIS_PREFIX` of the test's own, so runs and files never see each other's keys or messages. */
export function redisTestPrefix(): string {
  return `halyq-test-${randomBytes(4).toString("hex")}:`;
}

/** Removes every key a test wrote under its prefix. */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const r = new Redis(url);
  try {
    const keys = await r.keys(`${prefix}*`);
    if (keys.length > 0) await r.del(...keys);
  } finally {
    r.disconnect();
  }
}
