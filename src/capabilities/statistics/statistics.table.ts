/** This capability's tables, as Kysely sees them (filled in as the tables are made). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the capability's tables
export interface StatisticsTables {}
