import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorBody } from "../../../web/api-schemas.js";
import { findAgency } from "../../agencies/index.js";
import {
  bodyToday,
  type CycleFigures,
  cycleFigures,
  publicCycle,
  publicCyclesOf,
} from "../accountability.js";
import { REJECTION_REASONS } from "../budget.js";

const Nullable = <T extends ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);

const FiguresOut = Type.Object({
  received: Type.Integer({ description: "Proposals submitted (drafts not counted)" }),
  admitted: Type.Integer({ description: "Admitted to the vote by the expert council" }),
  notAdmitted: Type.Integer({ description: "Not admitted (refused or merged as a duplicate)" }),
  notAdmittedByReason: Type.Object(
    Object.fromEntries(REJECTION_REASONS.map((r) => [r, Type.Integer()])) as Record<
      (typeof REJECTION_REASONS)[number],
      ReturnType<typeof Type.Integer>
    >,
  ),
  voters: Nullable(
    Type.Integer({
      description:
        "Ballots counted; null before the results are published. No electorate is known, so no turnout share is given",
    }),
  ),
  won: Nullable(Type.Integer({ description: "Winners; null before the results are published" })),
  projects: Type.Integer({ description: "Winners in implementation" }),
  completed: Type.Integer({ description: "Projects whose acceptance is done" }),
  onTime: Type.Integer({ description: "Projects with no late stage" }),
  delayed: Type.Integer({
    description:
      "Projects with a late stage: past its planned end without an actual end, or ended after it",
  }),
  allocated: Type.Integer({ description: "Whole tenge: the winners' money" }),
  contracted: Type.Integer({ description: "Whole tenge" }),
  spent: Type.Integer({ description: "Whole tenge" }),
});

const Texts = Type.Object({
  kk: Type.String(),
  ru: Type.String(),
  en: Type.Union([Type.String(), Type.Null()]),
});

const CycleOut = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  year: Type.Integer(),
  title: Texts,
  phase: Type.String({
    description: "announcement, proposals, review, voting, results, implementation or closed",
  }),
  resultsPublishedAt: Type.Union([Type.String(), Type.Null()]),
  amount: Type.Integer({ description: "Whole tenge: the sum of the territories' amounts" }),
  totals: FiguresOut,
  links: Type.Object({ page: Type.String(), cycle: Type.String() }),
});

const CycleDetail = Type.Intersect([
  CycleOut,
  Type.Object({
    territories: Type.Array(
      Type.Intersect([
        Type.Object({
          code: Type.String({ description: "KATO code" }),
          names: Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() }),
          amount: Type.Integer({ description: "Whole tenge" }),
        }),
        FiguresOut,
      ]),
    ),
  }),
]);

const BodyQuery = Type.Object(
  { agency: Type.String({ minLength: 1, maxLength: 100, description: "The body's id" }) },
  { additionalProperties: false },
);

/** A cycle's figures as the API gives them. */
function out(ctx: AppContext, f: CycleFigures) {
  const base = ctx.config.publicUrl;
  const { territories, ...rest } = f;
  return {
    ...rest,
    links: {
      page: `${base}/budgets/${f.id}/accountability`,
      cycle: `${base}/budgets/${f.id}`,
    },
    territories,
  };
}

/** Accountability in the JSON API: one cycle's figures per territory, and a body's cycles. */
export async function budgetAccountabilityApi(
  app: FastifyInstance,
  ctx: AppContext,
): Promise<void> {
  const db = ctx.db.kysely;

  app.get<{ Querystring: Static<typeof BodyQuery> }>(
    "/api/v1/budgets/accountability",
    {
      schema: {
        operationId: "listBudgetAccountability",
        tags: ["budgets"],
        summary:
          "A body's participatory budget cycles with their figures (proposals, voters, projects, money); 404 for an unknown body",
        querystring: BodyQuery,
        response: {
          200: Type.Object({ agencyId: Type.String(), cycles: Type.Array(CycleOut) }),
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const agency = await findAgency(db, request.query.agency);
      if (!agency) throw new HalyqError("NOT_FOUND");
      const now = ctx.clock.now();
      const cycles = await publicCyclesOf(db, agency.id, now);
      const figures = await cycleFigures(db, cycles, now, await bodyToday(ctx, agency.id));
      return {
        agencyId: agency.id,
        cycles: figures.map((f) => {
          const { territories: _omit, ...rest } = out(ctx, f);
          return rest;
        }),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/budgets/:id/accountability",
    {
      schema: {
        operationId: "getBudgetAccountability",
        tags: ["budgets"],
        summary:
          "One cycle's accountability figures, in total and per territory; votes and winners once the results are published; 404 for an unknown or draft cycle",
        response: { 200: CycleDetail, 404: ErrorBody },
      },
    },
    async (request) => {
      const now = ctx.clock.now();
      const cycle = await publicCycle(db, request.params.id, now);
      if (!cycle) throw new HalyqError("NOT_FOUND");
      const [f] = await cycleFigures(db, [cycle], now, await bodyToday(ctx, cycle.agency_id));
      if (!f) throw new HalyqError("NOT_FOUND");
      return out(ctx, f);
    },
  );
}
