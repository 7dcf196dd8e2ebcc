import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import { verifyAuditChain } from "../../src/kernel/audit/audit.js";
import { FixedClock } from "../../src/kernel/clock.js";
import { loadConfig } from "../../src/platform/config.js";
import { DemoRefusedError, loadDemoData, prepareContext } from "../../src/setup.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

const log = pino({ level: "silent" });
const clock = new FixedClock("2025-03-19T05:00:00Z");

describe.each(testDialects())("start-up and demo data on %s", (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function fresh(): Promise<TestDatabase> {
    const d = await createTestDatabase(dialect);
    cleanups.push(() => d.drop());
    return d;
  }

  async function prepare(database: TestDatabase, env: Record<string, string> = {}) {
    const db = database.open();
    const ctx = await prepareContext(
      loadConfig({ DATABASE_URL: database.url, ...env }),
      clock,
      log,
      capabilities,
      db,
    );
    cleanups.unshift(() => db.close());
    return ctx;
  }

  it("loads the demo bodies and categories into an empty database, once, with an audit record", async () => {
    const database = await fresh();
    const ctx = await prepare(database);
    expect(ctx.instance.demo).toBe(true);
    const count = async () =>
      Number(
        (
          await ctx.db.kysely
            .selectFrom("agencies")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(14);
    const again = await prepare(database);
    expect(again.instance.demo).toBe(true);
    expect(await count()).toBe(14);
    const audit = await verifyAuditChain(ctx.db.kysely);
    expect(audit.brokenAt).toBeNull();
    // Every entry is in the verified chain, and each demo body and category has its own.
    const bySubject = await ctx.db.kysely
      .selectFrom("audit_events")
      .select(["subject_type", (eb) => eb.fn.countAll().as("n")])
      .groupBy("subject_type")
      .execute();
    const entries = new Map(bySubject.map((r) => [r.subject_type, Number(r.n)]));
    expect(audit.checked).toBe([...entries.values()].reduce((a, b) => a + b, 0));
    expect(entries.get("agency")).toBe(14);
    expect(entries.get("category")).toBe(12);
    // Appeals in every state a member of staff meets, so the staff pages are not empty.
    const states = await ctx.db.kysely.selectFrom("appeals").select("status").distinct().execute();
    expect(states.map((s) => s.status).sort()).toEqual([
      "answered",
      "awaiting_approval",
      "awaiting_correction",
      "in_progress",
      "redirected",
      "registered",
      "returned",
      "terminated",
      "withdrawn",
    ]);
  });

  it("refuses demo data in production and leaves the database empty", async () => {
    const database = await fresh();
    const ctx = await prepare(database, { NODE_ENV: "production" });
    expect(ctx.instance.demo).toBe(false);
    const any = await ctx.db.kysely.selectFrom("agencies").select("id").executeTakeFirst();
    expect(any).toBeUndefined();
    await expect(loadDemoData(ctx, capabilities)).rejects.toBeInstanceOf(DemoRefusedError);
    expect(
      await ctx.db.kysely.selectFrom("agencies").select("id").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("DEMO_DATA=off starts empty", async () => {
    const ctx = await prepare(await fresh(), { DEMO_DATA: "off" });
    expect(ctx.instance.demo).toBe(false);
    expect(
      await ctx.db.kysely.selectFrom("agencies").select("id").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("a failure while loading demo data leaves nothing half-loaded", async () => {
    const database = await fresh();
    const ctx = await prepare(database, { DEMO_DATA: "off" });
    const failing = [
      ...capabilities,
      {
        name: "broken",
        async seedDemo() {
          throw new Error("seed failed");
        },
      },
    ];
    await expect(loadDemoData(ctx, failing)).rejects.toThrow("seed failed");
    expect(
      await ctx.db.kysely.selectFrom("agencies").select("id").executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await ctx.db.kysely.selectFrom("audit_events").select("id").executeTakeFirst(),
    ).toBeUndefined();
  });
});
