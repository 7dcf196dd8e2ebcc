import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext } from "../../../platform/manifest.js";
import { requirePage } from "../../../web/guards.js";
import { describeFiles, fileOperation } from "../../../web/openapi.js";
import { agencyNames, akimatTerritories } from "../../agencies/index.js";
import { refusalOf } from "../api.routes.js";
import { ballotRefusal, castBallot, voterKey, voterOf } from "../commands/cast-ballot.js";
import {
  castMoment,
  checkBeforeCasting,
  confirmationOf,
  confirmed,
  needsConfirmation,
  receiptCode,
} from "../commands/confirm-ballot.js";
import { loadResults } from "../load-results.js";
import { POLL_ID, type PollRow, phaseOf, pick, questionsOf, titles } from "../poll.js";
import { findPoll, hasVoted, listPolls, votedOn } from "../poll.repository.js";
import { resultsCsv } from "../results.js";
import {
  BallotCheckPage,
  type BallotValues,
  PollPage,
  type PollPageData,
  type PollPageState,
  PollTable,
  ReceiptPage,
  type Standing,
} from "./public-view.js";

type IdParams = { Params: { id: string } };
type FormBody = Record<string, string | string[] | undefined>;

/** A sample of the public poll pages: the list, up to three open polls and a closed one. */
export async function publicPollPaths(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock.now().toISOString();
  const [open, closed] = await Promise.all([
    listPolls(ctx.db.kysely, { when: "open", now, limit: 3 }),
    listPolls(ctx.db.kysely, { when: "closed", now, limit: 1 }),
  ]);
  return ["/polls", ...[...open, ...closed].map((p) => `/polls/${p.id}`)];
}

async function loadPage(
  ctx: AppContext,
  id: string,
  principal: Principal | null,
): Promise<PollPageData | null> {
  if (!POLL_ID.test(id)) return null;
  const db = ctx.db.kysely;
  const poll = await findPoll(db, id);
  if (!poll || poll.status === "draft") return null;
  const [agencies, territories, results] = await Promise.all([
    agencyNames(db, [poll.agency_id]),
    akimatTerritories(db),
    loadResults(ctx, poll),
  ]);
  let standing: Standing = { kind: "anonymous" };
  if (principal) {
    const voter = await voterOf(ctx, principal);
    const why = ballotRefusal(ctx, principal, poll, voter);
    if (why) standing = { kind: "refused", reason: why };
    else if (await hasVoted(db, poll.id, voterKey(ctx, poll.id, principal.accountId, voter.iin)))
      standing = { kind: "voted" };
    else standing = { kind: "may_vote" };
  }
  return {
    poll,
    phase: phaseOf(poll, ctx.clock.now()),
    questions: questionsOf(poll),
    agency: agencies.get(poll.agency_id) ?? { kk: "", ru: "", en: "" },
    territory: territories.find((x) => x.code === poll.territory_code)?.names ?? null,
    results,
    standing,
  };
}

/** Polls for everyone: the list, each poll with its ballot or results, and open data. */
export async function publicPollRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook(
    "onRoute",
    describeFiles({
      "/polls/:id/results.json": fileOperation({
        operationId: "getPollResultsFile",
        tags: ["polls"],
        summary:
          "A published poll's results as open data (tallies only; free text once approved), any origin",
        types: { "application/json": { type: "object" } },
        statuses: ["404"],
      }),
      "/polls/:id/results.csv": fileOperation({
        operationId: "getPollResultsCsv",
        tags: ["polls"],
        summary: "A published poll's results as CSV (column names in the caller's language)",
        types: { "text/csv": { type: "string" } },
        statuses: ["404"],
      }),
    }),
  );
  const db = ctx.db.kysely;

  app.get("/polls", { config: { pageCache: true } }, async (request, reply) => {
    const now = ctx.clock.now();
    const iso = now.toISOString();
    const [open, closed] = await Promise.all([
      listPolls(db, { when: "open", now: iso, limit: 50 }),
      listPolls(db, { when: "closed", now: iso, limit: 50 }),
    ]);
    const all = [...open, ...closed];
    const agencies = await agencyNames(
      db,
      all.map((p) => p.agency_id),
    );
    const phases = new Map(all.map((p) => [p.id, phaseOf(p, now)]));
    const t = request.t;
    const href = (p: PollRow) => `/polls/${p.id}`;
    return reply.page(
      t("polls.list.title"),
      <>
        <h1 class="govuk-heading-xl">{t("polls.list.title")}</h1>
        <p class="govuk-body-l">{t("polls.list.lead")}</p>
        <PollTable
          t={t}
          locale={request.locale}
          caption={t("polls.list.open")}
          rows={open}
          agencies={agencies}
          phases={phases}
          href={href}
        />
        <PollTable
          t={t}
          locale={request.locale}
          caption={t("polls.list.closed")}
          rows={closed}
          agencies={agencies}
          phases={phases}
          href={href}
        />
      </>,
    );
  });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: PollPageState,
    status?: number,
  ) => {
    const data = await loadPage(ctx, id, request.principal);
    if (!data) throw new HalyqError("NOT_FOUND");
    const failed = (state.issues?.length ?? 0) > 0 || state.refusal !== undefined;
    const csrf = request.principal ? reply.csrfToken() : null;
    const path = `/polls/${id}`;
    return reply.page(
      pick(titles(data.poll), request.locale).text,
      <PollPage
        t={request.t}
        locale={request.locale}
        data={data}
        csrf={csrf}
        state={state}
        path={path}
      />,
      { hasErrors: failed, ...(status ? { status } : {}) },
    );
  };

  app.get<IdParams>("/polls/:id", { config: { pageCache: true } }, async (request, reply) =>
    show(request, reply, request.params.id, {}),
  );

  /** The ballot's answers from the form: by question id for checking, by field for redisplay. */
  const answersOf = (body: FormBody | undefined) => {
    const raw: Record<string, unknown> = {};
    const values: BallotValues = {};
    for (const [k, v] of Object.entries(body ?? {})) {
      const m = /^q-(\d{1,2})(\[\])?$/.exec(k);
      if (!m || v === undefined) continue;
      const list = m[2] ? (Array.isArray(v) ? v : [v]) : v;
      raw[m[1] as string] = list;
      values[k] = list;
    }
    return { raw, values };
  };

  /** Where a refused ballot leads: the poll page with the reason, in the refusal's status. */
  const refused = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    r: Parameters<typeof refusalOf>[0],
  ) => {
    const { status, key } = refusalOf(r);
    if (status === 404) throw new HalyqError("NOT_FOUND");
    return show(request, reply, id, { refusal: request.t(key) }, status);
  };

  /** The confirmation step: the checked choice with a fresh seal, nothing recorded yet. */
  const checkPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    raw: Record<string, unknown>,
    values: BallotValues,
    again: boolean,
  ) => {
    const c = await checkBeforeCasting(ctx, principal, id, raw);
    if (c.kind === "invalid") return show(request, reply, id, { issues: c.issues, values }, 400);
    if (c.kind !== "ready") return refused(request, reply, id, c);
    const { issued, seal } = confirmationOf(ctx, id, principal, values);
    return reply.page(
      request.t("polls.check.title"),
      <BallotCheckPage
        t={request.t}
        locale={request.locale}
        poll={c.poll}
        questions={questionsOf(c.poll)}
        values={values}
        csrf={reply.csrfToken()}
        issued={issued}
        seal={seal}
        again={again}
      />,
    );
  };

  const cast = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    raw: Record<string, unknown>,
    values: BallotValues,
  ) => {
    const r = await castBallot(ctx, principal, id, raw);
    if (r.kind === "cast") {
      const at = ctx.clock.now().toISOString();
      const s = castMoment(ctx, id, principal.accountId, at);
      return reply.redirect(
        `/polls/${id}/receipt?at=${encodeURIComponent(at)}&s=${encodeURIComponent(s)}`,
        303,
      );
    }
    if (r.kind === "invalid") return show(request, reply, id, { issues: r.issues, values }, 400);
    return refused(request, reply, id, r);
  };

  const ballotLimit = {
    rateLimit: {
      max: 30,
      timeWindow: "1 minute",
      keyGenerator: (request: FastifyRequest) => request.principal?.accountId ?? request.ip,
    },
  };

  // The ballot form: a survey's answers are cast at once; a vote or referendum goes to the
  // confirmation step, and is cast only from there.
  app.post<IdParams & { Body: FormBody }>(
    "/polls/:id/ballot",
    { config: ballotLimit },
    async (request, reply) => {
      const id = request.params.id;
      if (!POLL_ID.test(id)) throw new HalyqError("NOT_FOUND");
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const { raw, values } = answersOf(request.body);
      const poll = await findPoll(db, id);
      if (!poll || poll.status === "draft") throw new HalyqError("NOT_FOUND");
      if (needsConfirmation(poll))
        return checkPage(request, reply, principal, id, raw, values, false);
      return cast(request, reply, principal, id, raw, values);
    },
  );

  // "Cast my vote" or "Change" on the confirmation step. Casting needs the seal the step gave
  // for exactly these answers; without it (or when stale or altered) the step is shown again.
  app.post<IdParams & { Body: FormBody }>(
    "/polls/:id/cast",
    { config: ballotLimit },
    async (request, reply) => {
      const id = request.params.id;
      if (!POLL_ID.test(id)) throw new HalyqError("NOT_FOUND");
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const { raw, values } = answersOf(request.body);
      const body = request.body ?? {};
      const field = (name: string) => {
        const v = body[name];
        return typeof v === "string" ? v : undefined;
      };
      if (field("decision") === "change") return show(request, reply, id, { values });
      const ok =
        field("decision") === "cast" &&
        confirmed(ctx, id, principal, values, field("issued"), field("seal"));
      if (!ok) return checkPage(request, reply, principal, id, raw, values, true);
      return cast(request, reply, principal, id, raw, values);
    },
  );

  // The receipt: that the signed-in person's ballot is recorded, when, and a receipt code.
  app.get<IdParams & { Querystring: { at?: string; s?: string } }>(
    "/polls/:id/receipt",
    async (request, reply) => {
      const id = request.params.id;
      if (!POLL_ID.test(id)) throw new HalyqError("NOT_FOUND");
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const poll = await findPoll(db, id);
      if (!poll || poll.status === "draft") throw new HalyqError("NOT_FOUND");
      const voter = await voterOf(ctx, principal);
      const key = voterKey(ctx, poll.id, principal.accountId, voter.iin);
      const day = await votedOn(db, poll.id, key);
      if (!day) return reply.redirect(`/polls/${id}`, 303);
      const { at, s } = request.query;
      const fresh =
        typeof at === "string" &&
        typeof s === "string" &&
        at.length < 40 &&
        at.slice(0, 10) === day &&
        castMoment(ctx, id, principal.accountId, at) === s;
      const csrf = reply.csrfToken();
      const path = `/polls/${id}`;
      return reply.page(
        request.t("polls.receipt.title"),
        <ReceiptPage
          t={request.t}
          locale={request.locale}
          poll={poll}
          day={day}
          at={fresh ? at : null}
          code={receiptCode(ctx, poll.id, key)}
          fresh={fresh}
          after={ctx.afterInteraction({
            t: request.t,
            csrf,
            interaction: "ballot_cast",
            returnTo: path,
          })}
        />,
      );
    },
  );

  const published = async (id: string) => {
    const poll = POLL_ID.test(id) ? await findPoll(db, id) : undefined;
    if (poll?.status !== "published") throw new HalyqError("NOT_FOUND");
    const r = await loadResults(ctx, poll);
    if (!r) throw new HalyqError("NOT_FOUND");
    return r;
  };

  app.get<IdParams>("/polls/:id/results.json", async (request, reply) => {
    const r = await published(request.params.id);
    return reply
      .header("content-type", "application/json; charset=utf-8")
      .header("access-control-allow-origin", "*")
      .send(JSON.stringify(r));
  });

  app.get<IdParams>("/polls/:id/results.csv", async (request, reply) => {
    const r = await published(request.params.id);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="poll-${r.pollId}.csv"`)
      .send(resultsCsv(r, request.locale));
  });
}
