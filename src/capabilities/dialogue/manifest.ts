import { mergeMessageTrees } from "../../kernel/i18n.js";
import type { CapabilityManifest } from "../../platform/manifest.js";
import { dialogueApiRoutes } from "./api.routes.js";
import { seedDemoDialogue } from "./demo-data.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import questionAppealEn from "./locales/office-question-appeal.en.json" with { type: "json" };
import questionAppealKk from "./locales/office-question-appeal.kk.json" with { type: "json" };
import questionAppealRu from "./locales/office-question-appeal.ru.json" with { type: "json" };
import redirectEn from "./locales/office-redirect.en.json" with { type: "json" };
import redirectKk from "./locales/office-redirect.kk.json" with { type: "json" };
import redirectRu from "./locales/office-redirect.ru.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { dialogueMeasures } from "./measures.js";
import { migrations } from "./migrations/index.js";
import { questionModeration } from "./moderation.js";
import { dialoguePolicies } from "./policies.js";
import { dialogueSearchDocuments } from "./search.js";
import { askRoutes } from "./web/ask.routes.js";
import { publicDialoguePaths, publicRoutes } from "./web/public.routes.js";
import { redirectRoutes } from "./web/redirect.routes.js";
import { registerAppealRoutes } from "./web/register-appeal.routes.js";
import { staffRoutes } from "./web/staff.routes.js";

/**
 * Open dialogue: public questions to heads of bodies and their answers. One page per body
 * (/dialogue/<slug>) rather than per head: questions belong to the body, so they and their
 * waiting time survive a change of head, and the head's office answers for them.
 */
export const dialogueManifest: CapabilityManifest = {
  name: "dialogue",
  tables: ["dialogue_questions", "dialogue_supports"],
  migrations,
  locales: {
    kk: mergeMessageTrees(kk, redirectKk, questionAppealKk),
    ru: mergeMessageTrees(ru, redirectRu, questionAppealRu),
    en: mergeMessageTrees(en, redirectEn, questionAppealEn),
  },
  policies: dialoguePolicies,
  moderation: [questionModeration],
  navigation: [
    { href: "/dialogue", labelKey: "nav.dialogue", audience: "public", place: "participation" },
    {
      href: "/office/dialogue",
      labelKey: "nav.office_dialogue",
      audience: "staff",
      order: 30,
      roles: ["head", "executor", "moderator"],
    },
  ],
  async routes(app, ctx) {
    await dialogueApiRoutes(app, ctx);
    await publicRoutes(app, ctx);
    await askRoutes(app, ctx);
    await staffRoutes(app, ctx);
    await redirectRoutes(app, ctx);
    await registerAppealRoutes(app, ctx);
  },
  seedDemo: seedDemoDialogue,
  measures: dialogueMeasures,
  publicPaths: publicDialoguePaths,
  searchDocuments: dialogueSearchDocuments,
};
