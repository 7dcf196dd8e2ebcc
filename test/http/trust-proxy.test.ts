import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";

/**
 * Behind a reverse proxy the client's address comes from X-Forwarded-For. Its left end is
 * whatever the client wrote, so only the hops the proxies added may count: otherwise every
 * guess could claim a fresh address and get fresh per-address counters and rate limits.
 */
describe.each(testDialects())("X-Forwarded-For behind a proxy, on %s", (dialect) => {
  const apps: TestApp[] = [];
  afterAll(async () => Promise.all(apps.map((a) => a.close())));

  async function start(trustProxy: string) {
    const t = await startTestApp(dialect, { env: { TRUST_PROXY: trustProxy } });
    apps.push(t);
    return t;
  }

  /** Wrong passwords for one account, each claiming another address in front of the real one. */
  async function spoofedGuesses(t: TestApp, proxies: string, proxyAddress: string) {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/session",
        remoteAddress: proxyAddress,
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `198.51.100.${i + 1}, 203.0.113.7${proxies}`,
        },
        payload: { email: "citizen@demo.halyq.kz", password: `wrong guess ${i}` },
      });
      statuses.push(res.statusCode);
    }
    return statuses;
  }

  let one: TestApp;
  beforeAll(async () => {
    one = await start("true");
  });

  it("TRUST_PROXY=true believes only the address the proxy saw: a made-up address gets no fresh counter", async () => {
    expect(await spoofedGuesses(one, "", "10.0.0.2")).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it("a list of proxy networks skips exactly those hops", async () => {
    const t = await start("10.0.0.0/8, 127.0.0.1");
    expect(await spoofedGuesses(t, ", 10.1.2.3", "10.0.0.2")).toEqual([
      401, 401, 401, 401, 401, 429, 429,
    ]);
  });

  it("a number of proxies skips that many hops", async () => {
    const t = await start("2");
    expect(await spoofedGuesses(t, ", 10.1.2.3", "10.0.0.2")).toEqual([
      401, 401, 401, 401, 401, 429, 429,
    ]);
  });
});

/**
 * One IPv6 subscriber holds a whole /64 and can answer from any address in it: the per-address
 * rate limits count the /64, as the sign-in counters do, not each of its 2^64 addresses.
 */
describe.each(testDialects())("per-address rate limits and IPv6, on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { AUTH_RATE_LIMIT: "10" } });
  });
  afterAll(async () => t.close());

  const signIn = (remoteAddress: string, n: number) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      remoteAddress,
      headers: { "content-type": "application/json" },
      // Another e-mail address each time (password spraying): only the rate limit holds it.
      payload: { email: `sprayed-${n}@example.kz`, password: "Spring2025!!" },
    });

  it("a new address in the same /64 is the same client; another /64 is another client", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await signIn(`2001:db8:77:1::${(i + 1).toString(16)}`, i)).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await signIn("2001:db8:77:2::1", 99)).statusCode).toBe(401);
    // An IPv4 client written as IPv4-mapped IPv6 is that IPv4 client.
    for (let i = 0; i < 10; i++) await signIn("198.51.100.77", 200 + i);
    expect((await signIn("::ffff:198.51.100.77", 299)).statusCode).toBe(429);
  });
});
