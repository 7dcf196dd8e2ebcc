import type { ExpressionBuilder, Kysely, Selectable, Transaction } from "kysely";
import type { Clock } from "../../kernel/clock.js";
import type { MailTables } from "./mail/outbox.table.js";
import type { SmsTables } from "./sms/outbox.table.js";

/** The platform's delivery tables, as Kysely sees them. */
export interface OutboxTables extends MailTables, SmsTables {}

/** The outbox tables; each has the same delivery columns (status, attempts, claim, errors). */
export type OutboxTable = keyof OutboxTables;

/** A claim older than this is taken to belong to a crashed instance, and the row is sent again. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;
/** The longest wait between two attempts, whatever maxAttempts is. */
const MAX_BACKOFF_MS = 24 * 60 * 60_000;

/** The wait after the given failed attempt (1-based): 1, 2, 4, 8 … minutes, capped at a day. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2 ** Math.max(0, attempt - 1) * 60_000, MAX_BACKOFF_MS);
}

export interface DeliveryOptions {
  /** Rows looked at in one run (default 50). */
  limit?: number;
  /** Attempts before a message is marked 'failed' (default 8). */
  maxAttempts?: number;
}

/** What one run did: delivered, given up on, and failed but to be tried again. */
export interface DeliveryResult {
  sent: number;
  failed: number;
  retried: number;
}

/**
 * Sends the due rows of one outbox through `send`. Safe with several instances on one
 * database: each row is claimed by a conditional UPDATE whose affected rows say who won, so
 * no two instances send it at once. A failure is retried with exponential backoff until
 * `maxAttempts`; a crash after sending but before marking may send a row twice once its claim
 * expires, but no row is ever dropped.
 */
export async function deliverPending<T extends OutboxTable, DB extends Pick<OutboxTables, T>>(
  anyDb: Kysely<DB> | Transaction<DB>,
  table: T,
  send: (row: Selectable<OutboxTables[T]>) => Promise<unknown>,
  clock: Clock,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  // Only `table` is touched, so seeing the schema as both outboxes is safe.
  const db = anyDb as unknown as Kysely<OutboxTables>;
  const outbox: OutboxTable = table;
  const limit = options.limit ?? 50;
  const maxAttempts = options.maxAttempts ?? 8;
  const result = { sent: 0, failed: 0, retried: 0 };
  const due = await db
    .selectFrom(outbox)
    .select("id")
    .where((eb) => dueCondition(eb, clock))
    .orderBy("next_attempt_at")
    .limit(limit)
    .execute();

  for (const { id } of due) {
    const claimedAt = clock.now().toISOString();
    const row = await db
      .updateTable(outbox)
      .set((eb) => ({ status: "sending", claimed_at: claimedAt, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", id)
      .where((eb) => dueCondition(eb, clock))
      .returningAll()
      .executeTakeFirst();
    if (!row) continue; // another instance got it first
    const attempts = Number(row.attempts);

    // Claims that were abandoned again and again (a message that crashes the process) stop too.
    if (attempts > maxAttempts) {
      await markUnsent(db, outbox, id, claimedAt, {
        status: "failed",
        last_error: `gave up after ${maxAttempts} attempts: delivery interrupted`,
      });
      result.failed++;
      continue;
    }
    try {
      await send(row as Selectable<OutboxTables[T]>);
    } catch (err) {
      const last_error = describeError(err);
      if (attempts >= maxAttempts) {
        await markUnsent(db, outbox, id, claimedAt, { status: "failed", last_error });
        result.failed++;
      } else {
        const next = clock.now().getTime() + retryDelayMs(attempts);
        const next_attempt_at = new Date(next).toISOString();
        await markUnsent(db, outbox, id, claimedAt, {
          status: "pending",
          last_error,
          next_attempt_at,
        });
        result.retried++;
      }
      continue;
    }
    // It went out: record that even if another instance has since re-claimed the row.
    await db
      .updateTable(outbox)
      .set({ status: "sent", sent_at: clock.now().toISOString() })
      .where("id", "=", id)
      .where("status", "<>", "sent")
      .execute();
    result.sent++;
  }
  return result;
}

/** Due now: pending and its time has come, or claimed so long ago that its sender must be dead. */
function dueCondition(eb: ExpressionBuilder<OutboxTables, OutboxTable>, clock: Clock) {
  const now = clock.now();
  const stale = new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString();
  return eb.or([
    eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now.toISOString())]),
    eb.and([eb("status", "=", "sending"), eb("claimed_at", "<=", stale)]),
  ]);
}

/** Records a failed attempt, only while our claim still holds (never over another's success). */
async function markUnsent(
  db: Kysely<OutboxTables>,
  outbox: OutboxTable,
  id: string,
  claimedAt: string,
  change: { status: "pending" | "failed"; last_error: string; next_attempt_at?: string },
): Promise<void> {
  await db
    .updateTable(outbox)
    .set({ ...change, claimed_at: null })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .where("claimed_at", "=", claimedAt)
    .execute();
}

function describeError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const text = typeof e?.message === "string" ? e.message : String(err);
  const code = typeof e?.code === "string" ? `${e.code}: ` : "";
  return `${code}${text}`.slice(0, 2000);
}

/** How far an outbox is behind: messages not yet sent (pending or being sent) and the oldest's age. */
export async function outboxBacklog<DB extends OutboxTables>(
  anyDb: Kysely<DB>,
  table: OutboxTable,
  clock: Clock,
): Promise<{ depth: number; oldestAgeSeconds: number }> {
  const db = anyDb as unknown as Kysely<OutboxTables>;
  const outbox: OutboxTable = table;
  const row = await db
    .selectFrom(outbox)
    .select((eb) => [
      eb.fn.countAll<number | string>().as("n"),
      eb.fn.min("created_at").as("oldest"),
    ])
    .where("status", "in", ["pending", "sending"])
    .executeTakeFirst();
  const oldest = row?.oldest ? Date.parse(String(row.oldest)) : Number.NaN;
  return {
    depth: Number(row?.n ?? 0),
    oldestAgeSeconds: Number.isFinite(oldest)
      ? Math.max(0, (clock.now().getTime() - oldest) / 1000)
      : 0,
  };
}
