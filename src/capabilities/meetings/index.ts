/**
 * Hearings, assemblies and conferences of delegates. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */
export { meetingsManifest } from "./manifest.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { MeetingTables } from "./meetings.table.js";
