import type { CapabilityManifest } from "../../platform/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { REFRESH_EVERY_MS, refreshSearchIndex } from "./search-index.js";
import { searchRoutes } from "./web/search.routes.js";

/**
 * Site-wide search over public content in three languages. It keeps its own index, filled
 * from every capability's `searchDocuments` (never from their tables), refreshed by a job on
 * every instance and before a search on an index gone stale (docs/capabilities/search.md).
 */
export const searchManifest: CapabilityManifest = {
  name: "search",
  tables: ["search_documents", "search_removed"],
  migrations,
  locales: { kk, ru, en },
  navigation: [{ href: "/search", labelKey: "nav.search", audience: "public", place: "more" }],
  async routes(app, ctx) {
    await searchRoutes(app, ctx);
  },
  jobs: (ctx) => [
    {
      name: "search.refresh",
      everyMs: REFRESH_EVERY_MS,
      run: async () => {
        await refreshSearchIndex(ctx);
      },
    },
  ],
  publicPaths: async () => [
    "/search",
    "/search?q=%D0%BF%D0%BB%D0%BE%D1%89%D0%B0%D0%B4%D0%BA%D0%B0",
    "/search?q=library&kind=petition",
  ],
};
