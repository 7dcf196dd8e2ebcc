import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type TransactionSettings,
} from "kysely";
import type pg from "pg";
import { type Dialect, dialectOf } from "./dialect.js";
import type { Database } from "./schema.js";

/** The turn to write, handed out across processes (src/cluster.ts implements it). */
export interface WriteTurn {
  acquire(): Promise<void>;
  release(): void;
}

const require = createRequire(import.meta.url);

export { type Dialect, dialectOf } from "./dialect.js";

/** An open database: the query builder, which dialect it speaks, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
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
  options: {
    poolSize?: number;
    onIdleError?: (err: Error) => void;
    /** SQLite in a worker of a multi-process start: the primary's turn to write (src/cluster.ts). */
    writeTurn?: WriteTurn | null;
  } = {},
): Db {
  if (dialectOf(url) === "postgres") {
    // The PostgreSQL driver is loaded only by a process that talks to PostgreSQL.
    const { Pool } = require("pg") as typeof pg;
    const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 });
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
  // Another process (a worker of the same start, the CLI) may hold the write lock: wait for it.
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const kysely = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect(
      { database: withStatementCache(sqlite) },
      options.writeTurn ?? null,
    ),
  });
  return { kysely, dialect: "sqlite", close: () => kysely.destroy() };
}

/** How long a SQLite statement waits for another process's write lock before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Transactions take SQLite's write lock when they begin (`BEGIN IMMEDIATE`), not at their first
 * write. With several processes on one file (`HALYQ_WORKERS`), a deferred transaction that read
 * and then writes after another process committed fails at once with SQLITE_BUSY (its snapshot
 * is stale and `busy_timeout` does not apply to that upgrade); taken up front, the lock waits on
 * `busy_timeout` instead, so writers simply queue: one writer at a time across processes, each
 * committing its group-commit batch. A transaction declared read-only stays deferred.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #turn: WriteTurn | null;
  /** Whether the transaction in progress holds the primary's write turn (one at a time here). */
  #holding = false;
  constructor(config: SqliteDialectConfig, turn: WriteTurn | null) {
    super(config);
    this.#turn = turn;
  }
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    if (settings?.accessMode === "read only") {
      await connection.executeQuery(CompiledQuery.raw("begin deferred"));
      return;
    }
    if (this.#turn) {
      await this.#turn.acquire();
      this.#holding = true;
    }
    try {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    } catch (err) {
      this.#giveBack();
      throw err;
    }
  }
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // Given back even when the commit fails: SQLite's own lock still keeps the next writer
    // waiting until this transaction is rolled back, so the turn can never be lost.
    try {
      await super.commitTransaction(connection);
    } finally {
      this.#giveBack();
    }
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } finally {
      this.#giveBack();
    }
  }
  #giveBack(): void {
    if (!this.#holding) return;
    this.#holding = false;
    this.#turn?.release();
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #turn: WriteTurn | null;
  constructor(config: SqliteDialectConfig, turn: WriteTurn | null = null) {
    super(config);
    this.#config = config;
    this.#turn = turn;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#turn);
  }
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
