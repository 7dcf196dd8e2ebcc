/** The appeals' statistics table, as Kysely sees it (read by others through `appeals/index.ts`). */
export interface AppealStatsTables {
  appeal_stats: AppealStatsTable;
  appeal_body_totals: AppealBodyTotalsTable;
  appeal_open_due: AppealOpenDueTable;
  appeal_scope_sums: AppealScopeSumsTable;
}

/**
 * Counts of appeals per scope ("a:<agency id>", "l:<level>", "*"), grain ("d", "m", "y"),
 * period key, metric and dimension; maintained with every change of an appeal.
 */
export interface AppealStatsTable {
  scope: string;
  grain: string;
  period: string;
  metric: string;
  dim: string;
  /** A count; bigint, so PostgreSQL may hand it over as a string. */
  value: number | string | bigint;
}

/**
 * One body's totals for one month (grain "m", period YYYY-MM) or day (grain "d", period
 * YYYY-MM-DD): what the ranking of bodies reads; maintained with `appeal_stats`.
 */
export interface AppealBodyTotalsTable {
  grain: string;
  period: string;
  agency_id: string;
  received: number | string | bigint;
  registered_on_time: number | string | bigint;
  answered: number | string | bigint;
  answered_in_term: number | string | bigint;
  ratings: number | string | bigint;
  rating_sum: number | string | bigint;
  resolved_yes: number | string | bigint;
  /** Answers by working days to the answer: a JSON array (index = days), no trailing zeros. */
  answer_days: string;
}

/**
 * Appeals still owing a decision, per scope ("a:<agency id>" or "*") and year ("y", YYYY),
 * month ("m", YYYY-MM) or day ("d", YYYY-MM-DD) of their due date; kept with `appeal_stats`.
 */
export interface AppealOpenDueTable {
  scope: string;
  grain: string;
  period: string;
  /** A count; bigint, so PostgreSQL may hand it over as a string. */
  open: number | string | bigint;
}

/**
 * The counts of `appeal_stats` of the country ("*") or a level ("l:<level>") for one day, month
 * or year, in one row: a JSON object by `metric\tdim` (no zeros); kept with `appeal_stats`.
 */
export interface AppealScopeSumsTable {
  scope: string;
  grain: string;
  period: string;
  sums: string;
}
