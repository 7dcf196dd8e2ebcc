/** The appeals' statistics table, as Kysely sees it (read by others through `appeals/index.ts`). */
export interface AppealStatsTables {
  appeal_stats: AppealStatsTable;
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
