import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { dropRedisKeys, redisTestPrefix } from "../support/redis.js";

/** Null when the machine has no Redis (the global setup says so, and fails the run under CI). */
const REDIS_URL = inject("redisUrl");
const LIMIT = 4;

const signIn = (t: TestApp) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/session",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7" },
    payload: { email: "nobody@test.invalid", password: "wrong-password-1" },
  });

describe("rate limits shared through Redis", () => {
  const prefix = redisTestPrefix();
  let a: TestApp;
  let b: TestApp;
  let alone: TestApp;
  let available = false;
  beforeAll(async () => {
    available = REDIS_URL !== null;
    if (!REDIS_URL) return;
    const env = { AUTH_RATE_LIMIT: String(LIMIT), REDIS_URL, REDIS_PREFIX: prefix };
    a = await startTestApp("sqlite", { env });
    b = await startTestApp("sqlite", { env });
    alone = await startTestApp("sqlite", { env: { AUTH_RATE_LIMIT: String(LIMIT) } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await alone?.close();
    if (REDIS_URL) await dropRedisKeys(REDIS_URL, prefix);
  });

  it("limits a client at the configured rate in total across two instances", async (c) => {
    if (!available) return c.skip();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++)
      statuses.push((await signIn(i % 2 === 0 ? a : b)).statusCode);
    // Four attempts pass (wrong password: 401), split over both instances; then both refuse.
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
    expect((await signIn(a)).statusCode).toBe(429);
    expect((await signIn(b)).statusCode).toBe(429);
  });

  it("counts per instance without Redis", async (c) => {
    if (!available) return c.skip();
    for (let i = 0; i < LIMIT; i++) expect((await signIn(alone)).statusCode).toBe(401);
    expect((await signIn(alone)).statusCode).toBe(429);
  });
});
