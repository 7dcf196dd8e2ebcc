import type { Generated } from "kysely";
import type { DeskCardTables } from "./desk/card.table.js";
import type { AppealTaskTables } from "./tasks/tasks.table.js";

export interface AppealsTable {
  id: string;
  /** The registration number, `<body code>-<year>-<sequence>`, e.g. `BKA-2026-0013`. */
  number: string;
  /** The number given before short numbers (`BAIKONUR-DISTRICT-AKIMAT-2026-000013`): still found. */
  legacy_number: string | null;
  agency_id: string;
  jurisdiction: string;
  kind: string;
  procedure: string;
  channel: string;
  status: string;
  applicant_account_id: string | null;
  organisation_id: string | null;
  applicant_type: string;
  applicant_name: string | null;
  applicant_iin: string | null;
  applicant_bin: string | null;
  applicant_email: string | null;
  applicant_phone: string | null;
  applicant_address: string | null;
  applicant_language: string;
  category_id: string | null;
  subject: string;
  body: string;
  /** SHA-256 of the normalised text: finds the same duplicate filed again. */
  body_hash: string;
  language: string;
  address: string | null;
  district_code: string | null;
  lat: number | null;
  lon: number | null;
  public: Generated<number>;
  crime_report: Generated<number>;
  registered_by_id: string | null;
  registered_by_label: string;
  received_at: string;
  registered_on: string;
  due_on: string;
  original_due_on: string;
  extended_at: string | null;
  extension_reason: string | null;
  executor_id: string | null;
  source_appeal_id: string | null;
  complaint_of_id: string | null;
  duplicate_of_id: string | null;
  correction_note: string | null;
  correction_due_on: string | null;
  answer_outcome: string | null;
  answer_basis: string | null;
  answer_text: string | null;
  answer_language: string | null;
  answer_drafted_at: string | null;
  answered_at: string | null;
  closed_at: string | null;
  close_reason: string | null;
  close_note: string | null;
  deemed_refused_at: string | null;
  /** A forwarded complaint: the position (отзыв) of the body whose act is complained of. */
  complaint_position: string | null;
  /** When the head put the appeal on control («на контроле»); null when it is not. */
  on_control_at: string | null;
  complained_at: string | null;
  rating_score: number | null;
  rating_resolved: string | null;
  rating_comment: string | null;
  rated_at: string | null;
  /** The due date a reminder was last sent for, so no instance sends it twice. */
  reminded_for: string | null;
  /** 0 none, 1 the head was told the term passed, 2 the higher body was told. */
  escalation_level: Generated<number>;
  registration_hash: string;
  /** Number, subject and applicant, lowercased: what staff search (full-text indexed). */
  search_text: Generated<string>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface AppealCountersTable {
  agency_id: string;
  year: number;
  last_value: number;
}

export interface AppealAttachmentsTable {
  id: string;
  appeal_id: string | null;
  draft_id: string | null;
  /** "appeal" (from the applicant) or "answer" (from the body). */
  purpose: string;
  uploaded_by_id: string | null;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface AppealDraftsTable {
  id: string;
  account_id: string;
  data: string;
  created_at: string;
  updated_at: string;
}

/** A resolution: the executor, by when and on what instruction; a newer one supersedes it. */
export interface AppealResolutionsTable {
  id: string;
  appeal_id: string;
  author_id: string;
  executor_id: string;
  /** The control date set by the head, on or before the statutory term. */
  control_on: string | null;
  instruction: string | null;
  created_at: string;
  superseded_at: string | null;
}

/** The co-executors of a resolution, one row each. */
export interface AppealCoExecutorsTable {
  resolution_id: string;
  account_id: string;
}

/** The answer being drafted on an appeal, saved as it is typed (one row per appeal). */
export interface AppealAnswerDraftsTable {
  appeal_id: string;
  outcome: string | null;
  basis: string | null;
  text: string | null;
  language: string | null;
  saved_by_id: string;
  saved_at: string;
}

/** A body's response template: a title and its text in each language given, with placeholders. */
export interface AppealAnswerTemplatesTable {
  id: string;
  agency_id: string;
  title: string;
  text_kk: string | null;
  text_ru: string | null;
  text_en: string | null;
  created_at: string;
  updated_at: string;
}

/** The tables this capability owns, as Kysely sees them (its statistics: `AppealStatsTables`). */
export interface AppealTables extends AppealTaskTables, DeskCardTables {
  appeals: AppealsTable;
  appeal_counters: AppealCountersTable;
  appeal_attachments: AppealAttachmentsTable;
  appeal_drafts: AppealDraftsTable;
  appeal_resolutions: AppealResolutionsTable;
  appeal_co_executors: AppealCoExecutorsTable;
  appeal_answer_drafts: AppealAnswerDraftsTable;
  appeal_answer_templates: AppealAnswerTemplatesTable;
}
