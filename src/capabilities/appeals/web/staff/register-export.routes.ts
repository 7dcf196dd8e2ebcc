import type { FastifyInstance } from "fastify";
import { appendAudit } from "../../../../kernel/audit/audit.js";
import { HalyqError } from "../../../../kernel/errors.js";
import { dateIn } from "../../../../kernel/format/index.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { requirePage } from "../../../../web/guards.js";
import {
  attachment,
  CSV_TYPE,
  type Sheet,
  sheetCsv,
  XLSX_TYPE,
  xlsxWorkbook,
} from "../../../../web/spreadsheet.js";
import { listCategories } from "../../../agencies/index.js";
import { inboxDates } from "../../api.routes.js";
import { agencyInbox, REGISTER_EXPORT_MAX } from "../../appeal.repository.js";
import { actingFor } from "./bulk-options.js";
import { inboxFilter } from "./inbox-filter.js";
import { parseInboxQuery } from "./inbox-query.js";
import { termContext } from "./inbox-terms.js";
import { type JournalLine, journalColumns } from "./register-export.js";
import { bodiesByIds, personNames, staffBodies } from "./scope.js";

/**
 * GET /office/appeals/register.xlsx and .csv: the inbox's current view (the same query
 * string) as the body's registration journal. Applicants' personal data is in it only for
 * those the policy lets read it; every download is recorded in the audit log as a read of the
 * registry, with the filter and whether personal data went out.
 */
export async function registerExportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  for (const format of ["xlsx", "csv"] as const) {
    app.get(`/office/appeals/register.${format}`, async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const params = parseInboxQuery(request.query as Record<string, unknown>);
      const agencyId = params.agency || staffBodies(ctx, principal, "appeal.inbox")[0];
      if (!agencyId || !ctx.policy.can(principal, "appeal.export", { agencyId })) {
        throw new HalyqError("FORBIDDEN");
      }
      const [body] = await bodiesByIds(db, [agencyId], request.locale);
      if (!body) throw new HalyqError("NOT_FOUND");
      const personal = ctx.policy.can(principal, "appeal.personal_data", { agencyId });
      const { today } = await inboxDates(ctx, agencyId);
      const terms = termContext(ctx, body.jurisdiction, today);
      const { filter } = inboxFilter(
        principal,
        agencyId,
        params,
        terms,
        personal,
        await actingFor(db, agencyId, principal.accountId, today),
      );
      const [{ rows, total }, categories] = await Promise.all([
        agencyInbox(db, agencyId, {
          ...filter,
          page: 1,
          pageSize: REGISTER_EXPORT_MAX,
          download: true,
        }),
        listCategories(db),
      ]);
      const names = await personNames(
        db,
        rows.map((r) => r.executor_id),
      );
      const topics = new Map(categories.map((c) => [c.id, c.names[request.locale]]));
      const zone = terms.calendar.rules.timeZone;
      const lines: JournalLine[] = rows.map((row) => ({
        row,
        term: terms.nearest(row),
        executor: row.executor_id ? (names.get(row.executor_id) ?? "") : "",
        topic: row.category_id ? (topics.get(row.category_id) ?? "") : "",
        answeredOn: row.answered_at ? dateIn(row.answered_at, zone) : null,
      }));
      const t = request.t;
      const title = t("appeals.staff.register_export.sheet");
      const sheet: Sheet<JournalLine> = {
        name: title,
        columns: journalColumns(t, request.locale, personal),
        rows: lines,
      };
      await db.transaction().execute((trx) =>
        appendAudit(trx, ctx.clock, [
          {
            actor: { id: principal.accountId, label: principal.kind },
            action: "appeal.register_exported",
            subjectType: "agency",
            subjectId: agencyId,
            data: {
              format,
              query: request.url.split("?")[1] ?? "",
              rows: lines.length,
              total,
              personalData: personal,
            },
          },
        ]),
      );
      const fileName = `${t("appeals.staff.register_export.file")} ${today}.${format}`;
      reply
        .header("content-disposition", attachment(fileName))
        .header("cache-control", "no-store")
        .header("x-content-type-options", "nosniff");
      if (format === "csv") return reply.type(CSV_TYPE).send(sheetCsv(sheet));
      return reply.type(XLSX_TYPE).send(await xlsxWorkbook([sheet], { created: ctx.clock.now() }));
    });
  }
}
