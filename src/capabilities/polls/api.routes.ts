import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody } from "../../web/api-schemas.js";
import { requireApi } from "../../web/guards.js";
import { type CastResult, castBallot } from "./commands/cast-ballot.js";
import { loadResults } from "./load-results.js";
import {
  descriptions,
  ELIGIBILITIES,
  mayShowLiveResults,
  POLL_ID,
  POLL_KINDS,
  type PollRow,
  phaseOf,
  QUESTION_KINDS,
  questionsOf,
  refusalKey,
  titles,
} from "./poll.js";
import { findPoll, listPolls } from "./poll.repository.js";

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Texts = Type.Object({
  kk: Nullable(Type.String()),
  ru: Nullable(Type.String()),
  en: Nullable(Type.String()),
});
const PHASES = ["scheduled", "open", "closed", "published"] as const;

const PollSummary = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  kind: literals(POLL_KINDS),
  title: Texts,
  eligibility: literals(ELIGIBILITIES),
  territoryCode: Nullable(Type.String({ description: "KATO code; residents within it may vote" })),
  opensAt: Type.String({ description: "ISO 8601 instant, UTC" }),
  closesAt: Type.String({ description: "ISO 8601 instant, UTC" }),
  liveResults: Type.Boolean({
    description:
      "Whether a count is shown while the poll runs: surveys only; a vote's or referendum's counts are published after closing",
  }),
  phase: literals(PHASES),
  links: Type.Object({
    page: Type.String(),
    resultsCsv: Type.String(),
    resultsJson: Type.String(),
  }),
});
const Results = Type.Object(
  {
    pollId: Type.String(),
    kind: Type.String(),
    title: Texts,
    publishedAt: Nullable(Type.String()),
    final: Type.Boolean({ description: "False for a count taken while the vote runs" }),
    voters: Type.Integer(),
    ballots: Type.Integer(),
    eligible: Type.Union([Type.Integer(), Type.Null()], {
      description: "Electorate size given by the body; null when not known",
    }),
    turnout: Type.Union([Type.Number(), Type.Null()], { description: "voters / eligible" }),
    questions: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: literals(QUESTION_KINDS),
        text: Texts,
        answered: Type.Integer(),
        mean: Type.Union([Type.Number(), Type.Null()]),
        options: Type.Array(Type.Object({ id: Type.String(), text: Texts, count: Type.Integer() })),
        texts: Type.Array(Type.String(), { description: "Approved free-text answers only" }),
      }),
    ),
  },
  { description: "Tallies only: nothing here belongs to one ballot or one voter" },
);
const PollDetail = Type.Intersect([
  PollSummary,
  Type.Object({
    description: Texts,
    questions: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: literals(QUESTION_KINDS),
        text: Texts,
        options: Type.Array(Type.Object({ id: Type.String(), text: Texts })),
        scaleMax: Type.Union([Type.Integer(), Type.Null()]),
      }),
    ),
    results: Type.Union([Results, Type.Null()]),
  }),
]);
const ListQuery = Type.Object(
  {
    when: Type.Optional(literals(["open", "closed"] as const)),
    agencyId: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
const BallotBody = Type.Object(
  {
    answers: Type.Record(
      Type.String({ pattern: "^[0-9]{1,2}$" }),
      Type.Union([
        Type.String({ maxLength: 4000 }),
        Type.Array(Type.String({ maxLength: 10 }), { maxItems: 20 }),
        Type.Integer(),
      ]),
      {
        description:
          "By question id: an option id (single choice), option ids (multiple), 1…max (scale), or text",
      },
    ),
  },
  { additionalProperties: false },
);

function summary(ctx: AppContext, p: PollRow): Static<typeof PollSummary> {
  const page = `${ctx.config.publicUrl}/polls/${p.id}`;
  const phase = phaseOf(p, ctx.clock.now());
  return {
    id: p.id,
    agencyId: p.agency_id,
    kind: p.kind as Static<typeof PollSummary>["kind"],
    title: titles(p),
    eligibility: p.eligibility as Static<typeof PollSummary>["eligibility"],
    territoryCode: p.territory_code,
    opensAt: p.opens_at,
    closesAt: p.closes_at,
    liveResults: Number(p.live_results) === 1 && mayShowLiveResults(p),
    phase: phase === "draft" ? "scheduled" : phase,
    links: { page, resultsCsv: `${page}/results.csv`, resultsJson: `${page}/results.json` },
  };
}

/** A poll refusal with its own stable code and a localised reason. */
export function sendRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  key: string,
) {
  return reply
    .status(status)
    .type("application/json; charset=utf-8")
    .send({ error: { code, message: request.t(key) } });
}

/** The status, stable code and message key of a ballot that was not cast. */
export function refusalOf(r: Exclude<CastResult, { kind: "cast" } | { kind: "invalid" }>) {
  switch (r.kind) {
    case "not_found":
      return { status: 404, code: "NOT_FOUND", key: "errors.not_found" };
    case "not_open":
      return { status: 409, code: "POLL_NOT_OPEN", key: "polls.refusal.not_open" };
    case "already_voted":
      return { status: 409, code: "ALREADY_VOTED", key: "polls.refusal.already_voted" };
    case "refused":
      return {
        status: 403,
        code: r.reason === "identity_not_verified" ? "IDENTITY_NOT_VERIFIED" : "NOT_ELIGIBLE",
        key: refusalKey(r.reason),
      };
  }
}

/** The polls API: the list, one poll with its questions and results, ballots, results. */
export async function pollApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: Static<typeof ListQuery> }>(
    "/api/v1/polls",
    {
      schema: {
        operationId: "listPolls",
        tags: ["polls"],
        summary: "Surveys, votes and local referendums (not drafts), open ones closing first",
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(PollSummary),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 25;
      const rows = await listPolls(ctx.db.kysely, {
        ...(q.when ? { when: q.when } : {}),
        ...(q.agencyId ? { agencyId: q.agencyId } : {}),
        now: ctx.clock.now().toISOString(),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: rows.map((p) => summary(ctx, p)), page, pageSize };
    },
  );

  const load = async (id: string) => {
    const poll = POLL_ID.test(id) ? await findPoll(ctx.db.kysely, id) : undefined;
    if (!poll || poll.status === "draft") throw new HalyqError("NOT_FOUND");
    return poll;
  };

  app.get<{ Params: { id: string } }>(
    "/api/v1/polls/:id",
    {
      schema: {
        operationId: "getPoll",
        tags: ["polls"],
        summary: "One poll: its questions, who may vote, and results once published (or live)",
        response: { 200: PollDetail, 404: ErrorBody },
      },
    },
    async (request) => {
      const poll = await load(request.params.id);
      return {
        ...summary(ctx, poll),
        description: descriptions(poll),
        questions: questionsOf(poll).map((q) => ({
          id: q.id,
          kind: q.kind,
          text: q.text,
          options: q.options,
          scaleMax: q.scaleMax ?? null,
        })),
        results: await loadResults(ctx, poll),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/polls/:id/results",
    {
      schema: {
        operationId: "getPollResults",
        tags: ["polls"],
        summary:
          "Results with turnout: published at closing, or a recent count for polls that show one during the vote; 409 before",
        response: { 200: Results, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const poll = await load(request.params.id);
      const r = await loadResults(ctx, poll);
      if (!r)
        return sendRefusal(request, reply, 409, "RESULTS_NOT_PUBLISHED", "polls.results.not_yet");
      return r;
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof BallotBody> }>(
    "/api/v1/polls/:id/ballots",
    {
      config: {
        rateLimit: {
          max: 30,
          timeWindow: "1 minute",
          keyGenerator: (request: FastifyRequest) => request.principal?.accountId ?? request.ip,
        },
      },
      schema: {
        operationId: "castBallot",
        tags: ["polls"],
        summary:
          "Cast the caller's ballot: 201 once it is durable; 403 IDENTITY_NOT_VERIFIED for a vote or referendum when the identity is only declared (verify by e-ID or at a registrar's desk), 403 NOT_ELIGIBLE otherwise (with the reason), 409 for a second ballot or a poll not open",
        body: BallotBody,
        response: {
          201: Type.Object({ status: Type.Literal("cast") }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      if (!POLL_ID.test(request.params.id)) throw new HalyqError("NOT_FOUND");
      const r = await castBallot(ctx, principal, request.params.id, request.body.answers);
      if (r.kind === "cast") return reply.status(201).send({ status: "cast" as const });
      if (r.kind === "invalid") throw new HalyqError("VALIDATION", {}, r.issues);
      const { status, code, key } = refusalOf(r);
      return sendRefusal(request, reply, status, code, key);
    },
  );
}
