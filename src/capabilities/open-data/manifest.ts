import { mergeMessageTrees } from "../../kernel/i18n.js";
import type { CapabilityManifest } from "../../platform/manifest.js";
import { seedDemoOpenData } from "./demo-data.js";
import { exportRoutes } from "./exports.routes.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import keysEn from "./locales/office-keys.en.json" with { type: "json" };
import keysKk from "./locales/office-keys.kk.json" with { type: "json" };
import keysRu from "./locales/office-keys.ru.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { open311Routes } from "./open311/open311.routes.js";
import { openDataPolicies } from "./policies.js";
import { keyRoutes } from "./web/keys.routes.js";
import { pageRoutes } from "./web/page.routes.js";

/** Open data exports without personal data, and the Open311 GeoReport v2 interface. */
export const openDataManifest: CapabilityManifest = {
  name: "open-data",
  tables: ["open311_api_keys", "open311_requests"],
  migrations,
  locales: {
    kk: mergeMessageTrees(kk, keysKk),
    ru: mergeMessageTrees(ru, keysRu),
    en: mergeMessageTrees(en, keysEn),
  },
  policies: openDataPolicies,
  navigation: [
    { href: "/open-data", labelKey: "nav.open_data", audience: "public", place: "more" },
  ],
  async routes(app, ctx) {
    await pageRoutes(app, ctx);
    await exportRoutes(app, ctx);
    await open311Routes(app, ctx);
    await keyRoutes(app, ctx);
  },
  seedDemo: seedDemoOpenData,
  publicPaths: async () => ["/open-data"],
};
