import type { CapabilityManifest } from "../../kernel/manifest.js";
import { appealApiRoutes } from "./api.routes.js";
import { seedDemoAppeals } from "./demo-data.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { appealPolicies } from "./policies.js";

/** Appeals: the statutory life cycle from filing to answer, rating and complaint, for every channel. */
export const appealsManifest: CapabilityManifest = {
  name: "appeals",
  locales: { kk, ru, en },
  policies: appealPolicies,
  async routes(app, ctx) {
    await appealApiRoutes(app, ctx);
  },
  seedDemo: seedDemoAppeals,
};
