import { mergeMessageTrees as merge } from "../../kernel/i18n.js";
import type { CapabilityManifest } from "../../platform/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import sigEn from "./locales/queue-signatures.en.json" with { type: "json" };
import sigKk from "./locales/queue-signatures.kk.json" with { type: "json" };
import sigRu from "./locales/queue-signatures.ru.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { moderationPolicies } from "./policies.js";
import { moderationRoutes } from "./web/office.routes.js";

/**
 * One queue for a body's moderators across what the public writes (comments, questions,
 * free-text answers), fed by the public's reports. It knows no feature: each owner lists its
 * items and carries out decisions through the manifest's `moderation` slot.
 */
export const moderationManifest: CapabilityManifest = {
  name: "moderation",
  tables: ["moderation_reports", "moderation_reviews"],
  migrations,
  locales: { kk: merge(kk, sigKk), ru: merge(ru, sigRu), en: merge(en, sigEn) },
  policies: moderationPolicies,
  navigation: [
    {
      href: "/office/moderation",
      labelKey: "nav.office_moderation",
      audience: "staff",
      order: 25,
      roles: ["moderator"],
    },
  ],
  routes: moderationRoutes,
};
