import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import type { Db } from "../../src/db/database.js";
import { FixedClock } from "../../src/kernel/clock.js";
import { deliverPendingSms, enqueueSms } from "../../src/platform/delivery/sms/outbox.js";
import { smsOutboxJob } from "../../src/platform/delivery/sms/outbox-job.js";
import { logSmsTransport, type SmsTransport } from "../../src/platform/delivery/sms/transport.js";
import { migrateToLatest } from "../../src/platform/migrate.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

const MINUTE = 60_000;

/** Records what the app log receives, as pino would be called. */
function memoryLog() {
  const lines: { level: string; obj: unknown; msg: string | undefined }[] = [];
  const at = (level: string) => (obj: unknown, msg?: string) =>
    void lines.push({ level, obj, msg });
  return { log: { info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

/** A transport that fails its first `failTimes` sends, like a provider that is down. */
function flakyTransport(failTimes: number, delayMs = 0) {
  const sent: { to: string; text: string }[] = [];
  let calls = 0;
  const transport: SmsTransport = {
    describe: "flaky",
    async send(to, text) {
      calls++;
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (calls <= failTimes) throw Object.assign(new Error("gateway busy"), { code: "E503" });
      sent.push({ to, text });
    },
  };
  return { transport, sent, calls: () => calls };
}

describe.each(testDialects())("SMS outbox on %s", (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let clock: FixedClock;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    await migrateToLatest(db.kysely, capabilities);
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });
  beforeEach(async () => {
    await db.kysely.deleteFrom("sms_outbox").execute();
    clock = new FixedClock("2025-03-19T05:00:00.000Z");
  });

  const row = (id: string) =>
    db.kysely.selectFrom("sms_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const enqueue = (to = "8 (701) 123-45-67", text = "Өтініш тіркелді") =>
    db.kysely.transaction().execute((trx) => enqueueSms(trx, clock, { to, text }));

  it("keeps a message only when its transaction commits, and skips what is not a number", async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await enqueueSms(trx, clock, { to: "+77011234567", text: "rolled back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await enqueue("not a phone")).toBeNull();
    const id = await enqueue("+7 701 123 45 67");
    const rows = await db.kysely.selectFrom("sms_outbox").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id,
      to_phone: "+77011234567",
      body_text: "Өтініш тіркелді",
      status: "pending",
      next_attempt_at: "2025-03-19T05:00:00.000Z",
    });
  });

  it("delivers through the log transport with the number masked, once", async () => {
    const id = (await enqueue("+77011234567", "Обращение № X зарегистрировано")) as string;
    const { log, lines } = memoryLog();
    const transport = logSmsTransport(log);

    expect(await deliverPendingSms(db.kysely, transport, clock)).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
    });
    expect(await deliverPendingSms(db.kysely, transport, clock)).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      obj: { to: "+770******67", text: "Обращение № X зарегистрировано" },
    });
    expect(JSON.stringify(lines)).not.toContain("77011234567");
    expect(await row(id)).toMatchObject({ status: "sent", sent_at: "2025-03-19T05:00:00.000Z" });
  });

  it("retries a failing provider with backoff, then delivers", async () => {
    const id = (await enqueue()) as string;
    const { transport, sent } = flakyTransport(2);

    expect(await deliverPendingSms(db.kysely, transport, clock)).toMatchObject({ retried: 1 });
    expect(await row(id)).toMatchObject({
      status: "pending",
      last_error: "E503: gateway busy",
      next_attempt_at: "2025-03-19T05:01:00.000Z",
      claimed_at: null,
    });
    clock.advance(MINUTE - 1);
    expect(await deliverPendingSms(db.kysely, transport, clock)).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    clock.advance(1);
    expect(await deliverPendingSms(db.kysely, transport, clock)).toMatchObject({ retried: 1 });
    expect((await row(id)).next_attempt_at).toBe("2025-03-19T05:03:00.000Z");
    clock.advance(2 * MINUTE);
    expect(await deliverPendingSms(db.kysely, transport, clock)).toMatchObject({ sent: 1 });
    const done = await row(id);
    expect(done).toMatchObject({ status: "sent", sent_at: "2025-03-19T05:03:00.000Z" });
    expect(Number(done.attempts)).toBe(3);
    expect(sent).toEqual([{ to: "+87011234567", text: "Өтініш тіркелді" }]);
  });

  it("gives up after the last attempt and stops calling the provider", async () => {
    const id = (await enqueue()) as string;
    const { transport, calls } = flakyTransport(Number.POSITIVE_INFINITY);
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await deliverPendingSms(db.kysely, transport, clock, { maxAttempts: 2 }));
      clock.advance(24 * 60 * MINUTE);
    }
    expect(results).toEqual([
      { sent: 0, failed: 0, retried: 1 },
      { sent: 0, failed: 1, retried: 0 },
      { sent: 0, failed: 0, retried: 0 },
      { sent: 0, failed: 0, retried: 0 },
    ]);
    expect(calls()).toBe(2);
    expect(await row(id)).toMatchObject({ status: "failed", last_error: "E503: gateway busy" });
  });

  it("never sends one message twice when two deliveries run at once", async () => {
    for (let n = 0; n < 10; n++) await enqueue(`+7701000000${n}`, `message ${n}`);
    const { transport, sent } = flakyTransport(0, 10);
    const [a, b] = await Promise.all([
      deliverPendingSms(db.kysely, transport, clock),
      deliverPendingSms(db.kysely, transport, clock),
    ]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(10);
    expect(a?.sent).toBeGreaterThan(0);
    expect(b?.sent).toBeGreaterThan(0);
    expect(new Set(sent.map((s) => s.to)).size).toBe(10);
    expect(sent).toHaveLength(10);
  });

  it("runs as a background job that logs counts, never numbers", async () => {
    await enqueue();
    const { transport } = flakyTransport(1);
    const { log, lines } = memoryLog();
    const job = smsOutboxJob({ db: db.kysely, transport, clock, log }, 1000);
    expect(job).toMatchObject({ name: "sms-outbox", everyMs: 1000 });
    await job.run();
    clock.advance(MINUTE);
    await job.run();
    expect(lines).toEqual([
      {
        level: "warn",
        obj: { sent: 0, failed: 0, retried: 1 },
        msg: "sms delivery failed; will retry",
      },
      { level: "info", obj: { sent: 1, failed: 0, retried: 0 }, msg: "sms delivered" },
    ]);
  });
});
