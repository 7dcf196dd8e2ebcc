import type { CapabilityManifest } from "../../platform/manifest.js";
import { meetingApiRoutes } from "./api.routes.js";
import { seedDemoMeetings } from "./demo-data.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { meetingMeasures } from "./measures.js";
import { migrations } from "./migrations/index.js";
import { myRegistrations } from "./my-halyq.js";
import { upcomingMeetings } from "./open-now.js";
import { meetingPolicies } from "./policies.js";
import { meetingSearchDocuments } from "./search.js";
import { officeMeetingRoutes } from "./web/office.routes.js";
import { publicMeetingPaths, publicMeetingRoutes } from "./web/public.routes.js";

/** Hearings, assemblies and conferences of delegates: registration, minutes, decisions. */
export const meetingsManifest: CapabilityManifest = {
  name: "meetings",
  tables: [
    "meetings",
    "meeting_decisions",
    "meeting_delegates",
    "meeting_questions",
    "meeting_registrations",
  ],
  migrations,
  locales: { kk, ru, en },
  policies: meetingPolicies,
  navigation: [
    { href: "/meetings", labelKey: "nav.meetings", audience: "public", place: "participation" },
    {
      href: "/office/meetings",
      labelKey: "nav.office_meetings",
      audience: "staff",
      order: 30,
      roles: ["head", "executor", "moderator"],
    },
  ],
  async routes(app, ctx) {
    await meetingApiRoutes(app, ctx);
    await publicMeetingRoutes(app, ctx);
    await officeMeetingRoutes(app, ctx);
  },
  seedDemo: seedDemoMeetings,
  measures: meetingMeasures,
  publicPaths: publicMeetingPaths,
  searchDocuments: meetingSearchDocuments,
  openNow: upcomingMeetings,
  myHalyq: myRegistrations,
};
