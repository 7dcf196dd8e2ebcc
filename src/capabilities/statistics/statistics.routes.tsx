import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { Period } from "../../kernel/time/period.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { ErrorBody, PlainDateString } from "../../web/api-schemas.js";
import { findAgency, findAgencyBySlug } from "../agencies/index.js";
import { appealStatsRoutes } from "./appeal-stats.routes.js";
import { readPeriod } from "./period.js";
import { ParticipationPage } from "./views/participation-page.js";

const PeriodQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 10, description: "YYYY-MM-DD, inclusive" })),
    to: Type.Optional(Type.String({ maxLength: 10, description: "YYYY-MM-DD, inclusive" })),
  },
  // Pages also carry `lang`; anything else is ignored.
);
const MeasureOut = Type.Object({
  name: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  unit: Type.String(),
});

/** Per-body participation and responsiveness: a public page and the same figures as JSON. */
export async function statisticsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const load = async (request: FastifyRequest, slugOrId: { slug?: string; id?: string }) => {
    const agency = slugOrId.slug
      ? await findAgencyBySlug(ctx.db.kysely, slugOrId.slug)
      : await findAgency(ctx.db.kysely, slugOrId.id ?? "");
    if (!agency) throw new HalyqError("NOT_FOUND");
    const query = request.query as Static<typeof PeriodQuery>;
    const zone = ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone;
    const { period, issues } = readPeriod(query, ctx.clock.now(), zone);
    return { agency, period, issues };
  };

  app.get<{ Params: { slug: string }; Querystring: Static<typeof PeriodQuery> }>(
    "/agencies/:slug/participation",
    { schema: { hide: true, querystring: PeriodQuery }, config: { pageCache: true } },
    async (request, reply) => {
      const { agency, period, issues } = await load(request, { slug: request.params.slug });
      const measures: Measure[] = issues.length > 0 ? [] : await ctx.measures(agency.id, period);
      const t = request.t;
      return reply.page(
        t("statistics.participation.title", { body: agency.names[request.locale] }),
        <ParticipationPage
          t={t}
          locale={request.locale}
          agency={agency}
          period={period}
          query={request.query}
          issues={issues}
          measures={measures}
        />,
        issues.length > 0 ? { status: 400, hasErrors: true } : {},
      );
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof PeriodQuery> }>(
    "/api/v1/agencies/:id/participation",
    {
      schema: {
        operationId: "getAgencyParticipation",
        tags: ["statistics"],
        summary:
          "A body's participation and responsiveness in a period (default: the last twelve months)",
        querystring: PeriodQuery,
        response: {
          200: Type.Object({
            agencyId: Type.String(),
            from: PlainDateString,
            to: PlainDateString,
            measures: Type.Array(MeasureOut),
          }),
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const { agency, period, issues } = await load(request, { id: request.params.id });
      if (issues.length > 0) throw new HalyqError("VALIDATION", {}, issues);
      const measures = await ctx.measures(agency.id, period as Period);
      return { agencyId: agency.id, from: period.from, to: period.to, measures };
    },
  );

  await appealStatsRoutes(app, ctx);
}
