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
