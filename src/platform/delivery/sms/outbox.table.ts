/** Where a text message is in its life: waiting, being sent by one instance, done, or given up on. */
export type SmsStatus = "pending" | "sending" | "sent" | "failed";

/** A text message waiting for (or done with) delivery; see src/platform/delivery/sms/outbox.ts. */
export interface SmsOutboxTable {
  id: string;
  created_at: string;
  to_phone: string;
  body_text: string;
  status: SmsStatus;
  /** Deliveries begun, counted when a row is claimed (so a crash mid-send still counts). */
  attempts: number;
  next_attempt_at: string;
  /** When the instance now sending it claimed it; a claim older than 5 minutes is abandoned. */
  claimed_at: string | null;
  last_error: string | null;
  sent_at: string | null;
}

/** The SMS outbox's table, as Kysely sees it: SMS functions accept any schema that includes it. */
export interface SmsTables {
  sms_outbox: SmsOutboxTable;
}
