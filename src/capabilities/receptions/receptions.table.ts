/** A published reception schedule; `days` and `topics` are JSON lists (dates, category ids). */
export interface ReceptionSchedulesTable {
  id: string;
  agency_id: string;
  official_id: string;
  days: string;
  start_time: string;
  end_time: string;
  slot_minutes: number;
  place: string | null;
  online_url: string | null;
  topics: string;
  time_zone: string;
  created_by_id: string | null;
  created_at: string;
}

/** One slot; free while `booking_id` is null. */
export interface ReceptionSlotsTable {
  id: string;
  schedule_id: string;
  agency_id: string;
  official_id: string;
  starts_at: string;
  ends_at: string;
  booking_id: string | null;
}

/** A booked reception or a walk-in ticket, with its clarification, advice and outcome. */
export interface ReceptionBookingsTable {
  id: string;
  agency_id: string;
  official_id: string;
  slot_id: string | null;
  kind: string;
  day: string;
  starts_at: string | null;
  ticket_no: number | null;
  account_id: string | null;
  visitor_name: string | null;
  visitor_contact: string | null;
  topic_id: string | null;
  question: string;
  language: string;
  redirect_consent: number;
  status: string;
  clarification_question: string | null;
  clarification_asked_at: string | null;
  clarification_answer: string | null;
  clarification_answered_at: string | null;
  advice_agency_id: string | null;
  advice_note: string | null;
  advised_at: string | null;
  outcome_note: string | null;
  refusal_reason: string | null;
  appeal_id: string | null;
  appeal_number: string | null;
  outcome_by_id: string | null;
  outcome_at: string | null;
  reminded_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReceptionTicketCountersTable {
  official_id: string;
  day: string;
  last_no: number;
}

/** This capability's tables, as Kysely sees them. */
export interface ReceptionTables {
  reception_schedules: ReceptionSchedulesTable;
  reception_slots: ReceptionSlotsTable;
  reception_bookings: ReceptionBookingsTable;
  reception_ticket_counters: ReceptionTicketCountersTable;
}
