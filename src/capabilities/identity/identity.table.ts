import type { Generated } from "kysely";

export interface AccountsTable {
  id: string;
  kind: string;
  email: string | null;
  email_confirmed_at: string | null;
  password_hash: string | null;
  surname: string;
  given_name: string;
  patronymic: string | null;
  iin: string | null;
  /**
   * Territory code (KATO) of the person's registered address, at district level: from the eID
   * provider's claim or the demo data, never typed in by the person. Decides eligibility for
   * votes and petitions limited to a territory.
   */
  residence_code: string | null;
  phone: string | null;
  language: string;
  notify_email: Generated<number>;
  notify_sms: Generated<number>;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  oidc_subject: string | null;
  /** 'declared', 'eid' or 'in_person' (kernel/identity-assurance.ts). */
  identity_assurance: Generated<string>;
  /** When the identity was last verified (e-ID or desk); null while only declared. */
  identity_verified_at: string | null;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** One in-person verification at a registrar's desk (the audit record says the same). */
export interface IdentityVerificationsTable {
  id: string;
  account_id: string;
  iin: string;
  /** kernel/identity-assurance.ts IDENTITY_DOCUMENTS */
  document_kind: string;
  /** The document's number or series as the registrar read it. */
  document_reference: string;
  agency_id: string;
  verified_by: string;
  verified_at: string;
}

export interface AccountRolesTable {
  id: string;
  account_id: string;
  role: string;
  agency_id: string | null;
  created_at: string;
}

export interface RecoveryCodesTable {
  account_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  account_id: string;
  kind: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  second_factor_at: string | null;
  user_agent: string | null;
}

/**
 * Wrong passwords and second-factor codes, one row per counter: a device that signed in to the
 * account before, the account from one address, or the account from every client without such
 * a device. `key` and `subject` are keyed hashes (of the device's nonce, the e-mail address and
 * the address), so the table holds no address of any kind; `subject` (the e-mail's hash) lets
 * a password reset clear all of an account's counters.
 */
export interface SignInThrottleTable {
  key: string;
  subject: string;
  failures: number;
  last_failure_at: string;
}

export interface EmailTokensTable {
  token_hash: string;
  account_id: string;
  purpose: string;
  expires_at: string;
  used_at: string | null;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  bin: string;
  created_at: string;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  account_id: string;
  created_at: string;
}

/** The tables this capability owns, as Kysely sees them. */
/** A department of a body (отдел / бөлім). */
export interface StaffDepartmentsTable {
  id: string;
  agency_id: string;
  name_kk: string;
  name_ru: string;
  name_en: string | null;
  created_at: string;
}

/** A staff member's department and position at one body. */
export interface StaffPositionsTable {
  account_id: string;
  agency_id: string;
  department_id: string | null;
  title_kk: string | null;
  title_ru: string | null;
  title_en: string | null;
  updated_at: string;
}

/** Who acts for whom at a body, from the first to the last day (inclusive); never deleted. */
export interface StaffSubstitutionsTable {
  id: string;
  agency_id: string;
  absent_id: string;
  substitute_id: string;
  from_on: string;
  until_on: string;
  created_by_id: string;
  created_at: string;
  cancelled_at: string | null;
}

export interface IdentityTables {
  accounts: AccountsTable;
  account_roles: AccountRolesTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  email_tokens: EmailTokensTable;
  organisations: OrganisationsTable;
  organisation_members: OrganisationMembersTable;
  identity_verifications: IdentityVerificationsTable;
  staff_departments: StaffDepartmentsTable;
  staff_positions: StaffPositionsTable;
  staff_substitutions: StaffSubstitutionsTable;
}
