import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Clock } from "../../../kernel/clock.js";
import { type DeliveryOptions, type DeliveryResult, deliverPending } from "../outbox.js";
import type { Mailer, OutgoingMail } from "./mailer.js";
import type { MailTables } from "./outbox.table.js";

export { CLAIM_TIMEOUT_MS, type DeliveryOptions, retryDelayMs } from "../outbox.js";

/**
 * Puts a message in the outbox inside the caller's transaction, so it is sent only if the
 * change it announces commits. Returns the outbox row's id.
 */
export async function enqueueMail<DB extends MailTables>(
  db: Kysely<DB> | Transaction<DB>,
  clock: Clock,
  mail: OutgoingMail,
): Promise<string> {
  if (!mail.to.trim()) throw new Error("mail needs a recipient");
  if (/[\r\n]/.test(mail.to) || /[\r\n]/.test(mail.subject)) {
    throw new Error("mail recipient and subject must be a single line");
  }
  const id = randomUUID();
  const now = clock.now().toISOString();
  await (db as unknown as Kysely<MailTables>)
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

/**
 * Sends the mail that is due; the claim, retry and backoff rules are the outbox's
 * (src/platform/delivery/outbox.ts), shared with text messages.
 */
export function deliverPendingMail<DB extends MailTables>(
  db: Kysely<DB> | Transaction<DB>,
  mailer: Mailer,
  clock: Clock,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  return deliverPending(
    db,
    "mail_outbox",
    (row) =>
      mailer.send({
        to: row.to_address,
        subject: row.subject,
        text: row.body_text,
        ...(row.body_html === null ? {} : { html: row.body_html }),
      }),
    clock,
    options,
  );
}
