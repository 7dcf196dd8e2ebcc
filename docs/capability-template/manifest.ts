import type { CapabilityManifest } from "../../platform/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { policies } from "./policies.js";
import { exampleRoutes } from "./web/public.routes.js";

export const exampleManifest: CapabilityManifest = {
  name: "example",
  tables: ["examples"],
  migrations,
  locales: { kk, ru, en },
  policies,
  routes: exampleRoutes,
  navigation: [{ href: "/examples", labelKey: "nav.examples" }],
};
