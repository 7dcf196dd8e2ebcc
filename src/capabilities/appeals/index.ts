/** Appeals as other capabilities may use them: the only file they import from here. */

/** The appeals' vocabulary, for publishing them (open data, Open311) and counting them. */
export {
  APPEAL_KINDS,
  CHANNELS,
  OPEN_STATUSES,
  OUTCOMES,
  RETURN_REASONS,
  TERMINATE_REASONS,
} from "./appeal.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { AppealTables } from "./appeal.table.js";
/**
 * Filing an appeal from another channel (an Open311 client, a reception in person): the
 * appeals' own checks and numbering, through their group-committed writes.
 */
export {
  type AppealInput,
  type ApplicantDetails,
  prepareAppeal,
} from "./commands/submit-appeal.js";
/** The capability itself, for the composition root. */
export { appealsManifest } from "./manifest.js";
/** Each jurisdiction's rules of appeals (terms, the zone its days are counted in). */
export { type AppealProfile, appealProfile } from "./profiles.js";
/**
 * Appeals as open data and Open311 publish them: only the columns that may be published (a
 * private appeal's text never leaves the database), a keyset page or a request list at a time;
 * an appeal's term, and one to refer to in other capabilities' demo data.
 */
export {
  type AppealRequest,
  appealDueOn,
  appealNumber,
  appealRequestsByNumber,
  appealRequestsReceived,
  firstAppeal,
  lastRegisteredOn,
  type PublishedAppeal,
  publishedAppealPage,
} from "./queries.js";
/**
 * The appeal figures of a period and scope, for the statistics pages and the open data: read
 * from the appeals' own statistics table, which no other capability queries.
 */
export {
  type AppealFigures,
  figuresOf,
  firstRegisteredOn,
  loadMonthly,
  loadSums,
  OVERDUE_CAP,
  overdueNow,
  percentile,
  type Scope,
  type Sums,
  scopeKey,
} from "./stats/figures.js";
/** Rebuilding the appeal statistics from the appeals (an operator's command). */
export { rebuildAppealStats } from "./stats/rebuild.js";
export type { AppealStatsTables } from "./stats/stats.table.js";
/** Every body's totals over a period (what the ranking of bodies reads). */
export { type BodyTotals, loadBodyTotals } from "./stats/totals.js";
/** The group-committed writes a filing from another channel goes through. */
export { appealWrites, fileAppeal } from "./writes.js";
