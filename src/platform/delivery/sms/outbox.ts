import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Clock } from "../../../kernel/clock.js";
import { type DeliveryOptions, type DeliveryResult, deliverPending } from "../outbox.js";
import type { SmsTables } from "./outbox.table.js";
import type { SmsTransport } from "./transport.js";

/** A phone number as the SMS outbox accepts it: `+` and 10 to 15 digits. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s()-]/g, "");
  return /^\+?\d{10,15}$/.test(digits) ? (digits.startsWith("+") ? digits : `+${digits}`) : null;
}

/**
 * Puts a text message in the outbox inside the caller's transaction, so it goes out only if
 * the change it announces commits. A number that is not a phone number is skipped (null).
 */
export async function enqueueSms<DB extends SmsTables>(
  db: Kysely<DB> | Transaction<DB>,
  clock: Clock,
  sms: { to: string; text: string },
): Promise<string | null> {
  const to = normalisePhone(sms.to);
  if (!to) return null;
  const id = randomUUID();
  const now = clock.now().toISOString();
  await (db as unknown as Kysely<SmsTables>)
    .insertInto("sms_outbox")
    .values({
      id,
      created_at: now,
      to_phone: to,
      body_text: sms.text.slice(0, 480),
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

/**
 * Sends the text messages that are due through `transport`; the claim, retry and backoff
 * rules are the outbox's (src/platform/delivery/outbox.ts), shared with mail.
 */
export function deliverPendingSms<DB extends SmsTables>(
  db: Kysely<DB> | Transaction<DB>,
  transport: SmsTransport,
  clock: Clock,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  return deliverPending(
    db,
    "sms_outbox",
    (row) => transport.send(row.to_phone, row.body_text),
    clock,
    options,
  );
}
