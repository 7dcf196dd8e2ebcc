/**
 * E-petitions as other capabilities (and the composition root) may use them: the only file
 * they import from here. Its signatures are a sub-capability with an `index.ts` of their own.
 */

/**
 * The signatures move a petition on: after each committed batch they ask the life cycle whether
 * it reached its threshold.
 */
export { checkThreshold } from "./jobs.js";
/** The capability itself, for the composition root. */
export { petitionsManifest } from "./manifest.js";
/** A petition by id or number (the signatures' demo data finds the petition it signs). */
export { findPetition } from "./petition.repository.js";
/** The signatures' pages and queries read a petition's row as the petitions keep it. */
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { PetitionsTable, PetitionTables } from "./petitions.table.js";
/** What signing reads of petitions: one, a batch, a body's collecting ones, their numbers. */
export {
  collectingPetitions,
  petitionForSigning,
  petitionNumbers,
  petitionsForSigning,
  type SigningPetition,
} from "./queries.js";
/** The signatures' sub-capability, for the composition root (which imports only this file). */
export { petitionSignaturesManifest } from "./signatures/index.js";
