import type { CapabilityManifest } from "../../platform/manifest.js";
import { adminRoutes } from "./admin.routes.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { adminPolicies } from "./policies.js";

/**
 * The administration: bodies and their competences (system admins), staff and their roles
 * (system admins anywhere, a body's admins within their body). No main-menu link and no
 * public pages: the identity capability links here for those allowed `admin.access`.
 */
export const adminManifest: CapabilityManifest = {
  name: "admin",
  locales: { kk, ru, en },
  routes: adminRoutes,
  policies: adminPolicies,
};
