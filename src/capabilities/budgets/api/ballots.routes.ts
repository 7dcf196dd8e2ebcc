import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorBody } from "../../../web/api-schemas.js";
import { requireApi } from "../../../web/guards.js";
import { BUDGET_ID, residentRefusalKey } from "../budget.js";
import { type BallotResult, castBudgetBallot } from "../commands/ballot.js";

const BallotBody = Type.Object(
  {
    territory: Type.String({
      pattern: "^[0-9]{9}$",
      description:
        "KATO code of a territory of the cycle; the voter's registered address must be inside it",
    }),
    projectIds: Type.Array(Type.String({ maxLength: 40 }), {
      minItems: 1,
      maxItems: 200,
      description: "Ids of admitted proposals of that territory",
    }),
  },
  { additionalProperties: false },
);

/** The status, stable code, message key and parameters of a ballot that was not cast. */
export function ballotRefusalOf(r: Exclude<BallotResult, { kind: "cast" } | { kind: "invalid" }>): {
  status: number;
  code: string;
  key: string;
  params?: Record<string, string | number>;
} {
  switch (r.kind) {
    case "not_found":
      return { status: 404, code: "NOT_FOUND", key: "errors.not_found" };
    case "phase_closed":
      return {
        status: 409,
        code: "PHASE_CLOSED",
        key: "budgets.ballot.refusal.phase_closed",
        params: { from: r.cycle.voting_at.slice(0, 10), to: r.cycle.results_at.slice(0, 10) },
      };
    case "already_voted":
      return { status: 409, code: "ALREADY_VOTED", key: "budgets.ballot.refusal.already_voted" };
    case "over_budget":
      return {
        status: 400,
        code: "OVER_BUDGET",
        key: "budgets.ballot.refusal.over_budget",
        params: { total: r.total, amount: r.amount, excess: r.total - r.amount },
      };
    case "refused":
      return {
        status: 403,
        code: r.reason === "identity_not_verified" ? "IDENTITY_NOT_VERIFIED" : "NOT_ELIGIBLE",
        key: residentRefusalKey(r.reason),
      };
  }
}

const send = (
  request: FastifyRequest,
  reply: FastifyReply,
  r: ReturnType<typeof ballotRefusalOf>,
) =>
  reply
    .status(r.status)
    .type("application/json; charset=utf-8")
    .send({ error: { code: r.code, message: request.t(r.key, r.params) } });

/** The JSON API's ballot. */
export async function budgetBallotApi(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Params: { id: string }; Body: Static<typeof BallotBody> }>(
    "/api/v1/budgets/:id/ballots",
    {
      config: {
        rateLimit: {
          max: 30,
          timeWindow: "1 minute",
          keyGenerator: (request: FastifyRequest) => request.principal?.accountId ?? request.ip,
        },
      },
      schema: {
        operationId: "castBudgetBallot",
        tags: ["budgets"],
        summary:
          "Cast the caller's participatory-budget ballot in their territory: 201 once it is durable; 400 OVER_BUDGET when, under the knapsack rule, the chosen projects cost more than the territory's amount (the message gives the amounts), 400 VALIDATION for an empty list or projects not admitted in that territory; 403 IDENTITY_NOT_VERIFIED or NOT_ELIGIBLE (the reason in the message, in the Accept-Language); 409 ALREADY_VOTED (one ballot per person and cycle) or PHASE_CLOSED outside the voting phase",
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
      if (!BUDGET_ID.test(request.params.id)) throw new HalyqError("NOT_FOUND");
      const r = await castBudgetBallot(
        ctx,
        principal,
        request.params.id,
        request.body.territory,
        request.body.projectIds,
      );
      if (r.kind === "cast") return reply.status(201).send({ status: "cast" as const });
      if (r.kind === "invalid") throw new HalyqError("VALIDATION", {}, r.issues);
      return send(request, reply, ballotRefusalOf(r));
    },
  );
}
