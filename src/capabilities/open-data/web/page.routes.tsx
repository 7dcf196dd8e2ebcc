import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";
import { formatDateTime } from "../../../web/format.js";
import { appealYears } from "../appeal-records.js";
import { jurisdictionId } from "../open311/open311.routes.js";
import { dataVersion } from "../versions.js";
import { OpenDataPage } from "./page-view.js";

/** The open data page: the datasets, their fields, formats, licence and last update. */
export async function pageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get("/open-data", { config: { pageCache: true } }, async (request, reply) => {
    const [version, years, jurisdiction] = await Promise.all([
      dataVersion(ctx),
      appealYears(ctx.db.kysely),
      jurisdictionId(ctx),
    ]);
    const locale = request.locale;
    const updated = version.lastModified
      ? formatDateTime(version.lastModified, locale, ctx.calendars.forJurisdiction().rules.timeZone)
      : null;
    return reply.page(
      request.t("open_data.page.title"),
      <OpenDataPage
        t={request.t}
        updated={updated}
        years={years}
        publicUrl={ctx.config.publicUrl}
        jurisdictionId={jurisdiction}
        demo={ctx.instance.demo}
        datasets={ctx.openDatasets}
      />,
    );
  });
}
