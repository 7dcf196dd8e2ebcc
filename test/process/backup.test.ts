import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { verifyAuditChain } from "../../src/kernel/audit/audit.js";
import { BAIKONUR } from "../appeals/support.js";
import { createTestDatabase, testDialects } from "../support/databases.js";
import { inParallel, startServer } from "../support/process.js";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

const BURST = 120;
const IN_FLIGHT = 12;
/** The backup starts once this many filings have been acknowledged: mid-burst. */
const BACKUP_AFTER = 30;

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
      subject: `Backup burst ${i}`,
      text: `Filing ${i} while a backup is taken: the lamps in yard ${i} do not work.`,
      language: "ru",
    }),
    signal: AbortSignal.timeout(30_000),
  });

/**
 * Sends a burst of filings and, once `BACKUP_AFTER` are acknowledged, runs `takeBackup` while
 * the rest go on. Returns the numbers acknowledged before the backup began and in all.
 */
async function burstWithBackup(
  url: string,
  takeBackup: () => Promise<void>,
): Promise<{ before: string[]; all: string[] }> {
  const token = await signIn(url, "citizen@demo.halyq.kz");
  const all: string[] = [];
  let before: string[] = [];
  let backup: Promise<void> | null = null;
  await inParallel(BURST, IN_FLIGHT, async (i) => {
    const res = await fileAppeal(url, token, i);
    expect(res.status).toBe(201);
    all.push(((await res.json()) as { number: string }).number);
    if (all.length === BACKUP_AFTER && !backup) {
      before = [...all];
      backup = takeBackup();
    }
  });
  await backup;
  return { before, all };
}

async function appealNumbers(url: string): Promise<Set<string>> {
  const db = openDatabase(url, { poolSize: 2 });
  try {
    const rows = await db.kysely.selectFrom("appeals").select("number").execute();
    const numbers = rows.map((r) => r.number as string);
    expect(new Set(numbers).size).toBe(numbers.length);
    const chain = await verifyAuditChain(db.kysely);
    expect(chain.brokenAt).toBeNull();
    expect(chain.checked).toBeGreaterThan(0);
    return new Set(numbers);
  } finally {
    await db.close();
  }
}

const cli = (args: string[], databaseUrl: string, dataDir: string) =>
  run(process.execPath, ["--import", "tsx", path.join(root, "src/cli/halyq.ts"), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
  });

describe.each(testDialects())("a backup taken during a burst of filings on %s", (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("restores to a database holding every filing acknowledged before it began, its audit chain intact", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-backup-"));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    let databaseUrl = `sqlite:${path.join(dataDir, "halyq.db")}`;
    if (dialect === "postgres") {
      const database = await createTestDatabase("postgres");
      cleanups.push(() => database.drop());
      databaseUrl = database.url;
    }
    const server = await startServer({
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      DATABASE_URL: databaseUrl,
    });
    cleanups.push(() => server.stop());

    const backupFile = path.join(dataDir, "backups", "halyq-backup.db");
    const dumpFile = path.join(dataDir, "halyq.dump");
    let printed = "";
    const { before, all } = await burstWithBackup(server.url, async () => {
      if (dialect === "sqlite") {
        const r = await cli(["backup", backupFile], databaseUrl, dataDir);
        printed = r.stdout;
      } else {
        // PostgreSQL's own tool: one consistent snapshot while writes go on (docs/operations.md).
        await run("pg_dump", ["--format=custom", `--file=${dumpFile}`, `--dbname=${databaseUrl}`]);
      }
    });
    expect(all).toHaveLength(BURST);
    await server.stop();

    let restoredUrl: string;
    if (dialect === "sqlite") {
      expect(printed).toMatch(/Backup written: .*integrity ok/);
      restoredUrl = `sqlite:${path.join(dataDir, "restored", "halyq.db")}`;
      const r = await cli(["restore", backupFile], restoredUrl, dataDir);
      expect(r.stdout).toMatch(/Audit chain intact: \d+ record\(s\) verified/);
    } else {
      const target = await createTestDatabase("postgres");
      cleanups.push(() => target.drop());
      restoredUrl = target.url;
      await run("pg_restore", ["--no-owner", `--dbname=${restoredUrl}`, dumpFile]);
    }

    const restored = await appealNumbers(restoredUrl);
    // Everything acknowledged before the backup began is in it, and nothing is in it twice.
    for (const n of before) expect(restored.has(n), n).toBe(true);

    // Halyq starts on the restored database and serves an appeal filed before the backup.
    const again = await startServer({
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      DATABASE_URL: restoredUrl,
    });
    cleanups.push(() => again.stop());
    const token = await signIn(again.url, "citizen@demo.halyq.kz");
    const res = await fetch(`${again.url}/api/v1/appeals/${before[0]}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  }, 240_000);
});

describe("restoring a SQLite backup", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it("refuses a file that is not a database and changes nothing", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-backup-"));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const bogus = path.join(dataDir, "not-a-backup.db");
    fs.writeFileSync(bogus, "this is not a database");
    const target = path.join(dataDir, "halyq.db");
    fs.writeFileSync(target, "");
    await expect(cli(["restore", bogus], `sqlite:${target}`, dataDir)).rejects.toMatchObject({
      code: 1,
    });
    expect(fs.readFileSync(target, "utf8")).toBe("");
  });
});
