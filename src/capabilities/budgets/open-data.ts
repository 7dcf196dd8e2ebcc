import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { AppContext } from "../../platform/manifest.js";
import { csvLine } from "../../web/csv.js";
import { fileOperation } from "../../web/openapi.js";
import { agencyNames } from "../agencies/index.js";
import { bodyToday, type CycleFigures, cycleFigures } from "./accountability.js";
import { type CycleRow, phaseAt, REJECTION_REASONS, STAGES } from "./budget.js";

/**
 * Participatory budgets as open data (CC BY 4.0), in CSV and JSON at stable addresses:
 * `/open-data/budgets/projects.{csv,json}` — every proposal admitted to the vote in a public
 * cycle, with its votes and whether it won once the results are published, and a winner's
 * implementation (status, stage dates, contractor, money, percent); and
 * `/open-data/budgets/cycles.{csv,json}` — each public cycle's accountability figures (the same
 * as `GET /api/v1/budgets/{id}/accountability`'s totals). Nothing personal: no author, voter,
 * IIN, BIN of a housing body, contact or address of a person — a proposal's title and place
 * are public on its page already.
 */
export const PROJECT_FIELDS = [
  "cycle",
  "year",
  "body",
  "body_name_kk",
  "body_name_ru",
  "body_name_en",
  "territory",
  "territory_name_kk",
  "territory_name_ru",
  "territory_name_en",
  "proposal",
  "number",
  "category",
  "title",
  "language",
  "council_cost",
  "votes",
  "rank",
  "winner",
  "project",
  "status",
  ...STAGES.flatMap((s) =>
    (["planned_start", "planned_end", "actual_start", "actual_end"] as const).map(
      (d) => `${s}_${d}` as const,
    ),
  ),
  "contractor",
  "amount_allocated",
  "amount_contracted",
  "amount_spent",
  "percent",
] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];
export type ProjectRecord = Record<ProjectField, string | number | boolean | null>;

export const CYCLE_FIELDS = [
  "cycle",
  "year",
  "body",
  "body_name_kk",
  "body_name_ru",
  "body_name_en",
  "title_kk",
  "title_ru",
  "title_en",
  "phase",
  "rule",
  "results_published_at",
  "territories",
  "amount",
  "proposals_received",
  "proposals_admitted",
  "proposals_not_admitted",
  ...REJECTION_REASONS.map((r) => `not_admitted_${r}` as const),
  "voters",
  "projects_won",
  "projects",
  "projects_completed",
  "projects_on_time",
  "projects_delayed",
  "amount_allocated",
  "amount_contracted",
  "amount_spent",
] as const;
export type CycleField = (typeof CYCLE_FIELDS)[number];
export type CycleRecord = Record<CycleField, string | number | null>;

/** Every public cycle, newest year first. */
async function publicCycles(ctx: AppContext): Promise<CycleRow[]> {
  const now = ctx.clock.now();
  const rows = await ctx.db.kysely
    .selectFrom("budget_cycles")
    .selectAll()
    .where("announcement_at", "<=", now.toISOString())
    .orderBy("year", "desc")
    .orderBy("agency_id")
    .orderBy("id")
    .execute();
  return rows.filter((c) => phaseAt(c, now) !== "draft");
}

/** The projects dataset's records. */
export async function projectRecords(ctx: AppContext): Promise<ProjectRecord[]> {
  const db = ctx.db.kysely;
  const cycles = await publicCycles(ctx);
  if (cycles.length === 0) return [];
  const ids = cycles.map((c) => c.id);
  const [names, territories, proposals, projects] = await Promise.all([
    agencyNames(
      db,
      cycles.map((c) => c.agency_id),
    ),
    db.selectFrom("budget_territories").selectAll().where("cycle_id", "in", ids).execute(),
    db
      .selectFrom("budget_proposals")
      .select([
        "id",
        "cycle_id",
        "number",
        "territory_code",
        "category",
        "title",
        "language",
        "council_cost",
        "votes",
        "rank",
        "winner",
      ])
      .where("cycle_id", "in", ids)
      .where("decision", "=", "admitted")
      .orderBy("cycle_id")
      .orderBy("territory_code")
      .orderBy("number")
      .execute(),
    db
      .selectFrom("budget_projects")
      .select([
        "id",
        "proposal_id",
        "status",
        "contractor",
        "amount_allocated",
        "amount_contracted",
        "amount_spent",
        "percent",
      ])
      .where("cycle_id", "in", ids)
      .execute(),
  ]);
  const stages =
    projects.length === 0
      ? []
      : await db
          .selectFrom("budget_project_stages")
          .selectAll()
          .where(
            "project_id",
            "in",
            projects.map((p) => p.id),
          )
          .execute();
  const cycleById = new Map(cycles.map((c) => [c.id, c]));
  const projectOf = new Map(projects.map((p) => [p.proposal_id, p]));
  const out: ProjectRecord[] = [];
  for (const c of cycles)
    for (const p of proposals) {
      if (p.cycle_id !== c.id) continue;
      const cycle = cycleById.get(p.cycle_id) as CycleRow;
      const published = cycle.results_published_at !== null;
      const body = names.get(cycle.agency_id);
      const territory = territories.find(
        (t) => t.cycle_id === cycle.id && t.code === p.territory_code,
      );
      const project = published ? projectOf.get(p.id) : undefined;
      const stageDates: Record<string, string | null> = {};
      for (const s of STAGES) {
        const row = project
          ? stages.find((x) => x.project_id === project.id && x.stage === s)
          : undefined;
        stageDates[`${s}_planned_start`] = row?.planned_start ?? null;
        stageDates[`${s}_planned_end`] = row?.planned_end ?? null;
        stageDates[`${s}_actual_start`] = row?.actual_start ?? null;
        stageDates[`${s}_actual_end`] = row?.actual_end ?? null;
      }
      out.push({
        ...stageDates,
        cycle: cycle.id,
        year: Number(cycle.year),
        body: cycle.agency_id,
        body_name_kk: body?.kk ?? null,
        body_name_ru: body?.ru ?? null,
        body_name_en: body?.en ?? null,
        territory: p.territory_code,
        territory_name_kk: territory?.name_kk ?? null,
        territory_name_ru: territory?.name_ru ?? null,
        territory_name_en: territory?.name_en ?? null,
        proposal: p.id,
        number: p.number === null ? null : Number(p.number),
        category: p.category,
        title: p.title,
        language: p.language,
        council_cost: p.council_cost === null ? null : Number(p.council_cost),
        votes: published && p.votes !== null ? Number(p.votes) : null,
        rank: published && p.rank !== null ? Number(p.rank) : null,
        winner: published ? Number(p.winner) === 1 : null,
        project: project?.id ?? null,
        status: project?.status ?? null,
        contractor: project?.contractor ?? null,
        amount_allocated: project ? Number(project.amount_allocated) : null,
        amount_contracted:
          project?.amount_contracted == null ? null : Number(project.amount_contracted),
        amount_spent: project?.amount_spent == null ? null : Number(project.amount_spent),
        percent: project ? Number(project.percent) : null,
      } as ProjectRecord);
    }
  return out;
}

/** The cycles dataset's records: each public cycle's figures, as the API gives its totals. */
export async function cycleRecords(ctx: AppContext): Promise<CycleRecord[]> {
  const db = ctx.db.kysely;
  const cycles = await publicCycles(ctx);
  if (cycles.length === 0) return [];
  const now = ctx.clock.now();
  const names = await agencyNames(
    db,
    cycles.map((c) => c.agency_id),
  );
  // Figures a body at a time: a stage is late against the body's own day.
  const figures = new Map<string, CycleFigures>();
  for (const a of new Set(cycles.map((c) => c.agency_id))) {
    const mine = cycles.filter((c) => c.agency_id === a);
    for (const f of await cycleFigures(db, mine, now, await bodyToday(ctx, a)))
      figures.set(f.id, f);
  }
  const out: CycleRecord[] = [];
  for (const c of cycles) {
    const f = figures.get(c.id);
    if (!f) continue;
    const body = names.get(c.agency_id);
    const t = f.totals;
    out.push({
      cycle: c.id,
      year: f.year,
      body: c.agency_id,
      body_name_kk: body?.kk ?? null,
      body_name_ru: body?.ru ?? null,
      body_name_en: body?.en ?? null,
      title_kk: c.title_kk,
      title_ru: c.title_ru,
      title_en: c.title_en,
      phase: f.phase,
      rule: c.rule,
      results_published_at: c.results_published_at,
      territories: f.territories.length,
      amount: f.amount,
      proposals_received: t.received,
      proposals_admitted: t.admitted,
      proposals_not_admitted: t.notAdmitted,
      ...(Object.fromEntries(
        REJECTION_REASONS.map((r) => [`not_admitted_${r}`, t.notAdmittedByReason[r]]),
      ) as Record<`not_admitted_${(typeof REJECTION_REASONS)[number]}`, number>),
      voters: t.voters,
      projects_won: t.won,
      projects: t.projects,
      projects_completed: t.completed,
      projects_on_time: t.onTime,
      projects_delayed: t.delayed,
      amount_allocated: t.allocated,
      amount_contracted: t.contracted,
      amount_spent: t.spent,
    });
  }
  return out;
}

const LICENCE = { id: "CC-BY-4.0", url: "https://creativecommons.org/licenses/by/4.0/" } as const;

/** The two datasets at their stable addresses, in CSV and JSON, to any origin. */
export async function budgetOpenDataRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { file: string } }>(
    "/open-data/budgets/:file",
    {
      config: {
        openapi: fileOperation({
          operationId: "getBudgetOpenDataFile",
          tags: ["open-data"],
          summary:
            "Participatory budgets as open data (CC BY 4.0, no personal data): projects.csv|json (every proposal admitted to the vote, with its votes once published and a winner's implementation) and cycles.csv|json (each cycle's accountability figures)",
          types: {
            "text/csv": { type: "string" },
            "application/json": {
              type: "object",
              required: ["dataset", "records"],
              properties: { dataset: { type: "string" }, records: { type: "array" } },
            },
          },
          statuses: ["404"],
        }),
      },
      schema: {
        hide: true,
        params: { type: "object", properties: { file: { type: "string", maxLength: 40 } } },
      },
    },
    async (request, reply) => {
      const m = /^(projects|cycles)\.(csv|json)$/.exec(request.params.file);
      if (!m) throw new HalyqError("NOT_FOUND");
      const dataset = m[1] as "projects" | "cycles";
      const ext = m[2] as "csv" | "json";
      const fields: readonly string[] = dataset === "projects" ? PROJECT_FIELDS : CYCLE_FIELDS;
      const records: Record<string, unknown>[] =
        dataset === "projects" ? await projectRecords(ctx) : await cycleRecords(ctx);
      reply.header("cache-control", "public, max-age=300");
      reply.header("access-control-allow-origin", "*");
      reply.header("cross-origin-resource-policy", "cross-origin");
      reply.header(
        "content-disposition",
        `attachment; filename="halyq-budgets-${request.params.file}"`,
      );
      if (ext === "csv") {
        reply.header("content-type", "text/csv; charset=utf-8; header=present");
        return reply.send(
          csvLine(fields) +
            records
              .map((r) => csvLine(fields.map((f) => r[f] as string | number | boolean | null)))
              .join(""),
        );
      }
      reply.header("content-type", "application/json; charset=utf-8");
      return reply.send(
        JSON.stringify({
          dataset: `budgets-${dataset}`,
          licence: LICENCE.id,
          licence_url: LICENCE.url,
          generated_at: ctx.clock.now().toISOString(),
          fields,
          records,
        }),
      );
    },
  );
}
