import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { staffAllowed, staffOnly } from "../../../web/guards.js";
import { agencyNames } from "../../agencies/index.js";
import { type ActInput, actOnPetition, moderateComment } from "../commands.js";
import { todayIn } from "../deadlines.js";
import { PETITION_NUMBER } from "../petition.js";
import { coInitiatorCount, commentsOf, findPetition, officeQueue } from "../petition.repository.js";
import { petitionProfile } from "../profiles.js";
import { signatureCount } from "../signatures/index.js";
import { OfficeCasePage, type OfficeCaseState, OfficeQueuePage } from "./office-views.js";
import { type FormBody, one } from "./public.routes.js";

type NumberParams = { Params: { number: string } };
const DONE = ["admit", "refuse", "draft", "decision", "moderated"] as const;

/** The body's queue and each petition's case: admissibility, draft decision, decision, comments. */
export async function officePetitionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get("/office/petitions", async (request, reply) => {
    // Staff whom no body of theirs allows to work on petitions get the 403 page, not an empty queue.
    const scope = staffAllowed(request, reply, ctx.policy, "petition.case");
    if (!scope) return reply;
    const rows = await officeQueue(db, scope.agencyIds);
    const pending =
      rows.length === 0
        ? []
        : await db
            .selectFrom("petition_comments")
            .select(["petition_id", (eb) => eb.fn.countAll<number | string>().as("n")])
            .where(
              "petition_id",
              "in",
              rows.map((r) => r.id),
            )
            .where("status", "=", "pending")
            .groupBy("petition_id")
            .execute();
    return reply.page(
      request.t("petitions.office.title"),
      <OfficeQueuePage
        t={request.t}
        locale={request.locale}
        rows={rows}
        agencies={
          await agencyNames(
            db,
            rows.map((r) => r.agency_id),
          )
        }
        today={todayIn(ctx.calendars.forJurisdiction(), ctx.clock.now())}
        pendingComments={new Map(pending.map((c) => [c.petition_id, Number(c.n)]))}
      />,
    );
  });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    number: string,
    state: OfficeCaseState,
    status?: number,
  ) => {
    const p = PETITION_NUMBER.test(number) ? await findPetition(db, number) : undefined;
    const resource = p ? { agencyId: p.agency_id } : null;
    if (!p?.submitted_at || !ctx.policy.can(principal, "petition.case", resource))
      throw new HalyqError("NOT_FOUND");
    const [names, co, count, comments, profile] = await Promise.all([
      agencyNames(db, [p.agency_id]),
      coInitiatorCount(db, p.id),
      signatureCount(db, p.id),
      commentsOf(db, p.id, true),
      petitionProfile(db),
    ]);
    const failed = (state.issues?.length ?? 0) > 0 || state.conflict !== undefined;
    return reply.page(
      p.title,
      <OfficeCasePage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        petition={p}
        agency={names.get(p.agency_id)}
        coInitiators={co}
        signatures={count}
        comments={comments}
        topics={profile.excludedTopics}
        can={{
          review: ctx.policy.can(principal, "petition.review", resource),
          decide: ctx.policy.can(principal, "petition.decide", resource),
          moderate: ctx.policy.can(principal, "petition.moderate", resource),
        }}
        state={state}
      />,
      { hasErrors: failed, ...(status ? { status } : {}) },
    );
  };

  app.get<NumberParams & { Querystring: { done?: string } }>(
    "/office/petitions/:number",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const done = DONE.find((d) => d === request.query.done);
      return show(request, reply, principal, request.params.number, done ? { done } : {});
    },
  );

  const outcome = async <T,>(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    number: string,
    result: Result<T>,
    done: string,
    values: Record<string, string>,
  ) => {
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/office/petitions/${number}?done=${done}`, 303);
      case "invalid": {
        // The command names the field `text`; the page has one text area per form.
        const field = done === "draft" ? "draftText" : done === "decision" ? "decisionText" : null;
        const issues = result.issues.map((i) =>
          field && i.field === "text" ? { ...i, field } : i,
        );
        return show(request, reply, principal, number, { issues, values }, 400);
      }
      case "conflict":
        return show(
          request,
          reply,
          principal,
          number,
          {
            conflict: request.t(`petitions.conflict.${String(result.params?.reason ?? "state")}`, {
              needed: result.params?.needed ?? 0,
            }),
          },
          409,
        );
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  };

  const action = (
    path: string,
    act: "admit" | "refuse" | "publish_draft_decision" | "decide",
    done: string,
    input: (body: FormBody | undefined) => { input: ActInput; values: Record<string, string> },
  ) =>
    app.post<NumberParams & { Body: FormBody }>(
      `/office/petitions/:number/${path}`,
      async (request, reply) => {
        const principal = staffOnly(request, reply);
        if (!principal) return reply;
        const number = request.params.number;
        if (!PETITION_NUMBER.test(number)) throw new HalyqError("NOT_FOUND");
        const { input: given, values } = input(request.body);
        const result = await actOnPetition(ctx, principal, number, act, given);
        return outcome(request, reply, principal, number, result, done, values);
      },
    );
  action("admit", "admit", "admit", () => ({ input: {}, values: {} }));
  action("refuse", "refuse", "refuse", (b) => {
    const values = { reason: one(b, "reason"), reasonText: one(b, "reasonText") };
    return { input: { reason: values.reason, text: values.reasonText }, values };
  });
  action("draft-decision", "publish_draft_decision", "draft", (b) => {
    const values = { draftText: one(b, "draftText") };
    return { input: { text: values.draftText }, values };
  });
  action("decision", "decide", "decision", (b) => {
    const values = { decisionText: one(b, "decisionText") };
    return { input: { text: values.decisionText }, values };
  });

  app.post<{ Params: { number: string; cid: string }; Body: FormBody }>(
    "/office/petitions/:number/comments/:cid",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const { number, cid } = request.params;
      if (!PETITION_NUMBER.test(number)) throw new HalyqError("NOT_FOUND");
      const result = await moderateComment(
        ctx,
        principal,
        number,
        cid,
        one(request.body, "decision"),
      );
      return outcome(request, reply, principal, number, result, "moderated", {});
    },
  );
}
