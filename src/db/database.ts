import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

/** An open database: the query builder, which dialect it speaks, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** The file path in a `sqlite:` URL; `sqlite::memory:` opens a private in-memory database. */
export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, "");
}

/**
 * Opens the database named by a URL. SQLite runs in WAL with synchronous=FULL, so a commit is
 * durable before a request is acknowledged; foreign keys are enforced on both dialects.
 */
export function openDatabase(
  url: string,
  options: { poolSize?: number; onIdleError?: (err: Error) => void } = {},
): Db {
  if (dialectOf(url) === "postgres") {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool replaces it on next use.
    pool.on("error", options.onIdleError ?? (() => {}));
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: "postgres", close: () => kysely.destroy() };
  }
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { kysely, dialect: "sqlite", close: () => kysely.destroy() };
}

/**
 * Kysely prepares every query anew; preparing costs more than running a small query, so
 * statements are kept by their SQL text (bounded, least recently used dropped first).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (query: string) => {
      let stmt = cache.get(query);
      if (stmt) {
        cache.delete(query);
      } else {
        stmt = sqlite.prepare(query);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(query, stmt);
      return stmt;
    },
  };
}

/** A query builder or an open transaction: repositories accept either. */
export type Executor = Kysely<Database>;

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one (a seed, a batch). */
export async function inTransaction<T>(
  db: Executor,
  fn: (trx: Executor) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
