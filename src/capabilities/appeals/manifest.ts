import type { MessageTree } from "../../kernel/i18n.js";
import type { CapabilityManifest } from "../../platform/manifest.js";
import { appealApiRoutes } from "./api.routes.js";
import { referencedAttachments } from "./attachments/attachment.repository.js";
import { seedDemoAppeals } from "./demo-data.js";
import { appealJobs } from "./jobs/index.js";
import citizenEn from "./locales/citizen.en.json" with { type: "json" };
import citizenKk from "./locales/citizen.kk.json" with { type: "json" };
import citizenRu from "./locales/citizen.ru.json" with { type: "json" };
import en from "./locales/en.json" with { type: "json" };
import scopeEn from "./locales/inbox-scope.en.json" with { type: "json" };
import scopeKk from "./locales/inbox-scope.kk.json" with { type: "json" };
import scopeRu from "./locales/inbox-scope.ru.json" with { type: "json" };
import jobsEn from "./locales/jobs.en.json" with { type: "json" };
import jobsKk from "./locales/jobs.kk.json" with { type: "json" };
import jobsRu from "./locales/jobs.ru.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import mapEn from "./locales/map.en.json" with { type: "json" };
import mapKk from "./locales/map.kk.json" with { type: "json" };
import mapRu from "./locales/map.ru.json" with { type: "json" };
import myEn from "./locales/my-halyq.en.json" with { type: "json" };
import myKk from "./locales/my-halyq.kk.json" with { type: "json" };
import myRu from "./locales/my-halyq.ru.json" with { type: "json" };
import answerEn from "./locales/office-answer.en.json" with { type: "json" };
import answerKk from "./locales/office-answer.kk.json" with { type: "json" };
import answerRu from "./locales/office-answer.ru.json" with { type: "json" };
import coExecutorsEn from "./locales/office-co-executors.en.json" with { type: "json" };
import coExecutorsKk from "./locales/office-co-executors.kk.json" with { type: "json" };
import coExecutorsRu from "./locales/office-co-executors.ru.json" with { type: "json" };
import deskEn from "./locales/office-desk.en.json" with { type: "json" };
import deskKk from "./locales/office-desk.kk.json" with { type: "json" };
import deskRu from "./locales/office-desk.ru.json" with { type: "json" };
import lettersEn from "./locales/office-letters.en.json" with { type: "json" };
import lettersKk from "./locales/office-letters.kk.json" with { type: "json" };
import lettersRu from "./locales/office-letters.ru.json" with { type: "json" };
import reportsEn from "./locales/office-reports.en.json" with { type: "json" };
import reportsKk from "./locales/office-reports.kk.json" with { type: "json" };
import reportsRu from "./locales/office-reports.ru.json" with { type: "json" };
import resolutionsEn from "./locales/office-resolutions.en.json" with { type: "json" };
import resolutionsKk from "./locales/office-resolutions.kk.json" with { type: "json" };
import resolutionsRu from "./locales/office-resolutions.ru.json" with { type: "json" };
import tasksEn from "./locales/office-tasks.en.json" with { type: "json" };
import tasksKk from "./locales/office-tasks.kk.json" with { type: "json" };
import tasksRu from "./locales/office-tasks.ru.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import staffEn from "./locales/staff.en.json" with { type: "json" };
import staffKk from "./locales/staff.kk.json" with { type: "json" };
import staffRu from "./locales/staff.ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { myAppeals } from "./my-halyq.js";
import { appealPolicies } from "./policies.js";
import { reportPolicies } from "./report-policies.js";
import { appealSearchDocuments } from "./search.js";
import { overdueByBody } from "./tasks/counters.js";
import { taskNavigationCounts } from "./tasks/navigation-counts.js";
import { citizenRoutes, publicAppealPaths } from "./web/citizen.routes.js";
import { staffRoutes } from "./web/staff.routes.js";

/** Deep-merges message trees: each part of the capability keeps its own files. */
function merge(...trees: MessageTree[]): MessageTree {
  const out: MessageTree = {};
  for (const tree of trees) {
    for (const [k, v] of Object.entries(tree)) {
      const prev = out[k];
      out[k] =
        typeof v === "object" && typeof prev === "object"
          ? merge(prev, v)
          : (v as MessageTree[string]);
    }
  }
  return out;
}

/** Appeals: the statutory life cycle from filing to answer, rating and complaint, for every channel. */
export const appealsManifest: CapabilityManifest = {
  name: "appeals",
  tables: [
    "appeals",
    "appeal_attachments",
    "appeal_counters",
    "appeal_drafts",
    "appeal_stats",
    "appeal_staff_notice_settings",
    "appeal_staff_digest",
    "appeal_saved_views",
    "appeal_cards",
    "registrar_defaults",
    "appeal_resolutions",
    "appeal_co_executors",
    "appeal_answer_drafts",
    "appeal_answer_templates",
  ],
  migrations,
  locales: {
    kk: merge(
      kk,
      citizenKk,
      staffKk,
      jobsKk,
      mapKk,
      myKk,
      scopeKk,
      tasksKk,
      deskKk,
      answerKk,
      resolutionsKk,
      lettersKk,
      reportsKk,
      coExecutorsKk,
    ),
    ru: merge(
      ru,
      citizenRu,
      staffRu,
      jobsRu,
      mapRu,
      myRu,
      scopeRu,
      tasksRu,
      deskRu,
      answerRu,
      resolutionsRu,
      lettersRu,
      reportsRu,
      coExecutorsRu,
    ),
    en: merge(
      en,
      citizenEn,
      staffEn,
      jobsEn,
      mapEn,
      myEn,
      scopeEn,
      tasksEn,
      deskEn,
      answerEn,
      resolutionsEn,
      lettersEn,
      reportsEn,
      coExecutorsEn,
    ),
  },
  policies: { ...appealPolicies, ...reportPolicies },
  navigation: [
    { href: "/appeals", labelKey: "nav.appeals", audience: "public", order: 10 },
    // Staff land here after signing in (the first link of their menu): their tasks with counts.
    {
      href: "/office/tasks",
      labelKey: "nav.office_tasks",
      audience: "staff",
      order: 5,
      roles: ["registrar", "executor", "head"],
    },
    {
      href: "/office/appeals",
      labelKey: "nav.office_appeals",
      audience: "staff",
      order: 10,
      roles: ["registrar", "executor", "head", "analyst"],
    },
    {
      href: "/office/answer-templates",
      labelKey: "nav.office_answer_templates",
      audience: "staff",
      order: 11,
      // The head keeps them; an administrator of the body may too, from Administration's link,
      // so that an administrator still starts on Administration.
      roles: ["head"],
    },
    {
      href: "/office/reports",
      labelKey: "nav.office_reports",
      audience: "staff",
      order: 12,
      roles: ["head", "analyst"],
    },
  ],
  async routes(app, ctx) {
    await appealApiRoutes(app, ctx);
    await citizenRoutes(app, ctx);
    await staffRoutes(app, ctx);
  },
  jobs: appealJobs,
  seedDemo: seedDemoAppeals,
  publicPaths: publicAppealPaths,
  blobs: referencedAttachments,
  searchDocuments: appealSearchDocuments,
  myHalyq: myAppeals,
  navigationCounts: taskNavigationCounts,
  async metrics(ctx) {
    const overdue = await overdueByBody(ctx);
    return [
      {
        name: "halyq_appeals_overdue",
        help: "Open appeals past any of their terms, by body",
        labelNames: ["agency"],
        samples: [...overdue].map(([agency, value]) => ({ labels: { agency }, value })),
      },
    ];
  },
  /** "Write to this body" on an active body's page: the form opens with the body chosen. */
  bodyActions: async (_ctx, body, view) => ({
    href: `/appeals/new?body=${encodeURIComponent(body.slug)}`,
    text: view.t("appeals.body_action"),
  }),
};
