import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import type { AppContext } from "../../../../kernel/manifest.js";
import type { Principal } from "../../../../kernel/permissions.js";
import { requirePage } from "../../../identity/guards.js";
import { actOnAppeal, loadVisibleAppeal } from "../../commands/appeal-actions.js";
import type { FailedForm } from "./action-forms.js";
import { actionInput, availableActions, isStaffAction, type StaffAction } from "./case-actions.js";
import { loadCase } from "./case-data.js";
import { CasePage } from "./case-page.js";
import type { FormBody } from "./form.js";
import { conflictText } from "./reasons.js";

type NumberParams = { Params: { number: string } };
type ActionParams = { Params: { number: string; action: string }; Body: FormBody };

/** The signed-in staff member, or a 404 for anyone else (the applicant has their own pages). */
function staffOnly(request: FastifyRequest, reply: FastifyReply): Principal | null {
  const principal = requirePage(request, reply);
  if (!principal) return null;
  if (principal.kind !== "staff") throw new HalyqError("NOT_FOUND");
  return principal;
}

/** The case page and the POST target of every step on it. */
export async function caseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    number: string,
    state: {
      failed?: FailedForm;
      conflict?: string;
      done?: { action: StaffAction; created: string | undefined };
      status?: number;
    } = {},
  ) {
    const found = await loadVisibleAppeal(ctx, principal, number);
    if (!found) throw new HalyqError("NOT_FOUND");
    const data = await loadCase(ctx, principal, found.row, request.locale);
    const t = request.t;
    let notice: string | undefined;
    if (state.done) {
      notice = t(`appeals.staff.done.${state.done.action.replace("-", "_")}`);
      // Only a number this appeal really led to is named, so a crafted link shows nothing false.
      const created = data.related.find(
        (r) => r.number === state.done?.created && r.relation === "derived",
      );
      if (created)
        notice = `${notice} ${t("appeals.staff.done.created", { number: created.number })}`;
    }
    const actions = availableActions(ctx, principal, found.row, found.resource, {
      today: data.today,
      hasHigherBody: data.higherBody !== null,
    });
    return reply.page(
      t("appeals.staff.case.title", { number: found.row.number }),
      <CasePage
        t={t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        data={data}
        actions={actions}
        failed={state.failed ?? null}
        conflict={state.conflict ?? null}
        notice={notice}
      />,
      {
        hasErrors: state.failed !== undefined || state.conflict !== undefined,
        ...(state.status ? { status: state.status } : {}),
      },
    );
  }

  app.get<NumberParams & { Querystring: { done?: string; created?: string } }>(
    "/office/appeals/:number",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const { done, created } = request.query;
      return show(
        request,
        reply,
        principal,
        request.params.number,
        typeof done === "string" && isStaffAction(done)
          ? { done: { action: done, created: typeof created === "string" ? created : undefined } }
          : {},
      );
    },
  );

  app.post<ActionParams>("/office/appeals/:number/:action", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const { number, action } = request.params;
    if (!isStaffAction(action)) throw new HalyqError("NOT_FOUND");
    const body = request.body ?? {};
    const result = await actOnAppeal(ctx, principal, number, action, actionInput(action, body));
    switch (result.kind) {
      case "ok": {
        const created = result.value.created
          ? `&created=${encodeURIComponent(result.value.created.number)}`
          : "";
        return reply.redirect(
          `/office/appeals/${encodeURIComponent(number)}?done=${action}${created}`,
          303,
        );
      }
      case "invalid":
        return show(request, reply, principal, number, {
          failed: { action, issues: result.issues, body },
          status: 400,
        });
      case "conflict":
        return show(request, reply, principal, number, {
          conflict: conflictText(request.t, result.params),
          status: 409,
        });
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  });
}
