import { randomBytes } from "node:crypto";
import path from "node:path";
import type { RawBuilder } from "kysely";
import pg from "pg";
import { type Db, type Dialect, type Executor, openDatabase } from "../src/db/database.js";

/**
 * The PostgreSQL server a benchmark creates its databases on (`HALYQ_BENCH_POSTGRES_URL`, else
 * the local one). Each run gets a database of its own, dropped afterwards.
 */
export const POSTGRES_ADMIN_URL =
  process.env.HALYQ_BENCH_POSTGRES_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";

/** The database one benchmark's servers run on, and how the benchmark itself reaches it. */
export interface BenchDatabase {
  dialect: Dialect;
  url: string;
  /** What a server needs in its environment to use this database (nothing for SQLite's default). */
  env: Record<string, string>;
  /** A connection of the benchmark's own, for setup and counting (close it when done). */
  open(): Db;
  /** Removes the database (a PostgreSQL one; a SQLite file goes with its data folder). */
  drop(): Promise<void>;
}

async function withAdmin<T>(f: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    return await f(admin);
  } finally {
    await admin.end();
  }
}

/** Null when the PostgreSQL server answers, else why not (for a row that says "not run"). */
export async function postgresUnavailable(): Promise<string | null> {
  try {
    await withAdmin((admin) => admin.query("SELECT 1"));
    return null;
  } catch (err) {
    return `PostgreSQL not reachable (${(err as Error).message})`;
  }
}

/**
 * A fresh, empty database: SQLite's default file in `dataDir` (exactly what a server started on
 * that folder uses), or a new PostgreSQL database `halyq_bench_…` on the local server.
 */
export async function benchDatabase(dialect: Dialect, dataDir: string): Promise<BenchDatabase> {
  if (dialect === "sqlite") {
    const url = `sqlite:${path.join(dataDir, "halyq.db")}`;
    return { dialect, url, env: {}, open: () => openDatabase(url), drop: async () => {} };
  }
  const name = `halyq_bench_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const u = new URL(POSTGRES_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    dialect,
    url,
    env: { DATABASE_URL: url },
    open: () => openDatabase(url, { poolSize: 4 }),
    drop: async () => {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The number a `SELECT count(*) …` answers (a bigint as text on PostgreSQL, a number on SQLite). */
export async function countRows(db: Db | Executor, query: RawBuilder<unknown>): Promise<number> {
  const { rows } = await query.execute("kysely" in db ? db.kysely : db);
  const first = rows[0] as Record<string, unknown> | undefined;
  return Number(first ? (Object.values(first)[0] ?? 0) : 0);
}

/** Rows inserted in slices, so that no statement passes either database's limit of parameters. */
export async function insertInSlices<T>(
  rows: T[],
  insert: (slice: T[]) => Promise<unknown>,
  size = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** What a row's name says of its database: nothing for the default, " (PostgreSQL)" otherwise. */
export function onDatabase(dialect: Dialect): string {
  return dialect === "postgres" ? " (PostgreSQL)" : "";
}
