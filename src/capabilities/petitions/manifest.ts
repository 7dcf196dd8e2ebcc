import type { CapabilityManifest } from "../../platform/manifest.js";
import { petitionApiRoutes } from "./api.routes.js";
import { seedDemoPetitions } from "./demo-data.js";
import { petitionJobs } from "./jobs.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { petitionMeasures } from "./measures.js";
import { migrations } from "./migrations/index.js";
import { myPetitions } from "./my-halyq.js";
import { openPetitions } from "./open-now.js";
import { petitionPolicies } from "./policies.js";
import { petitionSearchDocuments } from "./search.js";
import { officePetitionRoutes } from "./web/office.routes.js";
import { publicPetitionPaths, publicPetitionRoutes } from "./web/public.routes.js";

/** E-petitions (citizens' e-initiative): drafts, co-initiators, admissibility, decisions. */
export const petitionsManifest: CapabilityManifest = {
  name: "petitions",
  tables: ["petitions", "petition_co_initiators", "petition_comments"],
  migrations,
  locales: { kk, ru, en },
  policies: petitionPolicies,
  navigation: [
    { href: "/petitions", labelKey: "nav.petitions", audience: "public", order: 20 },
    {
      href: "/office/petitions",
      labelKey: "nav.office_petitions",
      audience: "staff",
      order: 20,
      roles: ["registrar", "executor", "head", "moderator", "analyst"],
    },
  ],
  async routes(app, ctx) {
    await petitionApiRoutes(app, ctx);
    await publicPetitionRoutes(app, ctx);
    await officePetitionRoutes(app, ctx);
  },
  jobs: petitionJobs,
  seedDemo: seedDemoPetitions,
  measures: petitionMeasures,
  publicPaths: publicPetitionPaths,
  searchDocuments: petitionSearchDocuments,
  openNow: openPetitions,
  myHalyq: myPetitions,
};
