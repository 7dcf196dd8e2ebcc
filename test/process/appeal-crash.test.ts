import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { verifyAuditChain } from "../../src/kernel/audit/audit.js";
import { BAIKONUR, numbersGivenTwice } from "../appeals/support.js";
import { createTestDatabase, testDialects } from "../support/databases.js";
import { crashMidBurst, startServer } from "../support/process.js";

const BURST = 200;
const IN_FLIGHT = 20;
/** The server is killed once this many filings have been acknowledged: mid-burst. */
const KILL_AFTER = 60;

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "demo-password" }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

const fileAppeal = (url: string, token: string, i: number) =>
  fetch(`${url}/api/v1/appeals`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      kind: "statement",
      agencyId: BAIKONUR,
      subject: `Burst filing ${i}`,
      text: `Filing ${i} of a burst: the lamps in yard ${i} do not work.`,
      language: "ru",
    }),
    signal: AbortSignal.timeout(30_000),
  });

/** `BKA-2026-0042` → year 2026, serial 42. */
function serialOf(number: string): { year: number; serial: number } {
  const m = /-(\d{4})-(\d{4,})$/.exec(number);
  if (!m) throw new Error(`not a registration number: ${number}`);
  return { year: Number(m[1]), serial: Number(m[2]) };
}

/** Each database with one process, and with the multi-process start (a primary, two workers). */
const starts = testDialects().flatMap((dialect) => [
  { dialect, workers: 1 },
  { dialect, workers: 2 },
]);

describe.each(starts)(
  "a crash during a burst of filings on $dialect with $workers worker(s)",
  ({ dialect, workers }) => {
    const cleanups: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    it("loses no acknowledged appeal and gives no number twice after SIGKILL", async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-crash-"));
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? "",
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        HALYQ_WORKERS: String(workers),
      };
      let databaseUrl = `sqlite:${path.join(dataDir, "halyq.db")}`;
      if (dialect === "postgres") {
        const database = await createTestDatabase("postgres");
        cleanups.push(() => database.drop());
        databaseUrl = database.url;
      }
      env.DATABASE_URL = databaseUrl;

      const first = await startServer(env);
      cleanups.push(() => first.killAll("SIGKILL"));
      const tokens = [
        await signIn(first.url, "citizen@demo.halyq.kz"),
        await signIn(first.url, "citizen2@demo.halyq.kz"),
      ];

      const acknowledged = await crashMidBurst(first, {
        count: BURST,
        inFlight: IN_FLIGHT,
        killAfter: KILL_AFTER,
        send: (i) => fileAppeal(first.url, tokens[i % tokens.length] as string, i),
        acknowledge: async (res, i) => ({
          number: ((await res.json()) as { number: string }).number,
          token: tokens[i % tokens.length] as string,
        }),
      });

      const second = await startServer(env);
      cleanups.push(() => second.killAll("SIGKILL"));
      cleanups.push(() => second.stop());

      // Every acknowledged appeal is there under its number, and is the one that was sent
      // (sessions live in the database, so the tokens survive the crash too).
      const numbers = [...acknowledged.values()].map((a) => a.number);
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const [i, { number, token }] of acknowledged) {
        const res = await fetch(`${second.url}/api/v1/appeals/${number}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status, number).toBe(200);
        const appeal = (await res.json()) as { number: string; subject: string };
        expect(appeal.number).toBe(number);
        expect(appeal.subject).toBe(`Burst filing ${i}`);
      }

      // Filing goes on after the restart, with a number never given before.
      const after = await fileAppeal(second.url, tokens[0] as string, BURST);
      expect(after.status).toBe(201);
      const afterNumber = ((await after.json()) as { number: string }).number;
      expect(numbers).not.toContain(afterNumber);
      const highestAcked = Math.max(...numbers.map((n) => serialOf(n).serial));
      expect(serialOf(afterNumber).serial).toBeGreaterThan(highestAcked);

      const db = openDatabase(databaseUrl, { poolSize: 2 });
      cleanups.push(() => db.close());
      expect(await numbersGivenTwice(db.kysely)).toEqual([]);
      const rows = await db.kysely
        .selectFrom("appeals")
        .select(["id", "number"])
        .where("agency_id", "=", BAIKONUR)
        .execute();
      const counters = await db.kysely
        .selectFrom("appeal_counters")
        .select(["year", "last_value"])
        .where("agency_id", "=", BAIKONUR)
        .execute();
      for (const row of rows) {
        const { year, serial } = serialOf(row.number);
        const counter = counters.find((c) => Number(c.year) === year);
        expect(Number(counter?.last_value ?? 0), row.number).toBeGreaterThanOrEqual(serial);
      }
      // Each registration committed with its log entry, and the log is whole.
      const unlogged = await db.kysely
        .selectFrom("appeals")
        .select("number")
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("audit_events")
                .select(sql`1`.as("one"))
                .where("audit_events.subject_type", "=", "appeal")
                .where("audit_events.action", "=", "appeal.registered")
                .whereRef("audit_events.subject_id", "=", "appeals.id"),
            ),
          ),
        )
        .execute();
      expect(unlogged).toEqual([]);
      expect((await verifyAuditChain(db.kysely)).brokenAt).toBeNull();
    }, 180_000);
  },
);
