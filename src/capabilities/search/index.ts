/**
 * Site-wide search. The only file another capability may import from here; none needs to:
 * each offers its public documents through its manifest's `searchDocuments`.
 */
export { searchManifest } from "./manifest.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { SearchTables } from "./search.table.js";
/** Refreshes the index now (the job's step; tests and commands call it directly). */
export { refreshSearchIndex } from "./search-index.js";
