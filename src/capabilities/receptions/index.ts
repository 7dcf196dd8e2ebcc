/**
 * Personal reception by heads and deputies. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */
export { receptionsManifest } from "./manifest.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { ReceptionTables } from "./receptions.table.js";
