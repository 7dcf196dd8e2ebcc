import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { requirePage } from "../../../../web/guards.js";
import { findAgency, listCategories } from "../../../agencies/index.js";
import { grantsOf } from "../../../identity/index.js";
import { loadVisibleAppeal } from "../../commands/appeal-actions.js";
import { prepareAppeal } from "../../commands/submit-appeal.js";
import { asReadableBy } from "../../personal-data.js";
import { appealProfile } from "../../profiles.js";
import { fileAppeal } from "../../writes.js";
import { redirectToCurrentNumber } from "../canonical-number.js";
import { type DeskValues, deskFiling, deskIssues, emptyDesk, readDesk } from "./desk-form.js";
import { DeskPage } from "./desk-page.js";
import type { FormBody } from "./form.js";
import { one } from "./form.js";
import { bodiesByIds, personNames, staffBodies } from "./scope.js";
import { SlipPage } from "./slip-page.js";

/** The registrar's desk (GET/POST /office/appeals/new) and the registration slip. */
export async function deskRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  /** The body to register into: the one asked for, if allowed, else the person's first. */
  function bodyFor(principal: Principal, asked: string): { mine: string[]; agencyId: string } {
    const mine = staffBodies(ctx, principal, "appeal.register");
    const agencyId = asked || mine[0];
    if (!agencyId || !ctx.policy.can(principal, "appeal.register", { agencyId })) {
      throw new HalyqError("FORBIDDEN");
    }
    return { mine, agencyId };
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    asked: string,
    values: DeskValues,
    issues: FieldIssue[],
  ) {
    const { mine, agencyId } = bodyFor(principal, asked);
    const bodies = await bodiesByIds(db, mine, request.locale);
    const [body] = await bodiesByIds(db, [agencyId], request.locale);
    if (!body) throw new HalyqError("NOT_FOUND");
    const categories = await listCategories(db);
    return reply.page(
      request.t("appeals.staff.desk.title"),
      <DeskPage
        t={request.t}
        csrf={reply.csrfToken()}
        bodies={bodies}
        body={body}
        categories={categories.map((c) => ({ value: c.id, label: c.names[request.locale] }))}
        values={values}
        issues={issues}
      />,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  app.get<{ Querystring: { agency?: string } }>("/office/appeals/new", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const asked = typeof request.query.agency === "string" ? request.query.agency : "";
    return show(request, reply, principal, asked, emptyDesk(request.locale), []);
  });

  app.post<{ Body: FormBody }>("/office/appeals/new", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const asked = one(request.body, "agency");
    const { agencyId } = bodyFor(principal, asked);
    const values = readDesk(request.body);
    const categories = await listCategories(db);
    const issues = deskIssues(values, new Set(categories.map((c) => c.id)));
    const { input, applicant } = deskFiling(values);
    const channel = (issues.some((i) => i.field === "channel") ? "paper" : values.channel) as
      | "paper"
      | "phone"
      | "video"
      | "walk_in";
    const filing = { channel, principal, agencyId, applicant };
    if (issues.length > 0) {
      // The filing's own problems are reported with the form's, so everything is fixed at once.
      const checked = await prepareAppeal(ctx, filing, input);
      if (checked.kind === "invalid") issues.push(...checked.issues);
      return show(request, reply, principal, asked, values, issues);
    }
    const result = await fileAppeal(ctx, filing, input);
    if (result.kind === "ok") {
      return reply.redirect(
        `/office/appeals/${encodeURIComponent(result.value.number)}/slip?registered=1`,
        303,
      );
    }
    if (result.kind !== "invalid") throw new HalyqError("FORBIDDEN");
    return show(request, reply, principal, asked, values, result.issues);
  });

  app.get<{ Params: { number: string }; Querystring: { registered?: string } }>(
    "/office/appeals/:number/slip",
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      if (principal.kind !== "staff") throw new HalyqError("NOT_FOUND");
      const found = await loadVisibleAppeal(ctx, principal, request.params.number);
      if (!found) throw new HalyqError("NOT_FOUND");
      if (redirectToCurrentNumber(request, reply, request.params.number, found.row.number))
        return reply;
      found.row = asReadableBy(ctx, principal, found.row, request.t);
      const { row } = found;
      const agency = await findAgency(db, row.agency_id);
      let acceptedBy: { name: string; roles: string[] } | null = null;
      if (row.registered_by_id) {
        const names = await personNames(db, [row.registered_by_id]);
        const grants = await grantsOf(db, row.registered_by_id);
        acceptedBy = {
          name: names.get(row.registered_by_id) ?? row.registered_by_label,
          roles: grants
            .filter(
              (g) =>
                g.agencyId === row.agency_id &&
                (g.role === "registrar" || g.role === "executor" || g.role === "head"),
            )
            .map((g) => g.role),
        };
      }
      return reply.page(
        request.t("appeals.staff.slip.title"),
        <SlipPage
          t={request.t}
          locale={request.locale}
          row={row}
          agencyName={agency ? agency.names[request.locale] : ""}
          timeZone={appealProfile(row.jurisdiction).timeZone}
          acceptedBy={acceptedBy}
          justRegistered={request.query.registered === "1"}
        />,
      );
    },
  );
}
