import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue, Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, one } from "../../../web/forms.js";
import { staffWithRole } from "../../../web/guards.js";
import { agencyNames, akimatTerritories } from "../../agencies/index.js";
import {
  actOnPoll,
  type DraftInput,
  draftInputOf,
  MAX_QUESTIONS,
  moderateText,
  saveDraft,
} from "../commands/manage-poll.js";
import { loadResults } from "../load-results.js";
import { POLL_ID, phaseOf, questionsOf } from "../poll.js";
import { findPoll, textsOf } from "../poll.repository.js";
import { NewPollPage, OfficeListPage, OfficePollPage } from "./office-view.js";

type IdParams = { Params: { id: string } };
const DONE = ["created", "saved", "scheduled", "closed", "moderated"] as const;

function bodiesWith(principal: Principal, roles: string[]): string[] {
  return [
    ...new Set(
      principal.grants
        .filter((g) => g.agencyId !== null && roles.includes(g.role))
        .map((g) => g.agencyId as string),
    ),
  ];
}

/** The roles that open the body's poll pages (as the navigation link names them). */
const OFFICE_ROLES = ["head", "executor", "moderator"] as const;

/**
 * The member of staff for a poll office page: with a role that opens these pages at some body.
 * Staff without one get the 403 page that says who may use it (the kit's guard).
 */
function pollStaff(request: FastifyRequest, reply: FastifyReply): Principal | null {
  return staffWithRole(request, reply, OFFICE_ROLES)?.principal ?? null;
}

/** The draft form's fields as a draft. */
export function draftFromForm(body: FormBody | undefined): DraftInput {
  const texts = (prefix: string) => ({
    kk: one(body, `${prefix}-kk`),
    ru: one(body, `${prefix}-ru`),
    en: one(body, `${prefix}-en`),
  });
  return {
    agencyId: one(body, "agencyId"),
    kind: one(body, "kind"),
    title: texts("title"),
    description: texts("description"),
    eligibility: one(body, "eligibility"),
    territoryCode: one(body, "territoryCode"),
    eligibleCount: one(body, "eligibleCount"),
    opensAt: one(body, "opensAt"),
    closesAt: one(body, "closesAt"),
    liveResults: one(body, "liveResults") === "1",
    questions: Array.from({ length: MAX_QUESTIONS }, (_, i) => ({
      kind: one(body, `q${i + 1}-kind`),
      text: texts(`q${i + 1}-text`),
      options: texts(`q${i + 1}-options`),
      scaleMax: one(body, `q${i + 1}-scale`) || "5",
    })),
  };
}

const emptyDraft = (agencyId: string): DraftInput => ({
  agencyId,
  kind: "survey",
  title: { kk: "", ru: "", en: "" },
  description: { kk: "", ru: "", en: "" },
  eligibility: "everyone",
  territoryCode: "",
  eligibleCount: "",
  opensAt: "",
  closesAt: "",
  liveResults: false,
  questions: Array.from({ length: MAX_QUESTIONS }, () => ({
    kind: "single",
    text: { kk: "", ru: "", en: "" },
    options: { kk: "", ru: "", en: "" },
    scaleMax: "5",
  })),
});

/** The body's pages: its polls, a new draft, and each poll's life cycle and moderation. */
export async function officePollRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get("/office/polls", async (request, reply) => {
    const principal = pollStaff(request, reply);
    if (!principal) return reply;
    const ids = bodiesWith(principal, [...OFFICE_ROLES]);
    const rows =
      ids.length === 0
        ? []
        : await db
            .selectFrom("polls")
            .selectAll()
            .where("agency_id", "in", ids)
            .orderBy("created_at", "desc")
            .orderBy("id")
            .limit(200)
            .execute();
    const now = ctx.clock.now();
    return reply.page(
      request.t("polls.office.title"),
      <OfficeListPage
        t={request.t}
        locale={request.locale}
        rows={rows}
        agencies={
          await agencyNames(
            db,
            rows.map((r) => r.agency_id),
          )
        }
        phases={new Map(rows.map((r) => [r.id, phaseOf(r, now)]))}
        canCreate={bodiesWith(principal, ["head", "executor"]).length > 0}
      />,
    );
  });

  const showNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    values: DraftInput | null,
    issues: FieldIssue[],
  ) => {
    const ids = bodiesWith(principal, ["head", "executor"]);
    if (ids.length === 0) throw new HalyqError("FORBIDDEN");
    const names = await agencyNames(db, ids);
    return reply.page(
      request.t("polls.office.new_title"),
      <NewPollPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        action="/office/polls"
        values={values ?? emptyDraft(ids[0] as string)}
        issues={issues}
        bodies={ids.map((id) => ({ id, names: names.get(id) ?? { kk: id, ru: id, en: id } }))}
        territories={await akimatTerritories(ctx.db.kysely)}
      />,
      { hasErrors: issues.length > 0, ...(issues.length > 0 ? { status: 400 } : {}) },
    );
  };

  app.get("/office/polls/new", async (request, reply) => {
    const principal = pollStaff(request, reply);
    if (!principal) return reply;
    return showNew(request, reply, principal, null, []);
  });

  app.post<{ Body: FormBody }>("/office/polls", async (request, reply) => {
    const principal = pollStaff(request, reply);
    if (!principal) return reply;
    const values = draftFromForm(request.body);
    const r = await saveDraft(ctx, principal, null, values);
    if (r.kind === "ok") return reply.redirect(`/office/polls/${r.value.id}?done=created`, 303);
    if (r.kind === "invalid") return showNew(request, reply, principal, values, r.issues);
    throw new HalyqError(r.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
  });

  const showPoll = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    extra: {
      values?: DraftInput;
      issues?: FieldIssue[];
      done?: string;
      problem?: string;
      status?: number;
    },
  ) => {
    const poll = POLL_ID.test(id) ? await findPoll(db, id) : undefined;
    const resource = poll ? { agencyId: poll.agency_id } : null;
    const canManage = !!resource && ctx.policy.can(principal, "poll.manage", resource);
    const canModerate = !!resource && ctx.policy.can(principal, "poll.moderate", resource);
    if (!poll || (!canManage && !canModerate)) throw new HalyqError("NOT_FOUND");
    const phase = phaseOf(poll, ctx.clock.now());
    const issues = extra.issues ?? [];
    return reply.page(
      request.t("polls.office.poll_title"),
      <OfficePollPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        poll={poll}
        phase={phase}
        draft={
          phase === "draft"
            ? { values: extra.values ?? draftInputOf(poll, questionsOf(poll)), issues }
            : null
        }
        territories={await akimatTerritories(ctx.db.kysely)}
        pending={canModerate ? await textsOf(db, poll.id, "pending") : []}
        results={await loadResults(ctx, poll)}
        canManage={canManage}
        canModerate={canModerate}
        done={extra.done}
        problem={extra.problem}
      />,
      {
        hasErrors: issues.length > 0 || !!extra.problem,
        ...(extra.status ? { status: extra.status } : {}),
      },
    );
  };

  app.get<IdParams & { Querystring: { done?: string } }>(
    "/office/polls/:id",
    async (request, reply) => {
      const principal = pollStaff(request, reply);
      if (!principal) return reply;
      const done = DONE.find((d) => d === request.query.done);
      return showPoll(request, reply, principal, request.params.id, done ? { done } : {});
    },
  );

  const answer = async <T,>(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    r: Result<T>,
    done: string,
    values?: DraftInput,
  ) => {
    if (r.kind === "ok") return reply.redirect(`/office/polls/${id}?done=${done}`, 303);
    if (r.kind === "invalid")
      return showPoll(request, reply, principal, id, {
        issues: r.issues,
        ...(values ? { values } : {}),
        status: 400,
      });
    if (r.kind === "conflict")
      return showPoll(request, reply, principal, id, {
        problem: request.t(`polls.conflict.${String(r.params?.reason ?? "state")}`),
        status: 409,
      });
    throw new HalyqError("NOT_FOUND");
  };

  app.post<IdParams & { Body: FormBody }>("/office/polls/:id", async (request, reply) => {
    const principal = pollStaff(request, reply);
    if (!principal) return reply;
    const id = request.params.id;
    if (!POLL_ID.test(id)) throw new HalyqError("NOT_FOUND");
    const values = draftFromForm(request.body);
    const r = await saveDraft(ctx, principal, id, values);
    return answer(request, reply, principal, id, r, "saved", values);
  });

  for (const action of ["schedule", "close"] as const) {
    app.post<IdParams>(`/office/polls/:id/${action}`, async (request, reply) => {
      const principal = pollStaff(request, reply);
      if (!principal) return reply;
      const id = request.params.id;
      if (!POLL_ID.test(id)) throw new HalyqError("NOT_FOUND");
      const r = await actOnPoll(ctx, principal, id, action);
      return answer(
        request,
        reply,
        principal,
        id,
        r,
        action === "schedule" ? "scheduled" : "closed",
      );
    });
  }

  app.post<{ Params: { id: string; tid: string }; Body: FormBody }>(
    "/office/polls/:id/texts/:tid",
    async (request, reply) => {
      const principal = pollStaff(request, reply);
      if (!principal) return reply;
      const { id, tid } = request.params;
      if (!POLL_ID.test(id) || !/^[A-Za-z0-9_-]{10,40}$/.test(tid))
        throw new HalyqError("NOT_FOUND");
      const decision = one(request.body, "decision");
      if (decision !== "approved" && decision !== "rejected") throw new HalyqError("BAD_REQUEST");
      const r = await moderateText(ctx, principal, id, tid, decision);
      return answer(request, reply, principal, id, r, "moderated");
    },
  );
}

export { type FormBody, one };
