import { mergeMessageTrees } from "../../kernel/i18n.js";
import type { CapabilityManifest } from "../../platform/manifest.js";
import { budgetBallotApi } from "./api/ballots.routes.js";
import { budgetProposalApi } from "./api/proposals.routes.js";
import { budgetReadApi } from "./api/read.routes.js";
import { budgetFileRoutes, referencedFiles } from "./files.js";
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
import { migrations } from "./migrations/index.js";
import { myProposals } from "./my-halyq.js";
import { budgetPolicies } from "./policies.js";
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
    kk: mergeMessageTrees(commonKk, cyclesKk, proposalsKk, councilKk, ballotKk, projectsKk),
    ru: mergeMessageTrees(commonRu, cyclesRu, proposalsRu, councilRu, ballotRu, projectsRu),
    en: mergeMessageTrees(commonEn, cyclesEn, proposalsEn, councilEn, ballotEn, projectsEn),
  },
  policies: budgetPolicies,
  navigation: [
    { href: "/budgets", labelKey: "nav.budgets", audience: "public", place: "participation" },
  ],
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
  },
  blobs: referencedFiles,
  myHalyq: myProposals,
};
