/**
 * Public questions to bodies and their answers. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */

/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { DialogueTables } from "./dialogue.table.js";
export { dialogueManifest } from "./manifest.js";
