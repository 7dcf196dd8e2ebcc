import { mergeMessageTrees } from "../../kernel/i18n.js";
import type { CapabilityManifest } from "../../platform/manifest.js";
import { budgetAccountabilityApi } from "./api/accountability.routes.js";
import { budgetBallotApi } from "./api/ballots.routes.js";
import { budgetProposalApi } from "./api/proposals.routes.js";
import { budgetReadApi } from "./api/read.routes.js";
import { seedDemoBudgets } from "./demo-data.js";
import { budgetFileRoutes, referencedFiles } from "./files.js";
import { budgetJobs } from "./jobs.js";
import accountabilityEn from "./locales/accountability.en.json" with { type: "json" };
import accountabilityKk from "./locales/accountability.kk.json" with { type: "json" };
import accountabilityRu from "./locales/accountability.ru.json" with { type: "json" };
import ballotEn from "./locales/ballot.en.json" with { type: "json" };
import ballotKk from "./locales/ballot.kk.json" with { type: "json" };
import ballotRu from "./locales/ballot.ru.json" with { type: "json" };
import commonEn from "./locales/common.en.json" with { type: "json" };
import commonKk from "./locales/common.kk.json" with { type: "json" };
import commonRu from "./locales/common.ru.json" with { type: "json" };
import councilEn from "./locales/council.en.json" with { type: "json" };
import councilKk from "./locales/council.kk.json" with { type: "json" };
import councilRu from "./locales/council.ru.json" with { type: "json" };
import cyclesEn from "./locales/cycles.en.json" with { type: "json" };
import cyclesKk from "./locales/cycles.kk.json" with { type: "json" };
import cyclesRu from "./locales/cycles.ru.json" with { type: "json" };
import projectsEn from "./locales/projects.en.json" with { type: "json" };
import projectsKk from "./locales/projects.kk.json" with { type: "json" };
import projectsRu from "./locales/projects.ru.json" with { type: "json" };
import proposalsEn from "./locales/proposals.en.json" with { type: "json" };
import proposalsKk from "./locales/proposals.kk.json" with { type: "json" };
import proposalsRu from "./locales/proposals.ru.json" with { type: "json" };
import { budgetMeasures } from "./measures.js";
import { migrations } from "./migrations/index.js";
import { myProposals } from "./my-halyq.js";
import { budgetOpenDataRoutes } from "./open-data.js";
import { openBudgets, publicBudgetPaths } from "./open-now.js";
import { budgetPolicies } from "./policies.js";
import { accountabilityRoutes } from "./web/accountability.routes.js";
import { ballotRoutes } from "./web/ballot.routes.js";
import { councilRoutes } from "./web/council.routes.js";
import { cycleRoutes } from "./web/cycles.routes.js";
import { projectRoutes } from "./web/projects.routes.js";
import { proposalRoutes } from "./web/proposals.routes.js";

/**
 * Participatory budgeting: a body's yearly cycle in which residents propose, the expert
 * council decides with reasons, residents vote within each territory's amount, and the
 * winners' implementation is reported stage by stage in public.
 */
export const budgetsManifest: CapabilityManifest = {
  name: "budgets",
  tables: [
    "budget_cycles",
    "budget_territories",
    "budget_experts",
    "budget_conflicts",
    "budget_proposals",
    "budget_supports",
    "budget_files",
    "budget_voters",
    "budget_ballots",
    "budget_projects",
    "budget_project_stages",
    "budget_project_news",
    "budget_followers",
  ],
  migrations,
  locales: {
    kk: mergeMessageTrees(
      commonKk,
      cyclesKk,
      proposalsKk,
      councilKk,
      ballotKk,
      projectsKk,
      accountabilityKk,
    ),
    ru: mergeMessageTrees(
      commonRu,
      cyclesRu,
      proposalsRu,
      councilRu,
      ballotRu,
      projectsRu,
      accountabilityRu,
    ),
    en: mergeMessageTrees(
      commonEn,
      cyclesEn,
      proposalsEn,
      councilEn,
      ballotEn,
      projectsEn,
      accountabilityEn,
    ),
  },
  policies: budgetPolicies,
  measures: budgetMeasures,
  navigation: [
    { href: "/budgets", labelKey: "nav.budgets", audience: "public", place: "participation" },
    {
      href: "/office/budgets",
      labelKey: "nav.office_budgets",
      audience: "staff",
      order: 91,
      roles: ["head", "admin", "executor"],
    },
  ],
  seedDemo: seedDemoBudgets,
  publicPaths: publicBudgetPaths,
  openNow: openBudgets,
  async routes(app, ctx) {
    await budgetReadApi(app, ctx);
    await budgetProposalApi(app, ctx);
    await budgetBallotApi(app, ctx);
    await budgetFileRoutes(app, ctx);
    await cycleRoutes(app, ctx);
    await proposalRoutes(app, ctx);
    await councilRoutes(app, ctx);
    await ballotRoutes(app, ctx);
    await projectRoutes(app, ctx);
    await budgetAccountabilityApi(app, ctx);
    await accountabilityRoutes(app, ctx);
    await budgetOpenDataRoutes(app, ctx);
  },
  jobs: budgetJobs,
  blobs: referencedFiles,
  openData: [
    {
      id: "budgets",
      titleKey: "budgets.accountability.open_data.catalogue_title",
      leadKey: "budgets.accountability.open_data.catalogue_lead",
      downloads: [
        {
          href: "/open-data/budgets/projects.csv",
          labelKey: "budgets.accountability.open_data.projects_csv",
        },
        {
          href: "/open-data/budgets/projects.json",
          labelKey: "budgets.accountability.open_data.projects_json",
        },
        {
          href: "/open-data/budgets/cycles.csv",
          labelKey: "budgets.accountability.open_data.cycles_csv",
        },
        {
          href: "/open-data/budgets/cycles.json",
          labelKey: "budgets.accountability.open_data.cycles_json",
        },
      ],
    },
  ],
  myHalyq: myProposals,
};
