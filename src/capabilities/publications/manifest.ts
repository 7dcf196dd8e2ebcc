import type { CapabilityManifest } from "../../platform/manifest.js";
import { publicationApiRoutes } from "./api.routes.js";
import { seedDemoPublications } from "./demo-data.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { publicationMeasures } from "./measures.js";
import { migrations } from "./migrations/index.js";
import { publicationPolicies } from "./policies.js";
import { publicationSearchDocuments } from "./search.js";
import { officePublicationRoutes } from "./web/office.routes.js";
import {
  bodyPublications,
  publicPublicationPaths,
  publicPublicationRoutes,
} from "./web/public.routes.js";

/** Each body's news and official information, with a freshness monitor. */
export const publicationsManifest: CapabilityManifest = {
  name: "publications",
  tables: ["publications", "publication_versions"],
  migrations,
  locales: { kk, ru, en },
  policies: publicationPolicies,
  navigation: [
    { href: "/news", labelKey: "nav.news", audience: "public", place: "more" },
    {
      href: "/office/publications",
      labelKey: "nav.office_publications",
      audience: "staff",
      order: 40,
      roles: ["executor", "head", "moderator"],
    },
  ],
  async routes(app, ctx) {
    await publicationApiRoutes(app, ctx);
    await publicPublicationRoutes(app, ctx);
    await officePublicationRoutes(app, ctx);
  },
  seedDemo: seedDemoPublications,
  measures: publicationMeasures,
  publicPaths: publicPublicationPaths,
  bodySections: bodyPublications,
  searchDocuments: publicationSearchDocuments,
};
