/**
 * Open data exports and the Open311 interface. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */
export { openDataManifest } from "./manifest.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { OpenDataTables } from "./open-data.table.js";
