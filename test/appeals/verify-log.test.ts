import { spawn } from "node:child_process";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/halyq.js";
import type { Db } from "../../src/db/database.js";
import { auditHead } from "../../src/kernel/audit/audit.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

const root = path.resolve(import.meta.dirname, "../..");

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command of Halyq's in its own process, as an operator would, with only the environment. */
function runProcess(command: string, args: string[], databaseUrl: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const verifyLog = (url: string) => runProcess("npm", ["run", "--silent", "verify-log"], url);

interface Entry {
  seq: number;
  id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  data: string;
}

async function appealEntries(db: Db): Promise<Entry[]> {
  const rows = await db.kysely
    .selectFrom("audit_events")
    .select(["seq", "id", "action", "subject_type", "subject_id", "data"])
    .where("subject_type", "=", "appeal")
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

describe.each(testDialects())("npm run verify-log on %s", (dialect) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    // The database is prepared by the same commands (`migrate`, `demo`), run in this process:
    // each child process costs seconds of start-up, and only verify-log is under test here.
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
    const lines: string[] = [];
    const out = {
      log: (s: string) => lines.push(s),
      error: (s: string) => lines.push(s),
    } as unknown as Console;
    try {
      expect(await run(["migrate"], out), lines.join("\n")).toBe(0);
      expect(await run(["demo"], out), lines.join("\n")).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    db = database.open();
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it("passes on a healthy database and prints the length and head hash", async () => {
    const head = await auditHead(db.kysely);
    const appeals = await appealEntries(db);
    expect(appeals.length).toBeGreaterThan(10);
    const ran = await verifyLog(database.url);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain(`Log intact: length ${head.seq}, head hash ${head.hash}`);
    expect(ran.stdout).toContain(`${appeals.length} of them appeal events`);
  }, 60_000);

  it("the application cannot rewrite or delete an entry: the database refuses", async () => {
    const [entry] = await appealEntries(db);
    if (!entry) throw new Error("no appeal entries");
    await expect(
      db.kysely
        .updateTable("audit_events")
        .set({ data: "{}" })
        .where("seq", "=", entry.seq)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.kysely.deleteFrom("audit_events").where("seq", "=", entry.seq).execute(),
    ).rejects.toThrow(/append-only/);
    const after = await db.kysely
      .selectFrom("audit_events")
      .select("data")
      .where("seq", "=", entry.seq)
      .executeTakeFirstOrThrow();
    expect(after.data).toBe(entry.data);
  });

  it("names exactly the entry a DBA altered by hand, bypassing the triggers", async () => {
    const entries = await appealEntries(db);
    const target = entries[Math.floor(entries.length / 2)];
    if (!target) throw new Error("no appeal entries");
    const data = JSON.parse(target.data) as Record<string, unknown>;
    const forged = JSON.stringify({ ...data, dueOn: "2099-12-31" });
    if (dialect === "sqlite") {
      await sql`DROP TRIGGER audit_events_no_update`.execute(db.kysely);
    } else {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`.execute(db.kysely);
    }
    await db.kysely
      .updateTable("audit_events")
      .set({ data: forged })
      .where("seq", "=", target.seq)
      .execute();

    const ran = await verifyLog(database.url);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe("");
    expect(ran.stderr).toContain(
      `Log broken at entry ${target.seq}: id ${target.id}, action ${target.action}, ` +
        `subject appeal ${target.subject_id},`,
    );
    const before = await db.kysely
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("seq", "<", target.seq)
      .executeTakeFirstOrThrow();
    expect(ran.stderr).toContain(`(${Number(before.n)} entries before it verified)`);

    // Put it back: the chain is whole again, which shows the edit alone broke it.
    await db.kysely
      .updateTable("audit_events")
      .set({ data: target.data })
      .where("seq", "=", target.seq)
      .execute();
    expect((await verifyLog(database.url)).code).toBe(0);
  }, 60_000);

  it("names the entry after one deleted by hand", async () => {
    const entries = await appealEntries(db);
    const removed = entries[2];
    if (!removed) throw new Error("too few appeal entries");
    const following = await db.kysely
      .selectFrom("audit_events")
      .select(["seq", "id", "action", "subject_type", "subject_id"])
      .where("seq", ">", removed.seq)
      .orderBy("seq")
      .limit(1)
      .executeTakeFirstOrThrow();
    if (dialect === "sqlite") await sql`DROP TRIGGER audit_events_no_delete`.execute(db.kysely);
    await db.kysely.deleteFrom("audit_events").where("seq", "=", removed.seq).execute();

    const ran = await verifyLog(database.url);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      `Log broken at entry ${following.seq}: id ${following.id}, action ${following.action}, ` +
        `subject ${following.subject_type} ${following.subject_id},`,
    );
  }, 60_000);
});
