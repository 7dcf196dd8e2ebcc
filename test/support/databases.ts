import { randomBytes } from "node:crypto";
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

/**
 * A fresh, empty database of the given dialect: a temporary SQLite file, or a new PostgreSQL
 * database, so test files never see each other's rows.
 */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const name = `halyq_t_${randomBytes(6).toString("hex")}`;
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-test-"));
    const url = `sqlite:${path.join(dir, `${name}.db`)}`;
    return {
      url,
      open: () => openDatabase(url),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = inject("postgresUrl");
  if (!adminUrl) throw new Error("PostgreSQL is not available");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    url,
    open: () => openDatabase(url, { poolSize: 4 }),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
