/** A meeting as stored: instants are ISO UTC text, booleans none, figures entered by the body. */
export interface MeetingsTable {
  id: string;
  agency_id: string;
  kind: string;
  title_kk: string | null;
  title_ru: string | null;
  title_en: string | null;
  agenda_kk: string | null;
  agenda_ru: string | null;
  agenda_en: string | null;
  place: string | null;
  online_url: string | null;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  capacity: number;
  eligibility: string;
  territory_code: string | null;
  queue_seq: number;
  minutes: string | null;
  minutes_published_at: string | null;
  registered_figure: number | null;
  attended_figure: number | null;
  announced_by_id: string | null;
  announced_at: string;
  updated_at: string;
}

export interface MeetingDelegatesTable {
  meeting_id: string;
  email: string;
}

export interface MeetingRegistrationsTable {
  id: string;
  meeting_id: string;
  account_id: string;
  status: string;
  queue_no: number;
  declared_territory: string | null;
  registered_at: string;
  confirmed_at: string | null;
  promoted_at: string | null;
  cancelled_at: string | null;
}

export interface MeetingQuestionsTable {
  id: string;
  meeting_id: string;
  account_id: string;
  kind: string;
  text: string;
  status: string;
  submitted_at: string;
  moderated_by_id: string | null;
  moderated_at: string | null;
  moderation_reason: string | null;
  answer: string | null;
  answered_by_id: string | null;
  answered_at: string | null;
}

export interface MeetingDecisionsTable {
  id: string;
  meeting_id: string;
  position: number;
  text: string;
  follow_up_kind: string | null;
  follow_up_ref: string | null;
  created_by_id: string | null;
  created_at: string;
}

/** The tables of meetings, as Kysely sees them (each table a property). */
export type MeetingTables = {
  meetings: MeetingsTable;
  meeting_delegates: MeetingDelegatesTable;
  meeting_registrations: MeetingRegistrationsTable;
  meeting_questions: MeetingQuestionsTable;
  meeting_decisions: MeetingDecisionsTable;
};
