import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import type { Db } from "../../src/db/database.js";
import { FixedClock } from "../../src/kernel/clock.js";
import type { Mailer, OutgoingMail } from "../../src/platform/delivery/mail/mailer.js";
import {
  deliverPendingMail,
  enqueueMail,
  retryDelayMs,
} from "../../src/platform/delivery/mail/outbox.js";
import { mailOutboxJob } from "../../src/platform/delivery/mail/outbox-job.js";
import { migrateToLatest } from "../../src/platform/migrate.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

const MINUTE = 60_000;

/** Stands in for the network (the SMTP path has its own test against a real server). */
function fakeMailer(options: { delayMs?: number; failTimes?: number } = {}) {
  const sent: OutgoingMail[] = [];
  let calls = 0;
  const mailer: Mailer = {
    describe: "fake",
    close() {},
    async send(mail) {
      calls++;
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (calls <= (options.failTimes ?? 0))
        throw Object.assign(new Error("421 try later"), { code: "EENVELOPE" });
      sent.push(mail);
      return { messageId: `<${calls}@fake>` };
    },
  };
  return { mailer, sent, calls: () => calls };
}

const mail = (n = 1): OutgoingMail => ({
  to: `citizen${n}@example.kz`,
  subject: `Өтініш № ${n}`,
  text: "Сіздің өтінішіңіз тіркелді.",
});

describe.each(testDialects())("mail outbox on %s", (dialect) => {
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
    await db.kysely.deleteFrom("mail_outbox").execute();
    clock = new FixedClock("2025-03-19T05:00:00.000Z");
  });

  const row = (id: string) =>
    db.kysely.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("keeps mail only when the transaction that enqueued it commits", async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await enqueueMail(trx, clock, mail(1));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const id = await db.kysely.transaction().execute((trx) => enqueueMail(trx, clock, mail(2)));

    const rows = await db.kysely.selectFrom("mail_outbox").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id,
      to_address: "citizen2@example.kz",
      subject: "Өтініш № 2",
      body_text: "Сіздің өтінішіңіз тіркелді.",
      body_html: null,
      status: "pending",
      created_at: "2025-03-19T05:00:00.000Z",
      next_attempt_at: "2025-03-19T05:00:00.000Z",
    });
    expect(Number(rows[0]?.attempts)).toBe(0);
  });

  it("refuses a recipient or subject that would inject headers", async () => {
    await expect(
      enqueueMail(db.kysely, clock, { ...mail(), subject: "Hi\r\nBcc: x@evil.test" }),
    ).rejects.toThrow(/single line/);
  });

  it("delivers due mail and marks it sent", async () => {
    const id = await enqueueMail(db.kysely, clock, { ...mail(), html: "<p>Сәлем</p>" });
    const { mailer, sent } = fakeMailer();
    clock.advance(1000);

    expect(await deliverPendingMail(db.kysely, mailer, clock)).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
    });
    expect(sent).toEqual([{ ...mail(), html: "<p>Сәлем</p>" }]);
    expect(await row(id)).toMatchObject({ status: "sent", sent_at: "2025-03-19T05:00:01.000Z" });
    expect(await deliverPendingMail(db.kysely, mailer, clock)).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(sent).toHaveLength(1);
  });

  it("retries with exponential backoff, then succeeds once the clock reaches the retry", async () => {
    const id = await enqueueMail(db.kysely, clock, mail());
    const { mailer, sent } = fakeMailer({ failTimes: 2 });

    expect(await deliverPendingMail(db.kysely, mailer, clock)).toEqual({
      sent: 0,
      failed: 0,
      retried: 1,
    });
    expect(await row(id)).toMatchObject({
      status: "pending",
      last_error: "EENVELOPE: 421 try later",
      next_attempt_at: "2025-03-19T05:01:00.000Z",
      claimed_at: null,
    });
    // Not due yet: nothing happens.
    clock.advance(MINUTE - 1);
    expect(await deliverPendingMail(db.kysely, mailer, clock)).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });

    clock.advance(1);
    expect(await deliverPendingMail(db.kysely, mailer, clock)).toEqual({
      sent: 0,
      failed: 0,
      retried: 1,
    });
    expect((await row(id)).next_attempt_at).toBe("2025-03-19T05:03:00.000Z"); // + 2 minutes

    clock.advance(2 * MINUTE);
    expect(await deliverPendingMail(db.kysely, mailer, clock)).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
    });
    const done = await row(id);
    expect(done).toMatchObject({ status: "sent", sent_at: "2025-03-19T05:03:00.000Z" });
    expect(Number(done.attempts)).toBe(3);
    expect(sent).toHaveLength(1);
  });

  it("doubles the wait after each failure", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n) / MINUTE)).toEqual([1, 2, 4, 8, 16]);
    expect(retryDelayMs(40)).toBe(24 * 60 * MINUTE);
  });

  it("marks mail failed after the last attempt and stops trying", async () => {
    const id = await enqueueMail(db.kysely, clock, mail());
    const { mailer, calls } = fakeMailer({ failTimes: Number.POSITIVE_INFINITY });
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(await deliverPendingMail(db.kysely, mailer, clock, { maxAttempts: 3 }));
      clock.advance(24 * 60 * MINUTE);
    }
    expect(results).toEqual([
      { sent: 0, failed: 0, retried: 1 },
      { sent: 0, failed: 0, retried: 1 },
      { sent: 0, failed: 1, retried: 0 },
      { sent: 0, failed: 0, retried: 0 },
      { sent: 0, failed: 0, retried: 0 },
    ]);
    expect(calls()).toBe(3);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "failed", last_error: "EENVELOPE: 421 try later" });
    expect(Number(failed.attempts)).toBe(3);
  });

  it("sends again a row whose sender died mid-send, but only after its claim expires", async () => {
    const id = await enqueueMail(db.kysely, clock, mail());
    // An instance claimed it, then crashed before marking the outcome.
    await db.kysely
      .updateTable("mail_outbox")
      .set({ status: "sending", claimed_at: clock.now().toISOString(), attempts: 1 })
      .where("id", "=", id)
      .execute();
    const { mailer, sent } = fakeMailer();

    clock.advance(4 * MINUTE);
    expect(await deliverPendingMail(db.kysely, mailer, clock)).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    clock.advance(MINUTE);
    expect(await deliverPendingMail(db.kysely, mailer, clock)).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
    });
    expect(sent).toHaveLength(1);
    expect((await row(id)).status).toBe("sent");
  });

  it("never sends a row twice when two deliveries run at once", async () => {
    const ids = new Set<string>();
    for (let n = 0; n < 12; n++) ids.add(await enqueueMail(db.kysely, clock, mail(n)));
    const { mailer, sent } = fakeMailer({ delayMs: 15 });

    const [a, b] = await Promise.all([
      deliverPendingMail(db.kysely, mailer, clock),
      deliverPendingMail(db.kysely, mailer, clock),
    ]);

    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(12);
    expect(a?.sent).toBeGreaterThan(0); // both took part: the race was real
    expect(b?.sent).toBeGreaterThan(0);
    const recipients = sent.map((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).toHaveLength(12);
    const statuses = await db.kysely.selectFrom("mail_outbox").select("status").execute();
    expect(statuses.every((r) => r.status === "sent")).toBe(true);
  });

  it("runs as a background job that logs what it delivered", async () => {
    await enqueueMail(db.kysely, clock, mail());
    const { mailer, sent } = fakeMailer();
    const infos: unknown[] = [];
    const log = { info: (o: unknown) => void infos.push(o), warn: () => {}, error: () => {} };
    const job = mailOutboxJob({ db: db.kysely, mailer, clock, log }, 1000);
    expect(job).toMatchObject({ name: "mail-outbox", everyMs: 1000 });
    await job.run();
    expect(sent).toHaveLength(1);
    expect(infos).toEqual([{ sent: 1, failed: 0, retried: 0 }]);
  });
});
