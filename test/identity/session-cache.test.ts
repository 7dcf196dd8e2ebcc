import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashToken } from "../../src/capabilities/identity/auth/tokens.js";
import {
  changeStaffGrants,
  deactivateStaffAccount,
  findAccount,
} from "../../src/capabilities/identity/index.js";
import { deleteSession } from "../../src/capabilities/identity/session.repository.js";
import {
  SESSIONS_TOPIC,
  sessionCacheAllowed,
} from "../../src/capabilities/identity/session-cache.js";
import type { Broadcast } from "../../src/platform/broadcast.js";
import { PAGES_TOPIC } from "../../src/platform/page-cache.js";
import { startSecondInstance, startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { dropRedisKeys, redisTestPrefix } from "../support/redis.js";
import { postAs, type SignedIn, signInAs } from "../support/sessions.js";

/** Null when the machine has no Redis (the global setup says so, and fails the run under CI). */
const REDIS_URL = inject("redisUrl");

/** Resolves with the next message on a topic that reaches this process. */
function nextMessage(broadcast: Broadcast, topic: string): Promise<unknown> {
  return new Promise((resolve) => {
    const off = broadcast.subscribe(topic, (payload) => {
      off();
      resolve(payload);
    });
  });
}

const account = (t: TestApp, who: SignedIn) =>
  t.app.inject({ method: "GET", url: "/account", headers: { cookie: who.cookie } });

const signedIn = async (t: TestApp, who: SignedIn) => (await account(t, who)).statusCode === 200;

const ADMIN = { id: null, label: "test:admin" };

describe.each(testDialects())("session cache (%s)", (dialect) => {
  describe("two instances sharing one database and Redis", () => {
    const prefix = redisTestPrefix();
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      if (!REDIS_URL) return;
      const env = { REDIS_URL, REDIS_PREFIX: prefix };
      a = await startTestApp(dialect, { env });
      b = await startSecondInstance(a, env);
      // Both subscribers connected: until then neither keeps anything (fail closed).
      for (let i = 0; i < 100 && !(a.ctx.broadcast.live && b.ctx.broadcast.live); i++)
        await new Promise((r) => setTimeout(r, 20));
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
      if (REDIS_URL) await dropRedisKeys(REDIS_URL, prefix);
    });

    it("keeps sessions in memory: a row deleted behind its back is still served", async (c) => {
      if (!REDIS_URL) return c.skip();
      expect(a.ctx.broadcast.transport).toBe("redis");
      expect(a.ctx.broadcast.live && b.ctx.broadcast.live).toBe(true);
      expect(sessionCacheAllowed(b.ctx)).toBe(true);
      const citizen = await signInAs(a);
      expect(await signedIn(b, citizen)).toBe(true);
      // Removed without telling anyone: B answers from its cache, which is why every change
      // that ends a session must go through the commands that announce it.
      await deleteSession(a.ctx.db.kysely, hashToken(citizen.token));
      expect(await signedIn(b, citizen)).toBe(true);
    });

    it("signing out on A ends the session on B as soon as B hears of it", async (c) => {
      if (!REDIS_URL) return c.skip();
      const citizen = await signInAs(a);
      expect(await signedIn(a, citizen)).toBe(true);
      expect(await signedIn(b, citizen)).toBe(true);
      expect(await signedIn(b, citizen)).toBe(true);
      const heard = nextMessage(b.ctx.broadcast, SESSIONS_TOPIC);
      const started = performance.now();
      const out = await postAs(a, citizen, "/logout");
      expect(out.statusCode).toBe(303);
      expect(await heard).toEqual({ sessions: [hashToken(citizen.token)], accounts: [] });
      // Delivered within a few milliseconds on one machine; a second is generous.
      expect(performance.now() - started).toBeLessThan(1000);
      expect(await signedIn(b, citizen)).toBe(false);
      expect(await signedIn(a, citizen)).toBe(false);
    });

    it("signing out everywhere on B ends every session of the person on A", async (c) => {
      if (!REDIS_URL) return c.skip();
      const citizen = await signInAs(a);
      const other = await signInAs(a);
      expect(await signedIn(a, citizen)).toBe(true);
      expect(await signedIn(a, other)).toBe(true);
      // A second device of the same person, signed in on A too.
      const second = await signInAs(a);
      await a.ctx.db.kysely
        .updateTable("sessions")
        .set({ account_id: citizen.accountId })
        .where("id_hash", "=", hashToken(second.token))
        .execute();
      expect(await signedIn(a, second)).toBe(true);
      const heard = nextMessage(a.ctx.broadcast, SESSIONS_TOPIC);
      const out = await postAs(b, citizen, "/logout/everywhere");
      expect(out.statusCode).toBe(303);
      expect(await heard).toEqual({ sessions: [], accounts: [citizen.accountId] });
      expect(await signedIn(a, citizen)).toBe(false);
      expect(await signedIn(a, second)).toBe(false);
      // Someone else's session is untouched.
      expect(await signedIn(a, other)).toBe(true);
    });

    it("a role change and a deactivation on A reach B's cached sessions at once", async (c) => {
      if (!REDIS_URL) return c.skip();
      const grants = [{ role: "registrar" as const, agencyId: "ag-nura-akimat" }];
      const staff = await signInAs(a, { grants });
      const desk = () =>
        b.app.inject({
          method: "GET",
          url: "/office/identity",
          headers: { cookie: staff.cookie },
        });
      const before = await desk();
      expect(before.statusCode).toBe(200);
      const target = await findAccount(a.ctx.db.kysely, staff.accountId);
      if (!target) throw new Error("no account");
      let heard = nextMessage(b.ctx.broadcast, SESSIONS_TOPIC);
      expect(
        await changeStaffGrants(a.ctx, ADMIN, target, {
          from: grants,
          to: [{ role: "executor", agencyId: "ag-nura-akimat" }],
        }),
      ).toBe("changed");
      expect(await heard).toEqual({ sessions: [], accounts: [staff.accountId] });
      // The session ended with the change, so the new privileges apply from the next sign-in.
      expect((await desk()).statusCode).not.toBe(200);

      const again = await signInAs(a, { grants });
      const page = () =>
        b.app.inject({ method: "GET", url: "/account", headers: { cookie: again.cookie } });
      expect((await page()).statusCode).toBe(200);
      const person = await findAccount(a.ctx.db.kysely, again.accountId);
      if (!person) throw new Error("no account");
      heard = nextMessage(b.ctx.broadcast, SESSIONS_TOPIC);
      expect(await deactivateStaffAccount(a.ctx, ADMIN, person, "left")).toBe("deactivated");
      await heard;
      expect((await page()).statusCode).toBe(303);
    });

    it("empties B's page cache when A invalidates", async (c) => {
      if (!REDIS_URL) return c.skip();
      const page = await b.app.inject({ method: "GET", url: "/about" });
      expect(page.statusCode).toBe(200);
      expect(b.ctx.pageCache.size).toBeGreaterThan(0);
      const heard = nextMessage(b.ctx.broadcast, PAGES_TOPIC);
      a.ctx.pageCache.invalidate();
      await heard;
      expect(b.ctx.pageCache.size).toBe(0);
    });
  });

  describe("where a revocation could not reach every instance", () => {
    let t: TestApp;
    let off: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      off = await startTestApp(dialect, { env: { SESSION_CACHE: "off" } });
    });
    afterAll(async () => {
      await t?.close();
      await off?.close();
    });

    it(
      dialect === "postgres"
        ? "is off on PostgreSQL without Redis: every request reads the session"
        : "is on for SQLite's one machine without Redis",
      async () => {
        expect(t.ctx.broadcast.transport).toBe("local");
        expect(sessionCacheAllowed(t.ctx)).toBe(dialect === "sqlite");
        const citizen = await signInAs(t);
        expect(await signedIn(t, citizen)).toBe(true);
        await deleteSession(t.ctx.db.kysely, hashToken(citizen.token));
        expect(await signedIn(t, citizen)).toBe(dialect === "sqlite");
      },
    );

    it("assets and health checks never look the session up", async () => {
      const citizen = await signInAs(off);
      await deleteSession(off.ctx.db.kysely, hashToken(citizen.token));
      const asset = (await off.app.inject({ url: "/assets/favicon.svg" })).statusCode;
      expect(asset).toBe(200);
      for (const url of ["/assets/favicon.svg", "/healthz", "/readyz"]) {
        const res = await off.app.inject({ url, headers: { cookie: citizen.cookie } });
        expect(res.statusCode, url).toBe(200);
        // A lookup would have found the session gone and cleared the cookie.
        expect(res.headers["set-cookie"], url).toBeUndefined();
      }
      const signedInAsset = await signInAs(off);
      const res = await off.app.inject({
        url: "/assets/favicon.svg",
        headers: { cookie: signedInAsset.cookie },
      });
      expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      // The same cookie on a page is looked up (and ended): the skip is by path only.
      const page = await off.app.inject({ url: "/account", headers: { cookie: citizen.cookie } });
      expect(String(page.headers["set-cookie"])).toContain("halyq_session=;");
    });

    it("is off with SESSION_CACHE=off", async () => {
      expect(sessionCacheAllowed(off.ctx)).toBe(false);
      const citizen = await signInAs(off);
      expect(await signedIn(off, citizen)).toBe(true);
      await deleteSession(off.ctx.db.kysely, hashToken(citizen.token));
      expect(await signedIn(off, citizen)).toBe(false);
    });
  });
});
