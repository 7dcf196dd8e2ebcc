/**
 * State bodies and categories, as other capabilities may use them: the only file they import
 * from here.
 */

/** What a body and a category are, and the bodies' tree order (forms, filters, statistics). */
export {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  type Agency,
  type AgencyKind,
  type AgencyLevel,
  type Category,
  treeOrder,
} from "./agency.js";
/** Reading the directory: bodies, categories and who answers for what. */
export {
  categoriesOfAgency,
  competentAgencies,
  findAgenciesByIds,
  findAgencyBySlug,
  jurisdictionOf,
  listAgencies,
  listCategories,
} from "./agency.repository.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { AgencyTables } from "./agency.table.js";
/**
 * Bodies change only through these commands (each one transaction with its audit record),
 * which the administration calls; no other capability writes the directory's tables.
 */
export {
  type AgencyInput,
  createAgency,
  setAgencyActive,
  updateAgency,
} from "./commands/manage-agencies.js";
/** The capability itself, for the composition root. */
export { agenciesManifest } from "./manifest.js";
/**
 * Reading bodies, categories, names and levels, and the territories the akimats govern, for
 * other capabilities.
 */
export {
  agenciesOfTerritories,
  agencyChoices,
  agencyIdsAtLevel,
  agencyLevels,
  agencyNames,
  akimatTerritories,
  districtAkimat,
  findAgency,
  findCategory,
  findCategoryBySlug,
  type Territory,
} from "./queries.js";
