import pino from "pino";
import { describe, expect, it } from "vitest";
import { createBroadcast } from "../../platform/broadcast.js";
import { type CachedSession, forgetSessions, SessionCache } from "./session-cache.js";

const log = pino({ level: "silent" });

function entry(idHash: string, accountId: string, expiresAt: string): CachedSession {
  return {
    session: {
      idHash,
      accountId,
      kind: "browser",
      createdAt: "2027-01-01T00:00:00.000Z",
      lastSeenAt: "2027-01-01T00:00:00.000Z",
      expiresAt,
      secondFactorAt: null,
    },
    holder: { kind: "citizen", active: true, identity: "declared" },
    grants: [],
  };
}

const LATER = "2027-01-02T00:00:00.000Z";

describe("session cache", () => {
  it("serves a lookup for at most its age and never past the session's end", () => {
    let now = Date.parse("2027-01-01T00:00:00.000Z");
    const cache = new SessionCache(
      createBroadcast({ redisUrl: null, redisPrefix: "", log }),
      () => now,
      60_000,
    );
    cache.set(entry("a", "acc-1", LATER), cache.generation);
    cache.set(entry("b", "acc-1", "2027-01-01T00:00:30.000Z"), cache.generation);
    now += 29_999;
    expect(cache.get("a")?.session.accountId).toBe("acc-1");
    expect(cache.get("b")).toBeDefined();
    now += 1;
    expect(cache.get("b")).toBeUndefined();
    now += 30_000;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("forgets sessions and every session of an account when told, in this process at once", async () => {
    const broadcast = createBroadcast({ redisUrl: null, redisPrefix: "", log });
    const cache = new SessionCache(broadcast, () => 0);
    cache.set(entry("a", "acc-1", LATER), cache.generation);
    cache.set(entry("b", "acc-1", LATER), cache.generation);
    cache.set(entry("c", "acc-2", LATER), cache.generation);
    cache.set(entry("d", "acc-3", LATER), cache.generation);
    await forgetSessions({ broadcast }, { sessions: ["d"] });
    expect(cache.get("d")).toBeUndefined();
    await forgetSessions({ broadcast }, { accounts: ["acc-1"] });
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("c")).toBeDefined();
  });

  it("does not keep a lookup that was reading while a revocation arrived", async () => {
    const broadcast = createBroadcast({ redisUrl: null, redisPrefix: "", log });
    const cache = new SessionCache(broadcast, () => 0);
    const generation = cache.generation;
    // The database was read (the old row), then another request's change was announced.
    await forgetSessions({ broadcast }, { accounts: ["acc-1"] });
    cache.set(entry("a", "acc-1", LATER), generation);
    expect(cache.get("a")).toBeUndefined();
    cache.set(entry("a", "acc-1", LATER), cache.generation);
    expect(cache.get("a")).toBeDefined();
  });

  it("is bounded, dropping the least recently used", () => {
    const cache = new SessionCache(
      createBroadcast({ redisUrl: null, redisPrefix: "", log }),
      () => 0,
      60_000,
      2,
    );
    cache.set(entry("a", "acc-1", LATER), cache.generation);
    cache.set(entry("b", "acc-2", LATER), cache.generation);
    expect(cache.get("a")).toBeDefined();
    cache.set(entry("c", "acc-3", LATER), cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
  });

  it("keeps nothing while the broadcast cannot hear the others (Redis unreachable)", async () => {
    // Nothing listens on port 1: the subscriber never connects, so revocations could be missed.
    const broadcast = createBroadcast({
      redisUrl: "redis://127.0.0.1:1",
      redisPrefix: "halyq-test:",
      log,
    });
    const cache = new SessionCache(broadcast, () => 0);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(broadcast.live).toBe(false);
      cache.set(entry("a", "acc-1", LATER), cache.generation);
      expect(cache.get("a")).toBeUndefined();
      expect(cache.size).toBe(0);
      // A revocation still reaches this process, and never holds the request up for long.
      const started = Date.now();
      let heard = false;
      broadcast.subscribe("identity.sessions", () => {
        heard = true;
      });
      await forgetSessions({ broadcast }, { accounts: ["acc-1"] });
      expect(heard).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      cache.close();
      await broadcast.close();
    }
  });
});
