/** A person's "report this" on a comment or question. */
export interface ModerationReportsTable {
  kind: string;
  item_id: string;
  account_id: string;
  agency_id: string;
  created_at: string;
}

/** The latest moderator's decision on an item in the queue. */
export interface ModerationReviewsTable {
  kind: string;
  item_id: string;
  agency_id: string;
  /** "hidden" or "approved". */
  decision: string;
  reason: string | null;
  note: string | null;
  reviewed_by_id: string;
  reviewed_at: string;
}

/** This capability's tables, as Kysely sees them. */
export interface ModerationTables {
  moderation_reports: ModerationReportsTable;
  moderation_reviews: ModerationReviewsTable;
}
