/** People and sign-in, as other capabilities may use them: the only file they import from here. */

/** Who a person is, as pages elsewhere name them (staff lists, grants). */
export { type Account, fullName, normaliseEmail } from "./account.js";
/** The administration lists and opens staff accounts; the roles an account holds. */
export { findAccount, grantsOf, listStaff } from "./account.repository.js";
/** The organisations a person may act for (an appeal can be filed on behalf of one). */
export { organisationsOf } from "./commands/profile.js";
/**
 * Staff accounts change only through these commands (each one transaction with its audit
 * record), which the administration calls; no other capability writes identity's tables.
 */
export {
  changeStaffGrants,
  createStaffAccount,
  deactivateStaffAccount,
  emailTaken,
  type LastSystemAdmin,
  type NewStaffAccount,
  resetStaffTwoFactor,
  type StaffInvitation,
} from "./commands/staff-accounts.js";
/**
 * The staff directory: departments, positions and substitutions (замещение), read by the office
 * pages and the appeals policy, changed by the administration through these commands.
 */
export {
  addDepartment,
  addSubstitution,
  cancelSubstitution,
  setStaffPosition,
} from "./commands/staff-directory.js";
/** Demo data of other capabilities adds the residents it acts for here (never in production). */
export { addDemoResidents, type DemoResident } from "./demo-accounts.js";
/**
 * The registrar's applicant search and the account a desk appeal is linked to (each account
 * shown by the search is audited).
 */
export {
  type DeskApplicant,
  deskQueryKind,
  findApplicantAccount,
  findApplicants,
  showApplicant,
} from "./desk/applicant-search.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { IdentityTables } from "./identity.table.js";
/** The capability itself, for the composition root. */
export { identityManifest } from "./manifest.js";
/**
 * How other capabilities name people, reach them by mail and find a body's staff, read
 * inside their own transactions.
 */
export {
  type AccountContact,
  type AccountName,
  accountContacts,
  accountNames,
  agenciesWithRole,
  demoAccountIds,
  type MailContact,
  mailContacts,
  noticeAccount,
  type Residence,
  residenceOf,
  staffWithRole,
} from "./queries.js";
export {
  type Department,
  type DirectoryEntry,
  departmentsOf,
  inLocale,
  positionOf,
  type SubstitutionRow,
  staffDirectory,
  substitutionsAt,
} from "./staff-directory.js";
