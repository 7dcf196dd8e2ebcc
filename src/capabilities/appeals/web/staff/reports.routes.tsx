import type { FastifyInstance, FastifyRequest } from "fastify";
import { appendAudit } from "../../../../kernel/audit/audit.js";
import { HalyqError } from "../../../../kernel/errors.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { horizontalBars } from "../../../../web/bar-chart.js";
import { requirePage } from "../../../../web/guards.js";
import {
  attachment,
  CSV_TYPE,
  sheetCsv,
  XLSX_TYPE,
  xlsxWorkbook,
} from "../../../../web/spreadsheet.js";
import { listCategories } from "../../../agencies/index.js";
import { inboxDates } from "../../api.routes.js";
import {
  complaintFigures,
  extendedCases,
  figuresBy,
  outcomes,
  overdueCases,
  type ReportPeriod,
} from "../../reports/figures.js";
import { type AnyTable, asSheet, reportTables } from "../../reports/tables.js";
import { ReportsPage } from "./reports-page.js";
import { parseReportsQuery } from "./reports-query.js";
import { bodiesByIds, personNames } from "./scope.js";

const TABLE_IDS = [
  "executors",
  "topics",
  "channels",
  "outcomes",
  "overdue",
  "extensions",
  "complaints",
];

/** The bodies whose reports this person may open, in the order their roles were granted. */
function reportBodies(ctx: AppContext, principal: Principal): string[] {
  const ids = principal.grants.map((g) => g.agencyId).filter((id): id is string => id !== null);
  return [...new Set(ids)].filter((agencyId) =>
    ctx.policy.can(principal, "appeal.reports", { agencyId }),
  );
}

/**
 * GET /office/reports: a body's reports for a period (heads and analysts), and the same as one
 * workbook (reports.xlsx, a sheet per report) or one report as CSV (<report>.csv). Reports hold
 * no personal data; downloads are still recorded in the audit log.
 */
export async function reportsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  async function load(request: FastifyRequest, principal: Principal) {
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const mine = reportBodies(ctx, principal);
    const agencyId = (typeof raw.agency === "string" && raw.agency) || mine[0];
    if (!agencyId || !ctx.policy.can(principal, "appeal.reports", { agencyId })) {
      throw new HalyqError("FORBIDDEN");
    }
    const [body] = await bodiesByIds(db, [agencyId], request.locale);
    if (!body) throw new HalyqError("NOT_FOUND");
    const { today } = await inboxDates(ctx, agencyId);
    const parsed = parseReportsQuery(raw, today);
    let tables: AnyTable[] = [];
    if (parsed.period) {
      const p: ReportPeriod = { agencyId, ...parsed.period, today };
      const [
        executors,
        topics,
        channels,
        outcomeRows,
        overdue,
        extensions,
        complaints,
        categories,
      ] = await Promise.all([
        figuresBy(db, p, "executor_id"),
        figuresBy(db, p, "category_id"),
        figuresBy(db, p, "channel"),
        outcomes(db, p),
        overdueCases(db, p),
        extendedCases(db, p),
        complaintFigures(db, p),
        listCategories(db),
      ]);
      const names = await personNames(db, [
        ...executors.map((e) => e.key),
        ...overdue.map((c) => c.executorId),
        ...extensions.map((c) => c.executorId),
      ]);
      tables = reportTables(request.t, request.locale, {
        executors,
        topics,
        channels,
        outcomes: outcomeRows,
        overdue,
        extensions,
        complaints,
        names,
        topicNames: new Map(categories.map((c) => [c.id, c.names[request.locale]])),
      });
    }
    return { mine, agencyId, body, today, parsed, tables };
  }

  async function audit(principal: Principal, agencyId: string, data: Record<string, unknown>) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, ctx.clock, [
        {
          actor: { id: principal.accountId, label: principal.kind },
          action: "appeal.reports_exported",
          subjectType: "agency",
          subjectId: agencyId,
          data,
        },
      ]),
    );
  }

  app.get("/office/reports", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const { mine, body, parsed, tables } = await load(request, principal);
    const charts = new Map<string, string>();
    for (const table of tables) {
      if (table.chart && table.rows.length > 0)
        charts.set(table.id, await horizontalBars(table.rows.map(table.chart)));
    }
    const bodies = await bodiesByIds(db, mine, request.locale);
    if (parsed.issues.length > 0) reply.status(400);
    return reply.page(
      request.t("appeals.reports.title"),
      <ReportsPage
        t={request.t}
        locale={request.locale}
        bodies={bodies.length > 0 ? bodies : [body]}
        body={body}
        query={parsed.query}
        period={parsed.period}
        issues={parsed.issues}
        tables={tables}
        charts={charts}
      />,
    );
  });

  app.get<{ Params: { file: string } }>("/office/reports/:file", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const match = /^([a-z]+)\.(xlsx|csv)$/.exec(request.params.file);
    const id = match?.[1] ?? "";
    const format = match?.[2] ?? "";
    if (!match || (format === "xlsx" ? id !== "reports" : !TABLE_IDS.includes(id))) {
      throw new HalyqError("NOT_FOUND");
    }
    const { agencyId, parsed, tables } = await load(request, principal);
    if (!parsed.period) throw new HalyqError("BAD_REQUEST");
    const { from, to } = parsed.period;
    await audit(principal, agencyId, { format, report: id, from, to });
    const t = request.t;
    reply.header("cache-control", "no-store");
    if (format === "csv") {
      const table = tables.find((x) => x.id === id) as AnyTable;
      return reply
        .header("content-disposition", attachment(`${table.title} ${from} ${to}.csv`))
        .type(CSV_TYPE)
        .send(sheetCsv(asSheet(table)));
    }
    return reply
      .header("content-disposition", attachment(`${t("appeals.reports.file")} ${from} ${to}.xlsx`))
      .type(XLSX_TYPE)
      .send(await xlsxWorkbook(tables.map(asSheet), { created: ctx.clock.now() }));
  });
}
