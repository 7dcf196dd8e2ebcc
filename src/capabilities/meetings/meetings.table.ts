/** The tables of meetings, as Kysely sees them (each table a property). */
// biome-ignore lint/complexity/noBannedTypes: filled in as the capability grows
export type MeetingTables = {};
