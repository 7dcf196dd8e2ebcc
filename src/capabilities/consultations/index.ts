/**
 * Public discussion of draft acts. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */

/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { ConsultationTables } from "./consultations.table.js";
export { consultationsManifest } from "./manifest.js";
