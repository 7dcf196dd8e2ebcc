/** A question to a body's head, from asking to the public answer. */
export interface DialogueQuestionsTable {
  id: string;
  agency_id: string;
  asker_account_id: string;
  status: string;
  /** The asker's words, kept as written whatever moderation does. */
  subject: string;
  body: string;
  asked_at: string;
  asked_on: string;
  moderated_at: string | null;
  moderated_by_id: string | null;
  reject_reason: string | null;
  /** What the public reads: set at approval (the moderator may take out personal data). */
  published_subject: string | null;
  published_body: string | null;
  published_on: string | null;
  answer_body: string | null;
  answered_at: string | null;
  answered_on: string | null;
  answered_by_id: string | null;
  /** The appeal the question was registered as (status registered_as_appeal), and its number. */
  appeal_id: string | null;
  appeal_number: string | null;
  updated_at: string;
}

/** One person's "I have this question too". */
export interface DialogueSupportsTable {
  question_id: string;
  account_id: string;
  created_at: string;
}

/** The tables of dialogue, as Kysely sees them (each table a property). */
export type DialogueTables = {
  dialogue_questions: DialogueQuestionsTable;
  dialogue_supports: DialogueSupportsTable;
};
