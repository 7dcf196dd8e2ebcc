/**
 * Bodies' news and official information. The only file another capability may import from here;
 * none uses anything of it but the manifest (its section on a body's page in the directory comes
 * through the manifest's `bodySections`).
 */
export { publicationsManifest } from "./manifest.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { PublicationTables } from "./publications.table.js";
