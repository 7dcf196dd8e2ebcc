import type { CapabilityManifest } from "../../platform/manifest.js";
import { listAgencies } from "../agencies/index.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { statisticsRoutes } from "./statistics.routes.js";

/**
 * Figures in the open: the statistics of appeals (accessibility, speed, satisfaction) for the
 * country, each level and each body, and per body what every capability measures.
 */
export const statisticsManifest: CapabilityManifest = {
  name: "statistics",
  locales: { kk, ru, en },
  routes: statisticsRoutes,
  navigation: [{ href: "/statistics", labelKey: "nav.statistics", audience: "public", order: 50 }],
  async publicPaths(ctx) {
    const agencies = await listAgencies(ctx.db.kysely);
    return [
      ...agencies.slice(0, 2).map((a) => `/agencies/${a.slug}/participation`),
      "/agencies/baikonur-district-akimat/participation?from=2025-01-01&to=2025-12-31",
      "/statistics",
      "/statistics?preset=quarter&rank=satisfaction",
      "/statistics/levels/district",
      "/statistics/agencies/baikonur-district-akimat",
      "/statistics/agencies/baikonur-district-akimat?from=2025-01-01&to=2025-03-31",
    ];
  },
};
