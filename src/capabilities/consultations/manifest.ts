import { mergeMessageTrees } from "../../kernel/i18n.js";
import type { CapabilityManifest } from "../../platform/manifest.js";
import { consultationApiRoutes } from "./api.routes.js";
import { seedDemoConsultations } from "./demo-data.js";
import { referencedFiles } from "./files/files.repository.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import languagesEn from "./locales/office-languages.en.json" with { type: "json" };
import languagesKk from "./locales/office-languages.kk.json" with { type: "json" };
import languagesRu from "./locales/office-languages.ru.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { consultationMeasures } from "./measures.js";
import { migrations } from "./migrations/index.js";
import { commentModeration } from "./moderation.js";
import { openDrafts } from "./open-now.js";
import { consultationPolicies } from "./policies.js";
import { consultationSearchDocuments } from "./search.js";
import { publicConsultationPaths, publicRoutes } from "./web/public.routes.js";
import { staffRoutes } from "./web/staff.routes.js";

/** Drafts of acts under public discussion: paragraphs, comments, answers, the report. */
export const consultationsManifest: CapabilityManifest = {
  name: "consultations",
  tables: [
    "consultations",
    "consultation_comments",
    "consultation_paragraphs",
    "consultation_subscriptions",
    "consultation_versions",
    "consultation_votes",
    "consultation_files",
  ],
  migrations,
  locales: {
    kk: mergeMessageTrees(kk, languagesKk),
    ru: mergeMessageTrees(ru, languagesRu),
    en: mergeMessageTrees(en, languagesEn),
  },
  policies: consultationPolicies,
  moderation: [commentModeration],
  navigation: [
    {
      href: "/consultations",
      labelKey: "nav.consultations",
      audience: "public",
      place: "participation",
    },
    {
      href: "/office/consultations",
      labelKey: "nav.office_consultations",
      audience: "staff",
      order: 30,
      roles: ["head", "executor", "moderator"],
    },
  ],
  async routes(app, ctx) {
    await consultationApiRoutes(app, ctx);
    await publicRoutes(app, ctx);
    // A scope of its own: its forms are multipart (files), parsed before the CSRF check.
    await app.register(async (scope) => staffRoutes(scope, ctx));
  },
  seedDemo: seedDemoConsultations,
  measures: consultationMeasures,
  publicPaths: publicConsultationPaths,
  blobs: referencedFiles,
  searchDocuments: consultationSearchDocuments,
  openNow: openDrafts,
};
