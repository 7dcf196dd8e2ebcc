import type { CapabilityManifest } from "../../platform/manifest.js";
import { receptionApiRoutes } from "./api.routes.js";
import { bookReceptionAction } from "./body-action.js";
import { seedDemoReceptions } from "./demo-data.js";
import { receptionJobs } from "./jobs.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import deskEn from "./locales/office-desk.en.json" with { type: "json" };
import deskKk from "./locales/office-desk.kk.json" with { type: "json" };
import deskRu from "./locales/office-desk.ru.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { receptionMeasures } from "./measures.js";
import { migrations } from "./migrations/index.js";
import { myBookings } from "./my-halyq.js";
import { receptionPolicies } from "./policies.js";
import { receptionDeskRoutes } from "./web/desk.routes.js";
import { officeReceptionRoutes } from "./web/office.routes.js";
import { publicReceptionPaths, publicReceptionRoutes } from "./web/public.routes.js";

/** Personal reception by heads and deputies: schedules, booking, walk-in queue, outcomes. */
export const receptionsManifest: CapabilityManifest = {
  name: "receptions",
  tables: [
    "reception_bookings",
    "reception_schedules",
    "reception_slots",
    "reception_ticket_counters",
  ],
  migrations,
  locales: {
    kk: { ...kk, receptions: { ...kk.receptions, ...deskKk.receptions } },
    ru: { ...ru, receptions: { ...ru.receptions, ...deskRu.receptions } },
    en: { ...en, receptions: { ...en.receptions, ...deskEn.receptions } },
  },
  policies: receptionPolicies,
  navigation: [
    { href: "/reception", labelKey: "nav.reception", audience: "public", order: 40 },
    {
      href: "/office/reception",
      labelKey: "nav.office_reception",
      audience: "staff",
      order: 40,
      roles: ["head", "registrar"],
    },
  ],
  async routes(app, ctx) {
    await receptionApiRoutes(app, ctx);
    await publicReceptionRoutes(app, ctx);
    await officeReceptionRoutes(app, ctx);
    await receptionDeskRoutes(app, ctx);
  },
  jobs: receptionJobs,
  seedDemo: seedDemoReceptions,
  measures: receptionMeasures,
  publicPaths: publicReceptionPaths,
  myHalyq: myBookings,
  bodyActions: bookReceptionAction,
};
