/**
 * Polls, surveys and local votes. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */
export { pollsManifest } from "./manifest.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { PollTables } from "./polls.table.js";
