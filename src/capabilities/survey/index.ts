/**
 * The portal survey. The only file another capability may import from here; none uses anything
 * of it but the manifest (its question after an interaction reaches other capabilities' pages
 * through the manifest's `afterInteraction`).
 */
export { surveyManifest } from "./manifest.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { SurveyTables } from "./survey.table.js";
