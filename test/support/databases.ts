import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type Db, type Dialect, openDatabase } from "../../src/db/database.js";

/** The dialects this machine can test: SQLite always, PostgreSQL when it answers. */
export function testDialects(): Dialect[] {
  return inject("postgresUrl") ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestDatabase {
  url: string;
  open(): Db;
  drop(): Promise<void>;
}

function postgresUrlFor(name: string): string {
  const adminUrl = inject("postgresUrl");
  if (!adminUrl) throw new Error("PostgreSQL is not available");
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(f: (admin: pg.Client) => Promise<T>): Promise<T> {
  const adminUrl = inject("postgresUrl");
  if (!adminUrl) throw new Error("PostgreSQL is not available");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await f(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database of the given dialect: a temporary SQLite file, or a new PostgreSQL
 * database, so test files never see each other's rows. With `template` (a name from
 * `templateDatabase`), it starts as a copy of that template: a file copy on SQLite,
 * `CREATE DATABASE … TEMPLATE` on PostgreSQL.
 */
export async function createTestDatabase(
  dialect: Dialect,
  template?: string,
): Promise<TestDatabase> {
  const name = `halyq_t_${randomBytes(6).toString("hex")}`;
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-test-"));
    const file = path.join(dir, `${name}.db`);
    if (template) fs.copyFileSync(template, file);
    const url = `sqlite:${file}`;
    return {
      url,
      open: () => openDatabase(url),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  await withAdmin(async (admin) => {
    // Two copies of one template at the same moment can collide on PostgreSQL's check that
    // nobody else uses the template; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
        return;
      } catch (err) {
        if (!template || attempt >= 50 || !/being accessed by other users/.test(String(err)))
          throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  const url = postgresUrlFor(name);
  return {
    url,
    open: () => openDatabase(url, { poolSize: 4 }),
    drop: () =>
      withAdmin(async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/**
 * A template database for this run, made once by whichever test file asks first (the others
 * wait for it) and copied by `createTestDatabase`: migrating and loading demo data costs
 * seconds, a copy milliseconds. `key` names what the template holds (the dialect, the clock,
 * the settings that shape its rows); `build` fills a fresh database at `url` and closes it.
 * Returns the SQLite file or the PostgreSQL database name to copy from.
 */
export async function templateDatabase(
  dialect: Dialect,
  key: string,
  build: (url: string) => Promise<void>,
): Promise<string> {
  const run = inject("testRun");
  const hash = createHash("sha256").update(`${dialect}|${key}`).digest("hex").slice(0, 16);
  if (dialect === "sqlite") {
    const dir = path.join(os.tmpdir(), `halyq-templates-${run}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${hash}.db`);
    const lock = `${file}.lock`;
    for (;;) {
      if (fs.existsSync(file)) return file;
      try {
        fs.mkdirSync(lock);
      } catch {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      try {
        if (fs.existsSync(file)) return file;
        const building = `${file}.${process.pid}.building`;
        await build(`sqlite:${building}`);
        for (const suffix of ["-wal", "-shm"]) fs.rmSync(building + suffix, { force: true });
        fs.renameSync(building, file);
        return file;
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
    }
  }
  const name = `halyq_tpl_${run}_${hash}`;
  const lockId = Number.parseInt(hash.slice(0, 8), 16);
  const adminUrl = inject("postgresUrl");
  if (!adminUrl) throw new Error("PostgreSQL is not available");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query("SELECT pg_advisory_lock($1)", [lockId]);
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      const building = `${name}_b`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      await build(postgresUrlFor(building));
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
    return name;
  } finally {
    await admin.query("SELECT pg_advisory_unlock($1)", [lockId]).catch(() => {});
    await admin.end();
  }
}
