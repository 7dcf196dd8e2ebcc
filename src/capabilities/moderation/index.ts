/**
 * The moderation queue across capabilities. The only file another capability may import from
 * here; none needs to: they fill the manifest's `moderation` slot and post reports to
 * `/moderation/report`.
 */
export { moderationManifest } from "./manifest.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { ModerationTables } from "./moderation.table.js";
