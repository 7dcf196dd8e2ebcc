import type { CapabilityManifest } from "../platform/manifest.js";
import { adminManifest } from "./admin/manifest.js";
import { agenciesManifest } from "./agencies/manifest.js";
import { appealsManifest } from "./appeals/manifest.js";
import { calendarManifest } from "./calendar/manifest.js";
import { consultationsManifest } from "./consultations/manifest.js";
import { dialogueManifest } from "./dialogue/manifest.js";
import { identityManifest } from "./identity/manifest.js";
import { meetingsManifest } from "./meetings/manifest.js";
import { openDataManifest } from "./open-data/manifest.js";
import { petitionsManifest } from "./petitions/manifest.js";
import { petitionSignaturesManifest } from "./petitions/signatures/manifest.js";
import { pollsManifest } from "./polls/manifest.js";
import { publicationsManifest } from "./publications/manifest.js";
import { receptionsManifest } from "./receptions/manifest.js";
import { statisticsManifest } from "./statistics/manifest.js";
import { surveyManifest } from "./survey/manifest.js";

/** Every capability of this build, in navigation order. */
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
  publicationsManifest,
  statisticsManifest,
  surveyManifest,
  openDataManifest,
  adminManifest,
];
