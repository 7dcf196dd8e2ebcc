/** A draft act under public discussion; what is discussed is its versions. */
export interface ConsultationsTable {
  id: string;
  agency_id: string;
  type: string;
  title_kk: string;
  title_ru: string;
  title_en: string;
  summary_kk: string;
  summary_ru: string;
  summary_en: string;
  current_version: number;
  created_by_id: string | null;
  created_at: string;
  updated_at: string;
}

/** One version of a draft: its discussion window (plain dates, both included) and its report. */
export interface ConsultationVersionsTable {
  id: string;
  consultation_id: string;
  number: number;
  opens_on: string;
  closes_on: string;
  note: string | null;
  published_at: string;
  published_by_id: string | null;
  report_published_at: string | null;
  report_published_by_id: string | null;
}

/** A numbered paragraph of a version, in the languages the body gave. */
export interface ConsultationParagraphsTable {
  id: string;
  version_id: string;
  number: number;
  text_kk: string | null;
  text_ru: string | null;
  text_en: string | null;
}

/** A comment on a paragraph (or, without one, on the whole draft), with its moderation and answer. */
export interface ConsultationCommentsTable {
  id: string;
  consultation_id: string;
  version_id: string;
  paragraph_number: number | null;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
  created_on: string;
  hidden_at: string | null;
  hidden_reason: string | null;
  hidden_by_id: string | null;
  answer: string | null;
  answer_reason: string | null;
  answered_at: string | null;
  answered_by_id: string | null;
}

/** Agree (1) or disagree (-1): one per person per comment, changeable. */
export interface ConsultationVotesTable {
  comment_id: string;
  account_id: string;
  value: number;
  updated_at: string;
}

export interface ConsultationSubscriptionsTable {
  consultation_id: string;
  account_id: string;
  created_at: string;
}

/**
 * A file published with one version of a draft; its content is in the shared attachment store
 * under `sha256`. A new version starts with copies of the rows of the last one.
 */
export interface ConsultationFilesTable {
  id: string;
  consultation_id: string;
  version: number;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_by_id: string | null;
  created_at: string;
}

/** The tables of consultations, as Kysely sees them (each table a property). */
export type ConsultationTables = {
  consultations: ConsultationsTable;
  consultation_versions: ConsultationVersionsTable;
  consultation_paragraphs: ConsultationParagraphsTable;
  consultation_comments: ConsultationCommentsTable;
  consultation_votes: ConsultationVotesTable;
  consultation_subscriptions: ConsultationSubscriptionsTable;
  consultation_files: ConsultationFilesTable;
};
