import { appendAudit, systemActor } from "../../kernel/audit/audit.js";
import type { CapabilityManifest } from "../../platform/manifest.js";
import { addCompetence, insertAgency, insertCategory, listAgencies } from "./agency.repository.js";
import { agencyRoutes } from "./agency.routes.js";
import { demoAgencies, demoCategories } from "./demo-data.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { agencySearchDocuments } from "./search.js";

/** State bodies: hierarchy, kinds, contacts, competences; the public directory. */
export const agenciesManifest: CapabilityManifest = {
  name: "agencies",
  tables: ["agencies", "agency_competences", "categories"],
  migrations,
  locales: { kk, ru, en },
  routes: agencyRoutes,
  navigation: [
    { href: "/agencies", labelKey: "nav.agencies", place: "more" },
    { href: "/categories", labelKey: "nav.categories", place: "more" },
  ],
  async seedDemo(ctx, trx) {
    const now = ctx.clock.now().toISOString();
    const agencies = demoAgencies();
    for (const a of agencies) await insertAgency(trx, a, now);
    const categories = demoCategories();
    for (const { category, competent } of categories) {
      await insertCategory(trx, category);
      for (const agencyId of competent) await addCompetence(trx, agencyId, category.id);
    }
    const actor = systemActor("demo");
    await appendAudit(trx, ctx.clock, [
      ...agencies.map((a) => ({
        actor,
        action: "agency.created",
        subjectType: "agency",
        subjectId: a.id,
        reason: "demo data",
        data: { slug: a.slug, kind: a.kind },
      })),
      ...categories.map(({ category, competent }) => ({
        actor,
        action: "category.created",
        subjectType: "category",
        subjectId: category.id,
        reason: "demo data",
        data: { slug: category.slug, competent },
      })),
    ]);
  },
  async publicPaths(ctx) {
    const agencies = await listAgencies(ctx.db.kysely);
    return [
      "/agencies",
      "/agencies?kind=akimat",
      "/categories",
      ...agencies.map((a) => `/agencies/${a.slug}`),
    ];
  },
  searchDocuments: agencySearchDocuments,
};
