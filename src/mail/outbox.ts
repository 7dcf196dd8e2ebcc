import { randomUUID } from "node:crypto";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { Clock } from "../kernel/clock.js";
import type { Mailer, OutgoingMail } from "./mailer.js";

/** A claim older than this is taken to belong to a crashed instance, and the row is sent again. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;
/** The longest wait between two attempts, whatever maxAttempts is. */
const MAX_BACKOFF_MS = 24 * 60 * 60_000;

/**
 * Puts a message in the outbox inside the caller's transaction, so it is sent only if the
 * change it announces commits. Returns the outbox row's id.
 */
export async function enqueueMail(
  trx: Kysely<Database>,
  clock: Clock,
  mail: OutgoingMail,
): Promise<string> {
  if (!mail.to.trim()) throw new Error("mail needs a recipient");
  if (/[\r\n]/.test(mail.to) || /[\r\n]/.test(mail.subject)) {
    throw new Error("mail recipient and subject must be a single line");
  }
  const id = randomUUID();
  const now = clock.now().toISOString();
  await trx
    .insertInto("mail_outbox")
    .values({
      id,
      created_at: now,
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.text,
      body_html: mail.html ?? null,
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      claimed_at: null,
      last_error: null,
      sent_at: null,
    })
    .execute();
  return id;
}

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

/**
 * Sends the messages that are due. Safe with several instances on one database: each row is
 * claimed by a conditional UPDATE whose affected-row count says who won, so no two instances
 * send it at once. A crash after sending but before marking may send a message twice once its
 * claim expires; no message is ever dropped.
 */
export async function deliverPendingMail(
  db: Kysely<Database>,
  mailer: Mailer,
  clock: Clock,
  options: DeliveryOptions = {},
): Promise<{ sent: number; failed: number; retried: number }> {
  const limit = options.limit ?? 50;
  const maxAttempts = options.maxAttempts ?? 8;
  const result = { sent: 0, failed: 0, retried: 0 };
  const due = await db
    .selectFrom("mail_outbox")
    .select("id")
    .where((eb) => dueCondition(eb, clock))
    .orderBy("next_attempt_at")
    .limit(limit)
    .execute();

  for (const { id } of due) {
    const claimedAt = clock.now().toISOString();
    const claim = await db
      .updateTable("mail_outbox")
      .set((eb) => ({ status: "sending", claimed_at: claimedAt, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", id)
      .where((eb) => dueCondition(eb, clock))
      .executeTakeFirst();
    if (claim.numUpdatedRows !== 1n) continue; // another instance got it first
    const row = await db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

    // Claims that were abandoned again and again (a message that crashes the process) stop too.
    if (row.attempts > maxAttempts) {
      await markUnsent(db, id, claimedAt, {
        status: "failed",
        last_error: `gave up after ${maxAttempts} attempts: delivery interrupted`,
      });
      result.failed++;
      continue;
    }
    try {
      await mailer.send({
        to: row.to_address,
        subject: row.subject,
        text: row.body_text,
        ...(row.body_html === null ? {} : { html: row.body_html }),
      });
    } catch (err) {
      const last_error = describeError(err);
      if (row.attempts >= maxAttempts) {
        await markUnsent(db, id, claimedAt, { status: "failed", last_error });
        result.failed++;
      } else {
        const next = clock.now().getTime() + retryDelayMs(row.attempts);
        const next_attempt_at = new Date(next).toISOString();
        await markUnsent(db, id, claimedAt, { status: "pending", last_error, next_attempt_at });
        result.retried++;
      }
      continue;
    }
    // It went out: record that even if another instance has since re-claimed the row.
    await db
      .updateTable("mail_outbox")
      .set({ status: "sent", sent_at: clock.now().toISOString() })
      .where("id", "=", id)
      .where("status", "<>", "sent")
      .execute();
    result.sent++;
  }
  return result;
}

/** Due now: pending and its time has come, or claimed so long ago that its sender must be dead. */
function dueCondition(eb: ExpressionBuilder<Database, "mail_outbox">, clock: Clock) {
  const now = clock.now();
  const stale = new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString();
  return eb.or([
    eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now.toISOString())]),
    eb.and([eb("status", "=", "sending"), eb("claimed_at", "<=", stale)]),
  ]);
}

/** Records a failed attempt, only while our claim still holds (never over another's success). */
async function markUnsent(
  db: Kysely<Database>,
  id: string,
  claimedAt: string,
  change: { status: "pending" | "failed"; last_error: string; next_attempt_at?: string },
): Promise<void> {
  await db
    .updateTable("mail_outbox")
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
