import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import {
  issueSeal,
  receiptCodeOf,
  sealHolds,
  signedMoment,
} from "../../../platform/ballots/index.js";
import type { AppContext } from "../../../platform/manifest.js";
import { formatDateTime } from "../../../web/format.js";
import { requirePage } from "../../../web/guards.js";
import { ballotRefusalOf } from "../api/ballots.routes.js";
import { type CycleRow, phaseAt, residentRefusalKey } from "../budget.js";
import {
  type BallotCandidate,
  budgetVoterKey,
  budgetVoterOf,
  candidatesOf,
  castBudgetBallot,
  checkBudgetBallot,
  findOpenCycle,
  hasVotedIn,
  ownTerritory,
  territoriesOf,
  voteRefusal,
} from "../commands/ballot.js";
import { fileHref, filesOf } from "../files.js";
import {
  BallotPage,
  ConfirmPage,
  money,
  ReceiptPage,
  type Standing,
  VoteStartPage,
  ZONE,
} from "./ballot-view.js";
import { ResultsPage, type TerritoryView } from "./results-view.js";

type Params = { Params: { id: string; territory?: string } };
type FormBody = Record<string, string | string[] | undefined>;

const SEAL = "budget-confirm";
const MOMENT = "budget-cast-at";
const RECEIPT = "budget-receipt";

const idsOf = (body: FormBody | undefined): string[] => {
  const v = body?.["projectIds[]"] ?? body?.projectIds;
  const list = Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  return [...new Set(list.filter((x) => typeof x === "string" && x.length <= 40))].slice(0, 200);
};
const field = (body: FormBody | undefined, name: string) => {
  const v = body?.[name];
  return typeof v === "string" ? v : undefined;
};

/** The vote: the ballot of a territory, its confirmation and receipt, and the published results. */
export async function ballotRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  const cycleOr404 = async (id: string): Promise<CycleRow> => {
    const c = await findOpenCycle(db, id, ctx.clock.now());
    if (!c) throw new HalyqError("NOT_FOUND");
    return c;
  };

  // The start page: where this person votes, or why they cannot.
  app.get<Params>("/budgets/:id/vote", async (request, reply) => {
    const cycle = await cycleOr404(request.params.id);
    const territories = await territoriesOf(db, cycle.id);
    const principal = request.principal;
    let standing: Standing = { kind: "anonymous" };
    if (phaseAt(cycle, ctx.clock.now()) !== "voting" || cycle.results_published_at)
      standing = { kind: "closed" };
    else if (principal) {
      const voter = await budgetVoterOf(ctx, principal);
      const own = ownTerritory(territories, voter.residence);
      const why = await voteRefusal(ctx, principal, voter, own?.code ?? territories[0]?.code ?? "");
      const day = why ? null : await hasVotedIn(ctx, cycle.id, voter.iin);
      if (why) standing = { kind: "refused", message: request.t(residentRefusalKey(why)) };
      else if (day) standing = { kind: "voted", day };
      else if (own) standing = { kind: "may_vote", territory: own };
    }
    return reply.page(
      request.t("budgets.ballot.start.title"),
      <VoteStartPage
        t={request.t}
        locale={request.locale}
        cycle={cycle}
        territories={territories}
        standing={standing}
      />,
    );
  });

  /** The ballot of a territory with the choices kept and any problem next to them. */
  const ballot = async (
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleRow,
    code: string,
    chosen: string[],
    issues: FieldIssue[],
    status = 200,
  ) => {
    const territories = await territoriesOf(db, cycle.id);
    const territory = territories.find((t) => t.code === code);
    if (!territory) throw new HalyqError("NOT_FOUND");
    const candidates = await candidatesOf(db, cycle.id, territory.code);
    const files = await filesOf(
      db,
      "proposal",
      candidates.map((c) => c.id),
    );
    const photos = new Map<string, string>();
    for (const f of files)
      if (f.kind === "photo" && !photos.has(f.owner_id)) photos.set(f.owner_id, fileHref(f));
    return reply.page(
      request.t("budgets.ballot.form.title", {
        territory:
          territory[
            request.locale === "kk" ? "name_kk" : request.locale === "en" ? "name_en" : "name_ru"
          ],
      }),
      <BallotPage
        t={request.t}
        locale={request.locale}
        cycle={cycle}
        territory={territory}
        candidates={candidates}
        photos={photos}
        chosen={chosen}
        issues={issues}
        csrf={reply.csrfToken()}
      />,
      { hasErrors: issues.length > 0, status },
    );
  };

  /** A ballot that cannot go on: the start page's reason, or the ballot with the problem. */
  const refusedOrInvalid = async (
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleRow,
    code: string,
    chosen: string[],
    r: Exclude<Awaited<ReturnType<typeof castBudgetBallot>>, { kind: "cast" }>,
  ) => {
    if (r.kind === "invalid") return ballot(request, reply, cycle, code, chosen, r.issues, 400);
    const f = ballotRefusalOf(r);
    if (f.status === 404) throw new HalyqError("NOT_FOUND");
    if (r.kind === "over_budget") {
      const params = {
        total: money(request.t, r.total, request.locale),
        amount: money(request.t, r.amount, request.locale),
        excess: money(request.t, r.total - r.amount, request.locale),
      };
      return ballot(
        request,
        reply,
        cycle,
        code,
        chosen,
        [{ field: "projectIds", key: "budgets.ballot.refusal.over_budget", params }],
        400,
      );
    }
    return reply.redirect(`/budgets/${cycle.id}/vote`, 303);
  };

  app.get<Params>("/budgets/:id/vote/:territory", async (request, reply) => {
    const cycle = await cycleOr404(request.params.id);
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const code = request.params.territory ?? "";
    if (!/^\d{9}$/.test(code)) throw new HalyqError("NOT_FOUND");
    if (phaseAt(cycle, ctx.clock.now()) !== "voting" || cycle.results_published_at)
      return reply.redirect(`/budgets/${cycle.id}/vote`, 303);
    const voter = await budgetVoterOf(ctx, principal);
    const why = await voteRefusal(ctx, principal, voter, code);
    if (why) {
      // The reason, on the page of the ballot the person tried to open.
      const territories = await territoriesOf(db, cycle.id);
      return reply.page(
        request.t("budgets.ballot.start.title"),
        <VoteStartPage
          t={request.t}
          locale={request.locale}
          cycle={cycle}
          territories={territories}
          standing={{ kind: "refused", message: request.t(residentRefusalKey(why)) }}
        />,
        { status: 403 },
      );
    }
    if (await hasVotedIn(ctx, cycle.id, voter.iin))
      return reply.redirect(`/budgets/${cycle.id}/vote`, 303);
    return ballot(request, reply, cycle, code, [], []);
  });

  const limit = {
    rateLimit: {
      max: 30,
      timeWindow: "1 minute",
      keyGenerator: (request: FastifyRequest) => request.principal?.accountId ?? request.ip,
    },
  };

  /** The confirmation step: the checked choice with a fresh seal, nothing recorded yet. */
  const confirm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    cycle: CycleRow,
    code: string,
    chosen: string[],
    again: boolean,
  ) => {
    const c = await checkBudgetBallot(ctx, principal, cycle.id, code, chosen);
    if ("kind" in c) return refusedOrInvalid(request, reply, cycle, code, chosen, c);
    const { issued, seal } = issueSeal(
      ctx,
      SEAL,
      cycle.id,
      principal.accountId,
      `${code}|${c.ids.join(",")}`,
    );
    return reply.page(
      request.t("budgets.ballot.confirm.title"),
      <ConfirmPage
        t={request.t}
        locale={request.locale}
        cycle={cycle}
        territory={c.territory}
        chosen={c.candidates.filter((x) => c.ids.includes(x.id))}
        total={c.total}
        csrf={reply.csrfToken()}
        issued={issued}
        seal={seal}
        again={again}
      />,
    );
  };

  // "Check my choice": the knapsack and the rule are checked, then the confirmation step.
  app.post<Params & { Body: FormBody }>(
    "/budgets/:id/vote/:territory",
    { config: limit },
    async (request, reply) => {
      const cycle = await cycleOr404(request.params.id);
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      return confirm(
        request,
        reply,
        principal,
        cycle,
        request.params.territory ?? "",
        idsOf(request.body),
        false,
      );
    },
  );

  // "Cast my vote" (with the seal of exactly this choice) or "Change my choice".
  app.post<Params & { Body: FormBody }>(
    "/budgets/:id/vote/:territory/cast",
    { config: limit },
    async (request, reply) => {
      const cycle = await cycleOr404(request.params.id);
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const code = request.params.territory ?? "";
      const chosen = idsOf(request.body);
      const decision = field(request.body, "decision");
      if (decision === "change") return ballot(request, reply, cycle, code, chosen, []);
      const ok =
        decision === "cast" &&
        sealHolds(
          ctx,
          SEAL,
          cycle.id,
          principal.accountId,
          `${code}|${[...chosen].sort().join(",")}`,
          field(request.body, "issued"),
          field(request.body, "seal"),
        );
      if (!ok) return confirm(request, reply, principal, cycle, code, chosen, true);
      const r = await castBudgetBallot(ctx, principal, cycle.id, code, chosen);
      if (r.kind !== "cast") return refusedOrInvalid(request, reply, cycle, code, chosen, r);
      const at = ctx.clock.now().toISOString();
      const ids = [...chosen].sort().join(",");
      const s = signedMoment(ctx.secret, MOMENT, cycle.id, principal.accountId, `${at}|${ids}`);
      return reply.redirect(
        `/budgets/${cycle.id}/receipt?at=${encodeURIComponent(at)}&ids=${encodeURIComponent(ids)}&s=${encodeURIComponent(s)}`,
        303,
      );
    },
  );

  // The receipt: the signed-in person's ballot is recorded, when, with a code.
  app.get<Params & { Querystring: { at?: string; ids?: string; s?: string } }>(
    "/budgets/:id/receipt",
    async (request, reply) => {
      const cycle = await cycleOr404(request.params.id);
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const voter = await budgetVoterOf(ctx, principal);
      const day = await hasVotedIn(ctx, cycle.id, voter.iin);
      if (!day || !voter.iin) return reply.redirect(`/budgets/${cycle.id}/vote`, 303);
      const { at, ids, s } = request.query;
      const fresh =
        typeof at === "string" &&
        typeof ids === "string" &&
        typeof s === "string" &&
        at.length < 40 &&
        ids.length < 8000 &&
        at.slice(0, 10) === day &&
        signedMoment(ctx.secret, MOMENT, cycle.id, principal.accountId, `${at}|${ids}`) === s;
      let chosen: BallotCandidate[] | null = null;
      if (fresh) {
        const list = (ids as string).split(",");
        chosen = (await candidatesOf(db, cycle.id)).filter((c) => list.includes(c.id));
      }
      const when = fresh
        ? formatDateTime(at as string, request.locale, ZONE)
        : new Intl.DateTimeFormat(request.locale === "kk" ? "kk-KZ" : request.locale, {
            dateStyle: "long",
            timeZone: "UTC",
          }).format(new Date(`${day}T00:00:00Z`));
      return reply.page(
        request.t("budgets.ballot.receipt.title"),
        <ReceiptPage
          t={request.t}
          locale={request.locale}
          cycle={cycle}
          when={when}
          code={receiptCodeOf(
            ctx.secret,
            RECEIPT,
            cycle.id,
            budgetVoterKey(ctx, cycle.id, voter.iin),
          )}
          chosen={chosen}
        />,
      );
    },
  );

  // The results: when they will be published, then the count per territory.
  app.get<Params>(
    "/budgets/:id/results",
    { config: { pageCache: true } },
    async (request, reply) => {
      const cycle = await cycleOr404(request.params.id);
      let views: TerritoryView[] | null = null;
      if (cycle.results_published_at) {
        const [territories, candidates, counted] = await Promise.all([
          territoriesOf(db, cycle.id),
          candidatesOf(db, cycle.id),
          db
            .selectFrom("budget_proposals")
            .select(["id", "votes", "rank", "winner"])
            .where("cycle_id", "=", cycle.id)
            .where("status", "=", "admitted")
            .execute(),
        ]);
        const byId = new Map(counted.map((p) => [p.id, p]));
        views = territories.map((territory) => {
          const projects = candidates
            .filter((c) => c.territory === territory.code)
            .map((c) => {
              const p = byId.get(c.id);
              return {
                ...c,
                votes: Number(p?.votes ?? 0),
                rank: Number(p?.rank ?? 0),
                winner: Number(p?.winner) === 1,
              };
            })
            .sort((a, b) => a.rank - b.rank);
          return {
            territory,
            allocated: projects.filter((p) => p.winner).reduce((s, p) => s + p.cost, 0),
            projects,
          };
        });
      }
      return reply.page(
        request.t("budgets.results.title"),
        <ResultsPage t={request.t} locale={request.locale} cycle={cycle} territories={views} />,
      );
    },
  );
}
