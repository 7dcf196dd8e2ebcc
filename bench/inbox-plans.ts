import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { agencyInbox, type InboxFilter } from "../src/capabilities/appeals/appeal.repository.js";
import type { Database } from "../src/db/schema.js";

/** One inbox request as staff make it: the API's query parameters. */
export type InboxQuery = Record<string, string>;

/** The repository's filter for an API query (as the route builds it; "soon" is near enough). */
function toFilter(q: InboxQuery, today: string): InboxFilter {
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 5 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    today,
    ...(q.status ? { status: q.status } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.executorId ? { executorId: q.executorId } : {}),
    ...(q.due === "overdue" ? { overdue: true } : {}),
    ...(q.due === "soon" ? { dueBefore: soon } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.sort ? { sort: q.sort as InboxFilter["sort"] } : {}),
    ...(q.page ? { page: Number(q.page) } : {}),
    ...(q.pageSize ? { pageSize: Number(q.pageSize) } : {}),
  };
}

/**
 * Runs the repository's own inbox queries once each on a database file (read-only) and prints
 * how long each SQL statement took and SQLite's plan for it: where a slow inbox comes from, and
 * whether a changed index or query fixed it.
 */
export async function explainInbox(
  file: string,
  agencyId: string,
  queries: InboxQuery[],
  say: (s: string) => void,
): Promise<void> {
  const sqlite = new SQLite(file, { readonly: true });
  const seen: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === "query")
        seen.push({
          sql: event.query.sql,
          parameters: event.query.parameters,
          ms: event.queryDurationMillis,
        });
    },
  });
  const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
  try {
    for (const q of queries) {
      seen.length = 0;
      await agencyInbox(db, agencyId, toFilter(q, today));
      say(`    ${decodeURIComponent(new URLSearchParams(q).toString()) || "(no filter)"}`);
      for (const s of seen) {
        const plan = (
          sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.parameters as unknown[])) as {
            detail: string;
          }[]
        )
          .map((r) => r.detail)
          .join("; ");
        const what = /^select count/i.test(s.sql) ? "count" : "rows ";
        say(`      ${s.ms.toFixed(1).padStart(8)} ms  ${what}  ${plan}`);
      }
    }
  } finally {
    await db.destroy();
  }
}
