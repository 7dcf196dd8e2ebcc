import type { KernelTables } from "../kernel/audit/audit.table.js";
import type { MailTables } from "../platform/delivery/mail/outbox.table.js";
import type { SmsTables } from "../platform/delivery/sms/outbox.table.js";
import type { BlobTables } from "../platform/files/blob.table.js";
import type { CapabilityManifest } from "../platform/manifest.js";
import { adminManifest } from "./admin/index.js";
import { type AgencyTables, agenciesManifest } from "./agencies/index.js";
import { type AppealStatsTables, type AppealTables, appealsManifest } from "./appeals/index.js";
import { type BudgetTables, budgetsManifest } from "./budgets/index.js";
import { calendarManifest } from "./calendar/index.js";
import { type ConsultationTables, consultationsManifest } from "./consultations/index.js";
import { type DialogueTables, dialogueManifest } from "./dialogue/index.js";
import { type DocumentTables, documentsManifest } from "./documents/index.js";
import { type IdentityTables, identityManifest } from "./identity/index.js";
import { type MeetingTables, meetingsManifest } from "./meetings/index.js";
import { type ModerationTables, moderationManifest } from "./moderation/index.js";
import { type OpenDataTables, openDataManifest } from "./open-data/index.js";
import { type PetitionTables, petitionsManifest } from "./petitions/index.js";
import {
  type PetitionSignatureTables,
  petitionSignaturesManifest,
} from "./petitions/signatures/index.js";
import { type PollTables, pollsManifest } from "./polls/index.js";
import { type PublicationTables, publicationsManifest } from "./publications/index.js";
import { type ReceptionTables, receptionsManifest } from "./receptions/index.js";
import { type SearchTables, searchManifest } from "./search/index.js";
import { statisticsManifest } from "./statistics/index.js";
import { type SurveyTables, surveyManifest } from "./survey/index.js";

/**
 * The capabilities of this build: each is named here and nowhere else above it. Taking one out
 * is removing its folder and its lines in this file.
 */

/** Every capability, in navigation order. */
export const capabilities: CapabilityManifest[] = [
  agenciesManifest,
  calendarManifest,
  identityManifest,
  appealsManifest,
  consultationsManifest,
  meetingsManifest,
  dialogueManifest,
  petitionsManifest,
  petitionSignaturesManifest,
  receptionsManifest,
  pollsManifest,
  budgetsManifest,
  publicationsManifest,
  statisticsManifest,
  surveyManifest,
  openDataManifest,
  searchManifest,
  documentsManifest,
  moderationManifest,
  adminManifest,
];

/** Every table, as Kysely sees it: the kernel's, the platform's and each capability's own. */
export interface Database
  extends KernelTables,
    MailTables,
    SmsTables,
    BlobTables,
    AgencyTables,
    IdentityTables,
    AppealTables,
    AppealStatsTables,
    ConsultationTables,
    MeetingTables,
    DialogueTables,
    PetitionTables,
    PetitionSignatureTables,
    ReceptionTables,
    PollTables,
    BudgetTables,
    PublicationTables,
    SurveyTables,
    OpenDataTables,
    SearchTables,
    DocumentTables,
    ModerationTables {}
