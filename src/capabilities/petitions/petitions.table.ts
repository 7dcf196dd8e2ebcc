/**
 * A petition as stored. Instants are ISO UTC text; dates people read and working days are
 * counted on are plain `YYYY-MM-DD` text in the body's time zone. Every milestone is a column.
 * The signatures part (`signatures/`) reads `id`, `agency_id`, `status`, `territory_code`,
 * `signing_closes_at` and `threshold`; everything else belongs to the life cycle.
 */
export interface PetitionsTable {
  id: string;
  /** Public reference, e.g. `PET-2025-000042`. */
  number: string;
  agency_id: string;
  initiator_account_id: string;
  /** draft | gathering | admissibility | refused | collecting | consideration | decided | expired | withdrawn */
  status: string;
  language: string;
  title: string;
  summary: string;
  proposal: string;
  /** Unguessable token of the co-initiators' link while gathering. */
  share_token: string | null;
  /** Signatures only from residents of this territory (KATO code) when set; everyone otherwise. */
  territory_code: string | null;
  /** Signatures needed, fixed when the petition is published (from the body's level and data). */
  threshold: number | null;
  created_at: string;
  gathering_started_at: string | null;
  gathering_due_on: string | null;
  submitted_at: string | null;
  admissibility_due_on: string | null;
  admitted_at: string | null;
  refused_at: string | null;
  refusal_reason: string | null;
  published_at: string | null;
  /** Signing is open while status is `collecting` and now is before this instant. */
  signing_closes_at: string | null;
  threshold_reached_at: string | null;
  consideration_due_on: string | null;
  draft_decision: string | null;
  draft_decision_published_at: string | null;
  decision: string | null;
  decision_published_at: string | null;
  expired_at: string | null;
  withdrawn_at: string | null;
  updated_at: string;
  version: number;
  /** The refusal's own words when the reason is "other". */
  refusal_text: string | null;
}

/** A co-initiator who joined through the petition's link while it gathered them. */
export interface PetitionCoInitiatorsTable {
  petition_id: string;
  account_id: string;
  joined_at: string;
  /** A keyed hash of the person's verified IIN, unique within a petition (null on older rows). */
  person_key: string | null;
}

/**
 * A comment in the public discussion of the body's draft decision; shown once a moderator of
 * the body approves it. status: pending | approved | rejected.
 */
export interface PetitionCommentsTable {
  id: string;
  petition_id: string;
  account_id: string;
  text: string;
  status: string;
  created_at: string;
  moderated_at: string | null;
  moderated_by_id: string | null;
}

/** Tables of the life cycle (the signatures keep theirs in `signatures/signatures.table.ts`). */
export interface PetitionTables {
  petitions: PetitionsTable;
  petition_co_initiators: PetitionCoInitiatorsTable;
  petition_comments: PetitionCommentsTable;
}
