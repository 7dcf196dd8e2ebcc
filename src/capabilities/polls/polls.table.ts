/**
 * A poll: a survey (several questions) or a vote (one question, or a yes/no local referendum).
 * Questions are kept as JSON in the poll (they never change once scheduled); results are
 * computed from the ballots once, at publication, and kept as JSON too.
 */
export interface PollsTable {
  id: string;
  agency_id: string;
  kind: string;
  title_kk: string | null;
  title_ru: string | null;
  title_en: string | null;
  description_kk: string | null;
  description_ru: string | null;
  description_en: string | null;
  questions: string;
  eligibility: string;
  territory_code: string | null;
  /** The size of the electorate from the population register, when the body gives it. */
  eligible_count: number | null;
  opens_at: string;
  closes_at: string;
  live_results: number;
  status: string;
  results: string | null;
  voters_count: number | null;
  published_at: string | null;
  created_by_id: string | null;
  created_at: string;
  updated_at: string;
}

/** Who has voted: a keyed hash of the person (IIN, else account) and the day, nothing else. */
export interface PollVotersTable {
  poll_id: string;
  voter_key: string;
  voted_on: string;
}

/** A ballot: a random id and the answers, with no time and nothing of the voter. */
export interface PollBallotsTable {
  poll_id: string;
  id: string;
  answers: string;
}

/** A free-text answer, apart from its ballot, public once a moderator approves it. */
export interface PollTextsTable {
  poll_id: string;
  id: string;
  question_id: string;
  body: string;
  status: string;
  moderated_by_id: string | null;
  moderated_at: string | null;
}

/** This capability's tables, as Kysely sees them. */
export interface PollTables {
  polls: PollsTable;
  poll_voters: PollVotersTable;
  poll_ballots: PollBallotsTable;
  poll_texts: PollTextsTable;
}
