import type { Generated, Kysely, Transaction } from "kysely";

export interface AuditEventsTable {
  seq: Generated<number>;
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  reason: string | null;
  /** JSON of what changed. */
  data: string;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface CalendarYearsTable {
  jurisdiction: string;
  year: number;
  data: string;
  imported_at: string;
}

/**
 * The kernel's own tables. Kernel functions accept any Kysely whose schema includes them, so
 * the kernel never sees the composed schema (and through it, every capability).
 */
export interface KernelTables {
  settings: SettingsTable;
  calendar_years: CalendarYearsTable;
  audit_events: AuditEventsTable;
}

/** Any database whose schema includes the kernel's tables, seen as just those (the one cast). */
export function kernelDb<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
): Kysely<KernelTables> {
  return db as unknown as Kysely<KernelTables>;
}
