/**
 * Every table, as Kysely sees it, composed by the capability list (src/capabilities/index.ts)
 * from each owner's table types; a type only, so nothing is loaded at run time.
 */
export type { Database } from "../capabilities/index.js";
