import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { requirePage } from "../../../../web/guards.js";
import { inboxDates } from "../../api.routes.js";
import { agencyInbox, type InboxFilter } from "../../appeal.repository.js";
import { listViews } from "../../tasks/saved-views.js";
import { actingFor, bulkOffered, bulkOptions } from "./bulk-options.js";
import { inboxFilter } from "./inbox-filter.js";
import { InboxPage } from "./inbox-page.js";
import { INBOX_PAGE_SIZE, inboxHref, parseInboxQuery } from "./inbox-query.js";
import { mayBeAssigned } from "./inbox-scope.js";
import { dueFilter, termContext } from "./inbox-terms.js";
import { SavedViews } from "./saved-views.js";
import { bodiesByIds, bodyExecutors, personNames, staffBodies } from "./scope.js";
import { normalisedQuery } from "./views.routes.js";

/** GET /office/appeals: the inbox of one of the person's bodies. */
export async function inboxRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  app.get("/office/appeals", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const params = parseInboxQuery(request.query as Record<string, unknown>);
    const mine = staffBodies(ctx, principal, "appeal.inbox");
    const agencyId = params.agency || mine[0];
    if (!agencyId || !ctx.policy.can(principal, "appeal.inbox", { agencyId })) {
      throw new HalyqError("FORBIDDEN");
    }
    const bodies = await bodiesByIds(db, mine, request.locale);
    const [body] = await bodiesByIds(db, [agencyId], request.locale);
    if (!body) throw new HalyqError("NOT_FOUND");
    const { today, soon } = await inboxDates(ctx, agencyId);
    const terms = termContext(ctx, body.jurisdiction, today);
    const personal = ctx.policy.can(principal, "appeal.personal_data", { agencyId });
    const acting = await actingFor(db, agencyId, principal.accountId, today);
    const found = inboxFilter(principal, agencyId, params, terms, personal, acting);
    const { mineOnly, stage } = found;
    const filter: InboxFilter = { ...found.filter, page: params.page, pageSize: INBOX_PAGE_SIZE };
    const [{ rows, total, totalCapped }, overdue, executors] = await Promise.all([
      agencyInbox(db, agencyId, filter),
      agencyInbox(db, agencyId, { ...dueFilter("overdue", terms), today, page: 1, pageSize: 1 }),
      bodyExecutors(db, agencyId),
    ]);
    const names = await personNames(
      db,
      rows.map((r) => r.executor_id),
    );
    return reply.page(
      request.t("appeals.staff.inbox.title"),
      <InboxPage
        t={request.t}
        locale={request.locale}
        bodies={bodies.length > 0 ? bodies : [body]}
        body={body}
        params={{ ...params, agency: mine.length > 1 || params.agency ? agencyId : "" }}
        rows={rows}
        coExecuted={
          new Set(
            mineOnly
              ? rows
                  .filter((r) => !r.executor_id || !acting.includes(r.executor_id))
                  .map((r) => r.id)
              : [],
          )
        }
        terms={new Map(rows.map((r) => [r.id, terms.nearest(r)]))}
        total={total}
        totalCapped={totalCapped}
        overdue={overdue.total}
        executors={executors}
        names={names}
        today={today}
        soon={soon}
        soonDays={terms.soonDays}
        canRegister={ctx.policy.can(principal, "appeal.register", { agencyId })}
        canExport={ctx.policy.can(principal, "appeal.export", { agencyId })}
        personalData={personal}
        scope={mayBeAssigned(principal, agencyId) ? (mineOnly ? "mine" : "all") : null}
        stage={stage}
        savedViews={
          <SavedViews
            t={request.t}
            csrf={reply.csrfToken()}
            agencyId={agencyId}
            query={normalisedQuery(inboxHref(params).split("?")[1] ?? "", agencyId)}
            views={await listViews(db, principal.accountId, agencyId)}
          />
        }
        bulk={
          bulkOffered(principal, agencyId)
            ? {
                csrf: reply.csrfToken(),
                options: await bulkOptions(db, agencyId, executors, request.locale),
              }
            : null
        }
      />,
    );
  });
}
