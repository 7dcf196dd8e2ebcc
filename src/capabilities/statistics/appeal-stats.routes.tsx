import { type Static, type TSchema, Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody, PlainDateString } from "../../web/api-schemas.js";
import { AGENCY_LEVELS, type Agency, findAgency, findAgencyBySlug } from "../agencies/index.js";
import type { Scope } from "../appeals/index.js";
import { readStatsPeriod } from "./period.js";
import {
  CRITERIA,
  type Criterion,
  criterionOf,
  type RankRow,
  ranking,
  type ScopeReport,
  scopeReport,
} from "./report.js";
import { AppealStatsPage, levelLinks, type StatsQuery } from "./views/appeal-stats.js";

const Query = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10, description: "YYYY-MM-DD, inclusive" })),
  to: Type.Optional(Type.String({ maxLength: 10, description: "YYYY-MM-DD, inclusive" })),
  preset: Type.Optional(
    Type.String({
      maxLength: 10,
      description: "month, quarter or year: the current one (instead of from and to)",
    }),
  ),
});
const PageQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  preset: Type.Optional(Type.String({ maxLength: 10 })),
  rank: Type.Optional(Type.String({ maxLength: 20 })),
});
type PageQueryT = Static<typeof PageQuery>;

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Share = Nullable(Type.Number({ minimum: 0, maximum: 1, description: "0 to 1" }));
const Count = Type.Integer({ minimum: 0 });

const Figures = Type.Object({
  accessibility: Type.Object({
    received: Count,
    byChannel: Type.Record(Type.String(), Count),
    byKind: Type.Record(Type.String(), Count),
    registeredOnTimeShare: Share,
    registrationDaysMean: Nullable(Type.Number({ description: "working days" })),
    redirectsReceived: Count,
    redirectsSent: Count,
  }),
  speed: Type.Object({
    answered: Count,
    medianDays: Nullable(Type.Integer({ description: "working days, nearest rank" })),
    p90Days: Nullable(Type.Integer({ description: "working days, nearest rank" })),
    inTermShare: Share,
    extensions: Count,
    deemedRefusals: Count,
  }),
  satisfaction: Type.Object({
    ratings: Count,
    averageRating: Nullable(Type.Number({ minimum: 1, maximum: 5 })),
    resolvedYesShare: Share,
    resolvedPartlyShare: Share,
    resolvedNoShare: Share,
    complainedShare: Share,
    complaintsDecided: Count,
    complaintsUpheld: Count,
    upheldShare: Share,
  }),
});
const PeriodOut = Type.Object({ from: PlainDateString, to: PlainDateString });
const Trend = Type.Object({
  month: Type.String({ description: "YYYY-MM" }),
  received: Count,
  answered: Count,
  medianDays: Nullable(Type.Integer()),
  p90Days: Nullable(Type.Integer()),
  inTermShare: Share,
  ratings: Count,
  averageRating: Nullable(Type.Number()),
});
const Report = Type.Object({
  scope: Type.String({ description: '"national", "level:<level>" or "agency:<id>"' }),
  period: PeriodOut,
  previousPeriod: PeriodOut,
  current: Figures,
  previous: Figures,
  overdueNow: Type.Integer({
    description: "undecided after the due date today (counted to 100,001)",
  }),
  trends: Type.Array(Trend),
});
const Names = Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() });
const AgencyReport = Type.Intersect([
  Report,
  Type.Object({
    agency: Type.Object({
      id: Type.String(),
      slug: Type.String(),
      level: Type.String(),
      names: Names,
    }),
    measures: Type.Array(
      Type.Object({
        name: Type.String(),
        value: Nullable(Type.Number()),
        unit: Type.String(),
        criterion: Type.String({
          description: "accessibility, speed, satisfaction or participation",
        }),
      }),
    ),
  }),
]);
const RankOut = Type.Object({
  rank: Nullable(Type.Integer({ minimum: 1 })),
  agencyId: Type.String(),
  slug: Type.String(),
  level: Type.String(),
  names: Names,
  received: Count,
  registeredOnTimeShare: Share,
  answered: Count,
  medianDays: Nullable(Type.Integer()),
  inTermShare: Share,
  ratings: Count,
  averageRating: Nullable(Type.Number()),
  resolvedYesShare: Share,
});

function reportJson(scope: string, r: ScopeReport) {
  return {
    scope,
    period: r.period,
    previousPeriod: r.previousPeriod,
    current: r.current,
    previous: r.previous,
    overdueNow: r.overdueNow,
    trends: r.trends,
  };
}

function rankJson(rows: RankRow[]) {
  return rows.map((r) => ({
    rank: r.rank,
    agencyId: r.agency.id,
    slug: r.agency.slug,
    level: r.agency.level,
    names: r.agency.names,
    received: r.received,
    registeredOnTimeShare: r.registeredOnTimeShare,
    answered: r.answered,
    medianDays: r.medianDays,
    inTermShare: r.inTermShare,
    ratings: r.ratings,
    averageRating: r.averageRating,
    resolvedYesShare: r.resolvedYesShare,
  }));
}

const isCriterion = (v: unknown): v is Criterion => (CRITERIA as readonly unknown[]).includes(v);
const isLevel = (v: string) => (AGENCY_LEVELS as readonly string[]).includes(v);

/** Public statistics of appeals: pages and the JSON API, national, per level and per body. */
export async function appealStatsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // The country and the levels count their days in the default jurisdiction's zone.
  const bodyZone = (agency?: Agency) =>
    ctx.calendars.forJurisdiction(agency?.jurisdiction).rules.timeZone;
  const periodOf = (request: FastifyRequest, agency?: Agency) =>
    readStatsPeriod(request.query as StatsQuery, ctx.clock.now(), bodyZone(agency));
  const limited = { rateLimit: { max: ctx.config.statsRateLimit, timeWindow: "1 minute" } };
  const agencyBySlug = async (slug: string) => {
    const agency = await findAgencyBySlug(ctx.db.kysely, slug);
    if (!agency) throw new HalyqError("NOT_FOUND");
    return agency;
  };
  const rankOf = (q: PageQueryT): Criterion => (isCriterion(q.rank) ? q.rank : "speed");

  // Pages.
  const page = async (
    request: FastifyRequest<{ Querystring: PageQueryT }>,
    reply: FastifyReply,
    spec: {
      scope: Scope;
      agency?: Agency;
      path: string;
      caption: string;
      heading: string;
      lead: string;
      links: { href: string; text: string }[];
      rankLevel?: string | "all";
    },
  ) => {
    const t = request.t;
    const { period, issues } = periodOf(request, spec.agency);
    const q = request.query;
    const query: StatsQuery = { from: q.from, to: q.to, preset: q.preset, rank: q.rank };
    const ok = issues.length === 0;
    const criterion = rankOf(q);
    const [report, rows, measures] = ok
      ? await Promise.all([
          scopeReport(ctx, spec.scope, period, bodyZone(spec.agency)),
          spec.rankLevel
            ? ranking(ctx, period, criterion, spec.rankLevel === "all" ? undefined : spec.rankLevel)
            : undefined,
          spec.agency ? ctx.measures(spec.agency.id, period) : undefined,
        ])
      : [null, undefined, undefined];
    return reply.page(
      spec.heading,
      <AppealStatsPage
        t={t}
        locale={request.locale}
        path={spec.path}
        caption={spec.caption}
        heading={spec.heading}
        lead={spec.lead}
        query={query}
        issues={issues}
        report={report}
        ranking={rows ? { criterion, rows } : undefined}
        measures={measures}
        links={spec.links}
      />,
      ok ? {} : { status: 400, hasErrors: true },
    );
  };

  const pageOptions = {
    schema: { hide: true, querystring: PageQuery },
    config: { pageCache: true },
  };

  app.get<{ Querystring: PageQueryT }>("/statistics", pageOptions, async (request, reply) => {
    const t = request.t;
    return page(request, reply, {
      scope: { kind: "national" },
      path: "/statistics",
      caption: t("statistics.appeals.national_caption"),
      heading: t("statistics.appeals.national_heading"),
      lead: t("statistics.appeals.national_lead"),
      links: levelLinks(t, request.query),
      rankLevel: "all",
    });
  });

  app.get<{ Params: { level: string }; Querystring: PageQueryT }>(
    "/statistics/levels/:level",
    pageOptions,
    async (request, reply) => {
      const { level } = request.params;
      if (!isLevel(level)) throw new HalyqError("NOT_FOUND");
      const t = request.t;
      return page(request, reply, {
        scope: { kind: "level", level },
        path: `/statistics/levels/${level}`,
        caption: t("statistics.appeals.national_heading"),
        heading: t("statistics.appeals.level_heading", { level: t(`agencies.level.${level}`) }),
        lead: t("statistics.appeals.level_lead"),
        links: [
          { href: "/statistics", text: t("statistics.appeals.national_link") },
          ...levelLinks(t, request.query).filter((l) => !l.href.includes(`/levels/${level}`)),
        ],
        rankLevel: level,
      });
    },
  );

  app.get<{ Params: { slug: string }; Querystring: PageQueryT }>(
    "/statistics/agencies/:slug",
    pageOptions,
    async (request, reply) => {
      const agency = await agencyBySlug(request.params.slug);
      const t = request.t;
      const name = agency.names[request.locale];
      return page(request, reply, {
        scope: { kind: "agency", id: agency.id },
        agency,
        path: `/statistics/agencies/${agency.slug}`,
        caption: name,
        heading: t("statistics.appeals.agency_heading"),
        lead: t("statistics.appeals.agency_lead"),
        links: [
          {
            href: `/agencies/${agency.slug}`,
            text: t("statistics.participation.back", { body: name }),
          },
          {
            href: `/agencies/${agency.slug}/participation`,
            text: t("statistics.appeals.participation_link"),
          },
          {
            href: `/statistics/levels/${agency.level}`,
            text: t("statistics.appeals.level_link", {
              level: t(`agencies.level.${agency.level}`),
            }),
          },
          { href: "/statistics", text: t("statistics.appeals.national_link") },
        ],
      });
    },
  );

  // API.
  const apiPeriod = (request: FastifyRequest, agency?: Agency) => {
    const { period, issues } = periodOf(request, agency);
    if (issues.length > 0) throw new HalyqError("VALIDATION", {}, issues);
    return period;
  };
  const common = { tags: ["statistics"], querystring: Query };

  app.get(
    "/api/v1/stats/overview",
    {
      config: limited,
      schema: {
        operationId: "getStatsOverview",
        ...common,
        summary:
          "Appeals across the country on accessibility, speed and satisfaction, for a period and the one before",
        response: { 200: Report, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) =>
      reportJson("national", await scopeReport(ctx, { kind: "national" }, apiPeriod(request))),
  );

  app.get<{ Params: { level: string } }>(
    "/api/v1/stats/levels/:level",
    {
      config: limited,
      schema: {
        operationId: "getStatsForLevel",
        ...common,
        summary: "Appeals of one level of bodies (republic, region, district, rural)",
        params: Type.Object({ level: Type.String({ maxLength: 20 }) }),
        response: { 200: Report, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const { level } = request.params;
      if (!isLevel(level)) throw new HalyqError("NOT_FOUND");
      const report = await scopeReport(ctx, { kind: "level", level }, apiPeriod(request));
      return reportJson(`level:${level}`, report);
    },
  );

  app.get<{ Params: { idOrSlug: string } }>(
    "/api/v1/stats/agencies/:idOrSlug",
    {
      config: limited,
      schema: {
        operationId: "getStatsForAgency",
        ...common,
        summary:
          "Appeals of one body (by id or slug), with the figures other services publish for it by criterion",
        params: Type.Object({ idOrSlug: Type.String({ maxLength: 200 }) }),
        response: { 200: AgencyReport, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const key = request.params.idOrSlug;
      const agency = (await findAgency(ctx.db.kysely, key)) ?? (await agencyBySlug(key));
      const period = apiPeriod(request, agency);
      const [report, measures] = await Promise.all([
        scopeReport(ctx, { kind: "agency", id: agency.id }, period, bodyZone(agency)),
        ctx.measures(agency.id, period),
      ]);
      return {
        ...reportJson(`agency:${agency.id}`, report),
        agency: { id: agency.id, slug: agency.slug, level: agency.level, names: agency.names },
        measures: measures.map((m) => ({ ...m, criterion: criterionOf(m) })),
      };
    },
  );

  app.get<{ Querystring: Static<typeof Query> & { criterion?: string; level?: string } }>(
    "/api/v1/stats/ranking",
    {
      config: limited,
      schema: {
        operationId: "getStatsRanking",
        tags: ["statistics"],
        summary:
          "Every body ranked on one criterion for a period (bodies with nothing to rank last)",
        querystring: Type.Intersect([
          Query,
          Type.Object({
            criterion: Type.Optional(
              Type.Union(
                CRITERIA.map((c) => Type.Literal(c)),
                { description: "default speed" },
              ),
            ),
            level: Type.Optional(Type.Union(AGENCY_LEVELS.map((l) => Type.Literal(l)))),
          }),
        ]),
        response: {
          200: Type.Object({
            criterion: Type.String(),
            level: Nullable(Type.String()),
            period: PeriodOut,
            bodies: Type.Array(RankOut),
          }),
          400: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request) => {
      const period = apiPeriod(request);
      const criterion = isCriterion(request.query.criterion) ? request.query.criterion : "speed";
      const level = request.query.level ?? null;
      const rows = await ranking(ctx, period, criterion, level ?? undefined);
      return { criterion, level, period, bodies: rankJson(rows) };
    },
  );

  app.get<{ Querystring: Static<typeof Query> & { level?: string; agency?: string } }>(
    "/api/v1/stats/trends",
    {
      config: limited,
      schema: {
        operationId: "getStatsTrends",
        tags: ["statistics"],
        summary:
          "Month by month figures of the country, a level (level=) or a body (agency=<id or slug>)",
        querystring: Type.Intersect([
          Query,
          Type.Object({
            level: Type.Optional(Type.Union(AGENCY_LEVELS.map((l) => Type.Literal(l)))),
            agency: Type.Optional(
              Type.String({
                maxLength: 200,
                description: "A body's id or slug, as for /api/v1/stats/agencies/{idOrSlug}",
              }),
            ),
          }),
        ]),
        response: {
          200: Type.Object({ scope: Type.String(), period: PeriodOut, months: Type.Array(Trend) }),
          400: ErrorBody,
          404: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request) => {
      const { level, agency: agencyId } = request.query;
      let scope: Scope = { kind: "national" };
      let name = "national";
      if (agencyId) {
        const found =
          (await findAgency(ctx.db.kysely, agencyId)) ??
          (await findAgencyBySlug(ctx.db.kysely, agencyId));
        if (!found) throw new HalyqError("NOT_FOUND");
        scope = { kind: "agency", id: found.id };
        name = `agency:${found.id}`;
      } else if (level) {
        scope = { kind: "level", level };
        name = `level:${level}`;
      }
      const report = await scopeReport(ctx, scope, apiPeriod(request));
      return { scope: name, period: report.period, months: report.trends };
    },
  );
}
