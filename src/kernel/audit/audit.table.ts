import type { Generated } from "kysely";

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
