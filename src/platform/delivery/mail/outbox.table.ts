/** Where a message is in its life: waiting, being sent by one instance, done, or given up on. */
export type MailStatus = "pending" | "sending" | "sent" | "failed";

/** A message waiting for (or done with) delivery; see src/platform/delivery/mail/outbox.ts. */
export interface MailOutboxTable {
  id: string;
  created_at: string;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  status: MailStatus;
  /** Deliveries begun, counted when a row is claimed (so a crash mid-send still counts). */
  attempts: number;
  next_attempt_at: string;
  /** When the instance now sending it claimed it; a claim older than 5 minutes is abandoned. */
  claimed_at: string | null;
  last_error: string | null;
  sent_at: string | null;
}

/** The mail outbox's table, as Kysely sees it: mail functions accept any schema that includes it. */
export interface MailTables {
  mail_outbox: MailOutboxTable;
}
