import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import type { Database } from "../../src/db/schema.js";

/**
 * Another writer on the same file, in a thread of its own (as another worker process would
 * be): it bumps the tally in read-then-write transactions that hold the write lock briefly.
 */
const otherWriter = `
const { workerData, parentPort } = require("node:worker_threads");
const SQLite = require(workerData.module);
const db = new SQLite(workerData.file);
db.pragma("busy_timeout = 10000");
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
for (let i = 0; i < workerData.rounds; i++) {
  db.exec("BEGIN IMMEDIATE");
  const { n } = db.prepare("SELECT n FROM tally WHERE id = 1").get();
  pause(2);
  db.prepare("UPDATE tally SET n = ? WHERE id = 1").run(n + 1);
  db.exec("COMMIT");
  pause(1);
}
db.close();
parentPort.postMessage("done");
`;

const ROUNDS = 100;

function startOtherWriter(file: string): Promise<void> {
  const module = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(otherWriter, {
    eval: true,
    workerData: { file, module, rounds: ROUNDS },
  });
  return new Promise((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
}

/** Read, let the other writer run, write what was read plus one: a lost update if unguarded. */
async function bump(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await sql<{ n: number }>`SELECT n FROM tally WHERE id = 1`.execute(trx);
    await new Promise((r) => setTimeout(r, 1));
    await sql`UPDATE tally SET n = ${Number(row.rows[0]?.n) + 1} WHERE id = 1`.execute(trx);
  });
}

describe("SQLite with writers in several processes", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function tallyFile(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-writers-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "tally.db");
    const setup = new SQLite(file);
    setup.pragma("journal_mode = WAL");
    setup.exec("CREATE TABLE tally (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    setup.exec("INSERT INTO tally VALUES (1, 0)");
    setup.close();
    return file;
  }

  it("queues read-then-write transactions on the write lock: none fails, no update is lost", async () => {
    const file = tallyFile();
    const db = openDatabase(`sqlite:${file}`);
    cleanups.push(() => db.close());
    const other = startOtherWriter(file);
    for (let i = 0; i < ROUNDS; i++) await bump(db.kysely);
    await other;
    const { rows } = await sql<{ n: number }>`SELECT n FROM tally`.execute(db.kysely);
    expect(Number(rows[0]?.n)).toBe(2 * ROUNDS);
  }, 60_000);

  it("(the danger it removes) a deferred transaction that read fails at its write with SQLITE_BUSY", async () => {
    const file = tallyFile();
    const sqlite = new SQLite(file);
    sqlite.pragma("busy_timeout = 10000");
    const plain = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    cleanups.push(() => plain.destroy());
    const other = startOtherWriter(file);
    const errors: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      try {
        await bump(plain);
      } catch (err) {
        errors.push((err as { code?: string }).code ?? String(err));
      }
    }
    await other;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((c) => c.startsWith("SQLITE_BUSY"))).toBe(true);
  }, 60_000);
});
