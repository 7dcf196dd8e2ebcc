import type { CapabilityManifest } from "../../kernel/manifest.js";
import { listAgencies } from "../agencies/agency.repository.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { statisticsRoutes } from "./statistics.routes.js";

/** Figures in the open: per body, what every capability measures (participation today). */
export const statisticsManifest: CapabilityManifest = {
  name: "statistics",
  locales: { kk, ru, en },
  routes: statisticsRoutes,
  async publicPaths(ctx) {
    const agencies = await listAgencies(ctx.db.kysely);
    return [
      ...agencies.slice(0, 2).map((a) => `/agencies/${a.slug}/participation`),
      "/agencies/baikonur-district-akimat/participation?from=2025-01-01&to=2025-12-31",
    ];
  },
};
