import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { isPlainDate } from "../../../kernel/calendar/index.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorBody, PlainDateString } from "../../../web/api-schemas.js";
import { type FormBody, one } from "../../../web/components/form-fields.js";
import { CSRF_COOKIE } from "../../../web/csrf-plugin.js";
import { recordAnswer } from "../record-answer.js";
import {
  isContext,
  localPath,
  PEW_2010,
  SURVEY_ANSWERS,
  SURVEY_CONTEXTS,
  shareOf,
  type Tally,
} from "../survey.js";
import { tallies } from "../survey.repository.js";
import { ResultsPage, SurveyErrorPage, ThanksPage } from "./survey-views.js";

const WRITE_LIMIT = { max: 30, timeWindow: "1 minute" };

const AnswerFigures = Type.Object({
  count: Type.Integer(),
  share: Type.Union([Type.Number(), Type.Null()], {
    description: "0 to 1; null when nobody answered",
  }),
});
const TallyJson = Type.Object({
  total: Type.Integer(),
  answers: Type.Object(Object.fromEntries(SURVEY_ANSWERS.map((a) => [a, AnswerFigures]))),
});
const SurveyStats = Type.Object({
  question: Type.String(),
  period: Type.Object({
    from: Type.Union([Type.String(), Type.Null()]),
    to: Type.Union([Type.String(), Type.Null()]),
  }),
  overall: TallyJson,
  contexts: Type.Array(Type.Intersect([Type.Object({ context: Type.String() }), TallyJson])),
  benchmark: Type.Object({
    source: Type.String(),
    url: Type.String(),
    year: Type.Integer(),
    shares: Type.Object(
      Object.fromEntries(SURVEY_ANSWERS.map((a) => [a, Type.Union([Type.Number(), Type.Null()])])),
      { description: 'As published; "some" was not given in the report\'s summary (null)' },
    ),
    remainder: Type.Number({
      description: '1 − (all + most + none): "some" and no answer, derived',
    }),
  }),
});
const StatsQuery = Type.Object(
  {
    from: Type.Optional({ ...PlainDateString, description: "First day (UTC), inclusive" }),
    to: Type.Optional({ ...PlainDateString, description: "Last day (UTC), inclusive" }),
  },
  { additionalProperties: false },
);

function tallyJson(t: Tally) {
  return {
    total: t.total,
    answers: Object.fromEntries(
      SURVEY_ANSWERS.map((a) => [a, { count: t.counts[a], share: shareOf(t, a) }]),
    ),
  };
}

/** The survey's answer form target, its thanks page, the public results and their JSON. */
export async function surveyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.post<{ Body: FormBody }>(
    "/survey",
    { config: { rateLimit: WRITE_LIMIT } },
    async (request, reply) => {
      const context = one(request.body, "context");
      const answer = one(request.body, "answer");
      const returnTo = localPath(one(request.body, "return"));
      const result = await recordAnswer(ctx, {
        context,
        answer,
        // The CSRF check has run, so the cookie is there: it marks this browser session.
        sessionMark: String(request.cookies[CSRF_COOKIE] ?? ""),
      });
      if (result.kind === "ok")
        return reply.redirect(
          `/survey/thanks?counted=${result.value.counted ? 1 : 0}&return=${encodeURIComponent(returnTo)}`,
          303,
        );
      if (result.kind !== "invalid") throw new HalyqError("BAD_REQUEST");
      return reply.page(
        request.t("survey.error.title"),
        <SurveyErrorPage
          t={request.t}
          csrf={reply.csrfToken()}
          context={isContext(context) ? context : null}
          returnTo={returnTo}
          issues={result.issues}
        />,
        { hasErrors: true, status: 400 },
      );
    },
  );

  app.get<{ Querystring: { counted?: string; return?: string } }>(
    "/survey/thanks",
    async (request, reply) =>
      reply.page(
        request.t("survey.thanks.title"),
        <ThanksPage
          t={request.t}
          counted={request.query.counted !== "0"}
          returnTo={localPath(request.query.return)}
        />,
      ),
  );

  app.get("/survey/results", { config: { pageCache: true } }, async (request, reply) => {
    const { overall, byContext } = await tallies(db);
    return reply.page(
      request.t("survey.results.title"),
      <ResultsPage t={request.t} locale={request.locale} overall={overall} byContext={byContext} />,
    );
  });

  app.get<{ Querystring: Static<typeof StatsQuery> }>(
    "/api/v1/stats/survey",
    {
      schema: {
        operationId: "getSurveyStats",
        tags: ["statistics"],
        summary:
          'The portal survey ("Did you do what you came here to do today?"): answers by context and overall, beside Pew Research Center\'s 2010 figures for US government websites',
        querystring: StatsQuery,
        response: { 200: SurveyStats, 400: ErrorBody, 429: ErrorBody },
      },
      config: { rateLimit: { max: ctx.config.statsRateLimit, timeWindow: "1 minute" } },
    },
    async (request) => {
      const { from, to } = request.query;
      if ((from && !isPlainDate(from)) || (to && !isPlainDate(to)))
        throw new HalyqError("INVALID_DATE");
      const { overall, byContext } = await tallies(db, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      return {
        question: request.t("survey.question"),
        period: { from: from ?? null, to: to ?? null },
        overall: tallyJson(overall),
        contexts: SURVEY_CONTEXTS.map((c) => ({ context: c, ...tallyJson(byContext[c]) })),
        benchmark: {
          source: PEW_2010.source,
          url: PEW_2010.url,
          year: 2010,
          shares: PEW_2010.shares,
          remainder: PEW_2010.remainder,
        },
      };
    },
  );
}
