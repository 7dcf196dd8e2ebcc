import type {
  AgenciesTable,
  AgencyCompetencesTable,
  CategoriesTable,
} from "../capabilities/agencies/agency.table.js";
import type {
  AppealAttachmentsTable,
  AppealCountersTable,
  AppealDraftsTable,
  AppealsTable,
  SmsOutboxTable,
} from "../capabilities/appeals/appeal.table.js";
import type { ConsultationTables } from "../capabilities/consultations/consultations.table.js";
import type { DialogueTables } from "../capabilities/dialogue/dialogue.table.js";
import type {
  AccountRolesTable,
  AccountsTable,
  EmailTokensTable,
  OrganisationMembersTable,
  OrganisationsTable,
  RecoveryCodesTable,
  SessionsTable,
} from "../capabilities/identity/identity.table.js";
import type { MeetingTables } from "../capabilities/meetings/meetings.table.js";
import type { OpenDataTables } from "../capabilities/open-data/open-data.table.js";
import type { PetitionTables } from "../capabilities/petitions/petitions.table.js";
import type { PetitionSignatureTables } from "../capabilities/petitions/signatures/signatures.table.js";
import type { PollTables } from "../capabilities/polls/polls.table.js";
import type { PublicationTables } from "../capabilities/publications/publications.table.js";
import type { ReceptionTables } from "../capabilities/receptions/receptions.table.js";
import type { StatisticsTables } from "../capabilities/statistics/statistics.table.js";
import type { SurveyTables } from "../capabilities/survey/survey.table.js";
import type {
  AuditEventsTable,
  CalendarYearsTable,
  SettingsTable,
} from "../kernel/audit/audit.table.js";
import type { MailOutboxTable } from "../platform/delivery/mail/outbox.table.js";

/** Every table, as Kysely sees it. Each capability keeps its table types beside its code. */
export interface Database
  extends ConsultationTables,
    MeetingTables,
    DialogueTables,
    PetitionTables,
    PetitionSignatureTables,
    StatisticsTables,
    OpenDataTables,
    PublicationTables,
    SurveyTables,
    ReceptionTables,
    PollTables {
  settings: SettingsTable;
  calendar_years: CalendarYearsTable;
  audit_events: AuditEventsTable;
  agencies: AgenciesTable;
  categories: CategoriesTable;
  agency_competences: AgencyCompetencesTable;
  mail_outbox: MailOutboxTable;
  accounts: AccountsTable;
  account_roles: AccountRolesTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  organisations: OrganisationsTable;
  organisation_members: OrganisationMembersTable;
  appeals: AppealsTable;
  appeal_counters: AppealCountersTable;
  appeal_attachments: AppealAttachmentsTable;
  appeal_drafts: AppealDraftsTable;
  sms_outbox: SmsOutboxTable;
}
