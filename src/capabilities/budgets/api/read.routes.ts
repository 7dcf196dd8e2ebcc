import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorBody } from "../../../web/api-schemas.js";
import { accountNames } from "../../identity/index.js";
import {
  BUDGET_ID,
  type CycleRow,
  categoriesOf,
  PHASE_START,
  PHASES,
  type Phase,
  PROJECT_STATUSES,
  phaseAt,
  REJECTION_REASONS,
  RULES,
  STAGES,
} from "../budget.js";
import {
  expertIds,
  findCycle,
  listPublicCycles,
  proposalCounts,
  territoriesOf,
} from "../cycle.repository.js";

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const Texts = Type.Object({
  kk: Type.String(),
  ru: Type.String(),
  en: Nullable(Type.String()),
});
const Instant = Type.String({ description: "ISO 8601 instant, UTC" });

const CycleSummary = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  year: Type.Integer({ description: "The budget year the winners are built in" }),
  title: Texts,
  phase: literals(PHASES),
  rule: literals(RULES),
  phases: Type.Object(
    Object.fromEntries(PHASES.map((p) => [p, Instant])) as Record<Phase, typeof Instant>,
    { description: "Each phase's start; a phase lasts until the next starts" },
  ),
  links: Type.Object({ page: Type.String(), projects: Type.String() }),
});

const CycleDetail = Type.Intersect([
  CycleSummary,
  Type.Object({
    rules: Texts,
    minVotes: Type.Integer({ description: "Approval rule: the fewest votes a winner needs" }),
    supportRequired: Type.Integer(),
    categories: Type.Array(Type.String()),
    territories: Type.Array(
      Type.Object({
        code: Type.String({ description: "KATO code" }),
        name: Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() }),
        amount: Type.Number({ description: "Whole tenge" }),
        voters: Nullable(Type.Integer()),
      }),
    ),
    council: Type.Array(Type.Object({ name: Type.String() }), {
      description: "The expert council's members",
    }),
    counts: Type.Object({ received: Type.Integer(), admitted: Type.Integer() }),
    voters: Nullable(Type.Integer()),
    resultsPublishedAt: Nullable(Instant),
  }),
]);

const ProjectItem = Type.Object(
  {
    id: Type.String(),
    number: Nullable(Type.Integer()),
    title: Type.String(),
    language: Type.String(),
    category: Type.String(),
    territory: Type.String({ description: "KATO code" }),
    costEstimate: Type.Number({ description: "The author's estimate, whole tenge" }),
    status: Type.String(),
    organisation: Nullable(Type.String({ description: "A housing body author's name" })),
    decision: Nullable(literals(["admitted", "rejected", "merged"] as const)),
    reason: Nullable(literals(REJECTION_REASONS)),
    decisionText: Nullable(Type.String()),
    councilCost: Nullable(Type.Number()),
    mergedInto: Nullable(Type.String()),
    votes: Nullable(Type.Integer({ description: "Only once the results are published" })),
    winner: Nullable(Type.Boolean({ description: "Only once the results are published" })),
    rank: Nullable(Type.Integer()),
    project: Nullable(
      Type.Object({
        id: Type.String(),
        status: literals(PROJECT_STATUSES),
        percent: Type.Number(),
        stage: Nullable(literals(STAGES)),
        amountAllocated: Type.Number(),
        amountContracted: Nullable(Type.Number()),
        amountSpent: Nullable(Type.Number()),
        contractor: Nullable(Type.String()),
      }),
    ),
    links: Type.Object({ page: Type.String() }),
  },
  { description: "No author's personal data: an organisation's name only" },
);

const ListQuery = Type.Object(
  {
    phase: Type.Optional(literals(PHASES)),
    agencyId: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

/** The cycle's current phase for the public: never a draft (those are not listed). */
const publicPhase = (c: CycleRow, now: Date): Phase => {
  const p = phaseAt(c, now);
  return p === "draft" ? "announcement" : p;
};

function summary(ctx: AppContext, c: CycleRow): Static<typeof CycleSummary> {
  const page = `${ctx.config.publicUrl}/budgets/${c.id}`;
  return {
    id: c.id,
    agencyId: c.agency_id,
    year: c.year,
    title: { kk: c.title_kk, ru: c.title_ru, en: c.title_en },
    phase: publicPhase(c, ctx.clock.now()),
    rule: c.rule as Static<typeof CycleSummary>["rule"],
    phases: Object.fromEntries(PHASES.map((p) => [p, c[PHASE_START[p]]])) as Record<Phase, string>,
    links: { page, projects: `${ctx.config.publicUrl}/api/v1/budgets/${c.id}/projects` },
  };
}

/** The stage a project is at: the last begun and not finished, or the last finished. */
function currentStage(
  stages: { stage: string; actual_start: string | null; actual_end: string | null }[],
): string | null {
  const ordered = STAGES.map((s) => stages.find((x) => x.stage === s)).filter(
    (x): x is NonNullable<typeof x> => !!x,
  );
  const running = ordered.find((x) => x.actual_start && !x.actual_end);
  if (running) return running.stage;
  const done = ordered.filter((x) => x.actual_end);
  return done.length > 0 ? (done[done.length - 1]?.stage ?? null) : null;
}

/** The JSON API's reads: cycles, one cycle, its proposals and projects. */
export async function budgetReadApi(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    "/api/v1/budgets",
    {
      schema: {
        operationId: "listBudgetCycles",
        tags: ["budgets"],
        summary: "Cycles of the participatory budget (announced ones), newest budget year first",
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(CycleSummary),
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
      const rows = await listPublicCycles(db, {
        now: ctx.clock.now().toISOString(),
        ...(q.phase ? { phase: q.phase } : {}),
        ...(q.agencyId ? { agencyId: q.agencyId } : {}),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: rows.map((c) => summary(ctx, c)), page, pageSize };
    },
  );

  const load = async (id: string) => {
    const cycle = BUDGET_ID.test(id) ? await findCycle(db, id) : undefined;
    if (!cycle || phaseAt(cycle, ctx.clock.now()) === "draft") throw new HalyqError("NOT_FOUND");
    return cycle;
  };

  app.get<{ Params: { id: string } }>(
    "/api/v1/budgets/:id",
    {
      schema: {
        operationId: "getBudgetCycle",
        tags: ["budgets"],
        summary:
          "One cycle: territories and amounts, voting rule, categories, phase dates, council, counts",
        response: { 200: CycleDetail, 404: ErrorBody },
      },
    },
    async (request) => {
      const c = await load(request.params.id);
      const [territories, experts, counts] = await Promise.all([
        territoriesOf(db, c.id),
        expertIds(db, c.id),
        proposalCounts(db, [c.id]),
      ]);
      const names = await accountNames(db, experts);
      return {
        ...summary(ctx, c),
        rules: { kk: c.rules_kk, ru: c.rules_ru, en: c.rules_en },
        minVotes: c.min_votes,
        supportRequired: c.support_required,
        categories: categoriesOf(c),
        territories: territories.map((x) => ({
          code: x.code,
          name: { kk: x.name_kk, ru: x.name_ru, en: x.name_en },
          amount: Number(x.amount),
          voters: c.results_published_at ? x.voters_count : null,
        })),
        council: experts.map((id) => {
          const n = names.get(id);
          return {
            name: n ? [n.surname, n.given_name, n.patronymic].filter(Boolean).join(" ") : "",
          };
        }),
        counts: counts.get(c.id) ?? { received: 0, admitted: 0 },
        voters: c.results_published_at ? c.voters_count : null,
        resultsPublishedAt: c.results_published_at,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/budgets/:id/projects",
    {
      schema: {
        operationId: "listBudgetProjects",
        tags: ["budgets"],
        summary:
          "Every submitted proposal of a cycle with the council's decision; votes once published; winners' implementation",
        response: {
          200: Type.Object({ items: Type.Array(ProjectItem) }),
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const c = await load(request.params.id);
      const published = c.results_published_at !== null;
      const rows = await db
        .selectFrom("budget_proposals")
        .select([
          "id",
          "number",
          "title",
          "language",
          "category",
          "territory_code",
          "cost_estimate",
          "status",
          "author_kind",
          "organisation_name",
          "decision",
          "decision_reason",
          "decision_text",
          "council_cost",
          "merged_into_id",
          "votes",
          "winner",
          "rank",
        ])
        .where("cycle_id", "=", c.id)
        .where("status", "not in", ["draft", "collecting"])
        .orderBy("number")
        .orderBy("id")
        .execute();
      const projects = await db
        .selectFrom("budget_projects")
        .selectAll()
        .where("cycle_id", "=", c.id)
        .execute();
      const stages =
        projects.length === 0
          ? []
          : await db
              .selectFrom("budget_project_stages")
              .select(["project_id", "stage", "actual_start", "actual_end"])
              .where(
                "project_id",
                "in",
                projects.map((p) => p.id),
              )
              .execute();
      const byProposal = new Map(projects.map((p) => [p.proposal_id, p]));
      const base = ctx.config.publicUrl;
      return {
        items: rows.map((r) => {
          const p = published ? byProposal.get(r.id) : undefined;
          return {
            id: r.id,
            number: r.number,
            title: r.title,
            language: r.language,
            category: r.category,
            territory: r.territory_code,
            costEstimate: Number(r.cost_estimate),
            status: r.status,
            organisation: r.author_kind === "organisation" ? r.organisation_name : null,
            decision: r.decision as "admitted" | "rejected" | "merged" | null,
            reason: r.decision_reason as (typeof REJECTION_REASONS)[number] | null,
            decisionText: r.decision_text,
            councilCost: r.council_cost === null ? null : Number(r.council_cost),
            mergedInto: r.merged_into_id,
            votes: published ? r.votes : null,
            winner: published && r.winner !== null ? Number(r.winner) === 1 : null,
            rank: published ? r.rank : null,
            project: p
              ? {
                  id: p.id,
                  status: p.status as (typeof PROJECT_STATUSES)[number],
                  percent: Number(p.percent),
                  stage: currentStage(stages.filter((s) => s.project_id === p.id)) as
                    | (typeof STAGES)[number]
                    | null,
                  amountAllocated: Number(p.amount_allocated),
                  amountContracted:
                    p.amount_contracted === null ? null : Number(p.amount_contracted),
                  amountSpent: p.amount_spent === null ? null : Number(p.amount_spent),
                  contractor: p.contractor,
                }
              : null,
            links: { page: `${base}/budgets/${c.id}/proposals/${r.id}` },
          };
        }),
      };
    },
  );
}
