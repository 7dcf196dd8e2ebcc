import { mergeMessageTrees } from "../../kernel/i18n.js";
import type { CapabilityManifest } from "../../platform/manifest.js";
import { adminRoutes } from "./admin.routes.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import officeEn from "./locales/office-admin.en.json" with { type: "json" };
import officeKk from "./locales/office-admin.kk.json" with { type: "json" };
import officeRu from "./locales/office-admin.ru.json" with { type: "json" };
import directoryEn from "./locales/office-directory.en.json" with { type: "json" };
import directoryKk from "./locales/office-directory.kk.json" with { type: "json" };
import directoryRu from "./locales/office-directory.ru.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { adminPolicies } from "./policies.js";

/**
 * The administration: bodies and their competences (system admins), staff and their roles
 * (system admins anywhere, a body's admins within their body). No public pages; its menu
 * link is shown only to those allowed `admin.access`.
 */
export const adminManifest: CapabilityManifest = {
  name: "admin",
  locales: {
    kk: mergeMessageTrees(kk, officeKk, directoryKk),
    ru: mergeMessageTrees(ru, officeRu, directoryRu),
    en: mergeMessageTrees(en, officeEn, directoryEn),
  },
  routes: adminRoutes,
  policies: adminPolicies,
  navigation: [
    {
      href: "/admin",
      labelKey: "nav.admin",
      audience: "staff",
      order: 90,
      roles: ["admin"],
      action: "admin.access",
    },
  ],
};
