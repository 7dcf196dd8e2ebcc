import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue, Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, FormBodySchema, one } from "../../../web/forms.js";
import { requirePage } from "../../../web/guards.js";
import { accountNames, staffWithRole } from "../../identity/index.js";
import { type CycleRow, phaseAt } from "../budget.js";
import {
  COUNCIL_ROLES,
  councilClosed,
  type DecisionInput,
  decideProposal,
  decisionResource,
  declareConflict,
  nameCouncilMember,
  removeCouncilMember,
} from "../commands/council.js";
import {
  conflictedIn,
  conflictsOf,
  councilProposal,
  councilQueue,
  cycleById,
  expertsOf,
  territoriesOf,
} from "../council.repository.js";
import { filesOf } from "../files.js";
import { councilPath, MembersPage, nameOf, ProposalPage, QueuePage } from "./council-views.js";

type CycleParams = { Params: { id: string } };
type ProposalParams = { Params: { id: string; pid: string } };
type DoneQuery = { Querystring: { done?: string } };

const MEMBER_DONE = ["named", "removed"] as const;
const PROPOSAL_DONE = ["decided", "conflict"] as const;
const STATUSES = ["submitted", "admitted", "rejected", "merged"] as const;

const doneQuery = {
  type: "object",
  properties: { done: { type: "string", maxLength: 20 } },
  additionalProperties: false,
} as const;

const queueQuery = {
  type: "object",
  properties: {
    territory: { type: "string", maxLength: 12 },
    status: { type: "string", maxLength: 20 },
  },
  additionalProperties: false,
} as const;

const emptyDecision: DecisionInput = {
  decision: "",
  cost: "",
  reason: "",
  text: "",
  mergedInto: "",
};

/**
 * The expert council's office pages: the body's head names its members, a member sees the
 * cycle's proposals, declares a conflict of interest on one and decides on the others with
 * reasons. Every page reads the person's membership and conflicts fresh from the tables.
 */
export async function councilRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  /** The cycle, or a 404; the 403 page unless the policy allows the action there. */
  async function cycleFor(
    principal: Principal,
    id: string,
    action: "budget.manage" | "budget.review",
  ): Promise<CycleRow> {
    const cycle = await cycleById(db, id);
    if (!cycle) throw new HalyqError("NOT_FOUND");
    const resource =
      action === "budget.manage"
        ? { agencyId: cycle.agency_id }
        : await decisionResource(ctx, cycle, null, principal.accountId);
    if (!ctx.policy.can(principal, action, resource)) throw new HalyqError("FORBIDDEN");
    return cycle;
  }

  // Naming the council.
  const showMembers = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    state: { issues?: FieldIssue[]; chosen?: string; done?: string; status?: number } = {},
  ) => {
    const cycle = await cycleFor(principal, id, "budget.manage");
    const members = await expertsOf(db, cycle.id);
    const names = await accountNames(
      db,
      members.map((m) => m.account_id),
    );
    const staff = await staffWithRole(db, cycle.agency_id, COUNCIL_ROLES);
    const named = new Set(members.map((m) => m.account_id));
    const issues = state.issues ?? [];
    reply.header("cache-control", "no-store");
    return reply.page(
      request.t("budgets.council.members.title"),
      <MembersPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        cycle={cycle}
        members={members.map((m) => ({ ...m, name: nameOf(names.get(m.account_id)) }))}
        candidates={staff.filter((s) => !named.has(s.id))}
        closed={councilClosed(cycle, ctx.clock.now())}
        done={state.done}
        issues={issues}
        chosen={state.chosen ?? ""}
      />,
      {
        hasErrors: issues.length > 0,
        ...(state.status ? { status: state.status } : {}),
      },
    );
  };

  app.get<CycleParams & DoneQuery>(
    "/office/budgets/:id/council/members",
    { schema: { querystring: doneQuery } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const done = MEMBER_DONE.find((d) => d === request.query.done);
      return showMembers(request, reply, principal, request.params.id, done ? { done } : {});
    },
  );

  const afterMembers = (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    r: Result<unknown>,
    done: string,
    chosen: string,
  ) => {
    if (r.kind === "ok") return reply.redirect(`${councilPath(id)}/members?done=${done}`, 303);
    if (r.kind === "invalid")
      return showMembers(request, reply, principal, id, { issues: r.issues, chosen, status: 400 });
    if (r.kind === "conflict")
      return showMembers(request, reply, principal, id, {
        issues: [{ field: "accountId", key: "budgets.council.members.closed" }],
        status: 409,
      });
    throw new HalyqError(r.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
  };

  app.post<CycleParams & { Body: FormBody }>(
    "/office/budgets/:id/council/members",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const accountId = one(request.body, "accountId");
      const r = await nameCouncilMember(ctx, principal, request.params.id, accountId);
      return afterMembers(request, reply, principal, request.params.id, r, "named", accountId);
    },
  );

  app.post<CycleParams & { Body: FormBody }>(
    "/office/budgets/:id/council/members/remove",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const accountId = one(request.body, "accountId");
      const r = await removeCouncilMember(ctx, principal, request.params.id, accountId);
      return afterMembers(request, reply, principal, request.params.id, r, "removed", "");
    },
  );

  // The council's queue.
  app.get<CycleParams & { Querystring: { territory?: string; status?: string } }>(
    "/office/budgets/:id/council",
    { schema: { querystring: queueQuery } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const cycle = await cycleFor(principal, request.params.id, "budget.review");
      const territories = await territoriesOf(db, cycle.id);
      const territory = territories.some((tr) => tr.code === request.query.territory)
        ? (request.query.territory as string)
        : "";
      const status = STATUSES.find((s) => s === request.query.status) ?? "";
      const all = await councilQueue(db, cycle.id);
      const rows = all.filter(
        (r) => (!territory || r.territory_code === territory) && (!status || r.status === status),
      );
      reply.header("cache-control", "no-store");
      return reply.page(
        request.t("budgets.council.queue.title"),
        <QueuePage
          t={request.t}
          locale={request.locale}
          cycle={cycle}
          phase={phaseAt(cycle, ctx.clock.now())}
          territories={territories}
          rows={rows}
          undecided={all.filter((r) => r.status === "submitted").length}
          conflicted={await conflictedIn(db, cycle.id, principal.accountId)}
          filter={{ territory, status }}
          canManage={ctx.policy.can(principal, "budget.manage", { agencyId: cycle.agency_id })}
        />,
      );
    },
  );

  // A proposal before the council.
  const showProposal = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    pid: string,
    state: {
      values?: DecisionInput;
      issues?: FieldIssue[];
      note?: string;
      done?: string;
      problem?: string;
      status?: number;
    } = {},
  ) => {
    const cycle = await cycleFor(principal, id, "budget.review");
    const proposal = await councilProposal(db, cycle.id, pid);
    if (!proposal) throw new HalyqError("NOT_FOUND");
    const resource = await decisionResource(ctx, cycle, proposal.id, principal.accountId);
    const sameCycle = await councilQueue(db, cycle.id, { territory: proposal.territory_code });
    const others = sameCycle.filter((p) => p.id !== proposal.id);
    const conflicts = await conflictsOf(db, proposal.id);
    const names = await accountNames(db, [
      ...conflicts.map((c) => c.account_id),
      ...(proposal.decided_by_id ? [proposal.decided_by_id] : []),
    ]);
    const territory = (await territoriesOf(db, cycle.id)).find(
      (tr) => tr.code === proposal.territory_code,
    );
    const issues = state.issues ?? [];
    reply.header("cache-control", "no-store");
    return reply.page(
      proposal.title,
      <ProposalPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        cycle={cycle}
        phase={phaseAt(cycle, ctx.clock.now())}
        proposal={proposal}
        territory={territory}
        files={await filesOf(db, "proposal", [proposal.id])}
        conflicts={conflicts.map((c) => ({ ...c, name: nameOf(names.get(c.account_id)) }))}
        conflicted={resource.conflicted}
        canDecide={ctx.policy.can(principal, "budget.decide", resource)}
        decidedBy={proposal.decided_by_id ? nameOf(names.get(proposal.decided_by_id)) : null}
        mergedInto={
          proposal.merged_into_id
            ? sameCycle.find((p) => p.id === proposal.merged_into_id)
            : undefined
        }
        neighbours={others}
        mergeTargets={others.filter((p) => p.status === "submitted" || p.status === "admitted")}
        values={
          state.values ?? {
            ...emptyDecision,
            decision:
              proposal.decision === "admitted" ? "admitted" : proposal.decision ? "rejected" : "",
            cost: proposal.council_cost !== null ? String(proposal.council_cost) : "",
            reason: proposal.decision_reason ?? "",
            text: proposal.decision_text ?? "",
            mergedInto: proposal.merged_into_id ?? "",
          }
        }
        issues={issues}
        note={state.note ?? ""}
        done={state.done}
        problem={state.problem}
      />,
      {
        hasErrors: issues.length > 0 || !!state.problem,
        ...(state.status ? { status: state.status } : {}),
      },
    );
  };

  app.get<ProposalParams & DoneQuery>(
    "/office/budgets/:id/council/:pid",
    { schema: { querystring: doneQuery } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const done = PROPOSAL_DONE.find((d) => d === request.query.done);
      const { id, pid } = request.params;
      return showProposal(request, reply, principal, id, pid, done ? { done } : {});
    },
  );

  app.post<ProposalParams & { Body: FormBody }>(
    "/office/budgets/:id/council/:pid/decision",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const { id, pid } = request.params;
      const body = request.body;
      const values: DecisionInput = {
        decision: one(body, "decision"),
        cost: one(body, "cost"),
        reason: one(body, "reason"),
        text: one(body, "text"),
        mergedInto: one(body, "mergedInto"),
      };
      const r = await decideProposal(ctx, principal, id, pid, values);
      if (r.kind === "ok") return reply.redirect(`${councilPath(id)}/${pid}?done=decided`, 303);
      if (r.kind === "invalid")
        return showProposal(request, reply, principal, id, pid, {
          values,
          issues: r.issues,
          status: 400,
        });
      if (r.kind === "conflict")
        return showProposal(request, reply, principal, id, pid, {
          values,
          problem: request.t(
            `budgets.council.conflict_reason.${String(r.params?.reason ?? "state")}`,
          ),
          status: 409,
        });
      throw new HalyqError(r.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
    },
  );

  app.post<ProposalParams & { Body: FormBody }>(
    "/office/budgets/:id/council/:pid/conflict",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const { id, pid } = request.params;
      const note = one(request.body, "note");
      const r = await declareConflict(ctx, principal, id, pid, note);
      if (r.kind === "ok") return reply.redirect(`${councilPath(id)}/${pid}?done=conflict`, 303);
      if (r.kind === "invalid")
        return showProposal(request, reply, principal, id, pid, {
          note,
          issues: r.issues,
          status: 400,
        });
      throw new HalyqError(r.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
    },
  );
}
