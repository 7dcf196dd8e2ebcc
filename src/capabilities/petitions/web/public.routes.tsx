import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { redactPersonalData } from "../../../platform/privacy/redact.js";
import { atomFeed } from "../../../web/atom.js";
import { IdentityNotVerifiedNotice } from "../../../web/components/notices.js";
import { type FormBody, one } from "../../../web/forms.js";
import { requirePage } from "../../../web/guards.js";
import { describeFiles, fileOperation } from "../../../web/openapi.js";
import { agencyNames, listAgencies } from "../../agencies/index.js";
import { actOnPetition, addComment, canSee, checkDraft, createPetition } from "../commands.js";
import { todayIn } from "../deadlines.js";
import { asPublished, PETITION_NUMBER, type PetitionRow, PUBLIC_STATUSES } from "../petition.js";
import {
  bodiesWithPetitions,
  coInitiatorCount,
  commentsOf,
  findByShareToken,
  findPetition,
  isCoInitiator,
  lateAdmissibility,
  listPublic,
  petitionsOf,
  recentlyChanged,
  searchPublic,
  similarPetitions,
} from "../petition.repository.js";
import { petitionProfile } from "../profiles.js";
import {
  loadSignaturePanel,
  type PanelState,
  panelState,
  signatureCounts,
} from "../signatures/index.js";
import {
  CheckPetitionPage,
  type DraftValues,
  JoinPage,
  MyPetitionsPage,
  NewPetitionPage,
  PetitionPage,
  type PetitionPageState,
  PetitionsListPage,
} from "./public-views.js";

type NumberParams = { Params: { number: string } };
const DONE = ["created", "gathering", "joined", "submitted", "withdrawn", "commented"] as const;
const PAGE_SIZE = 20;
/**
 * Public write endpoints: at most 30 a minute per signed-in account (per client address for
 * anyone else), so one person cannot flood the bodies with drafts or comments.
 */
export const WRITE_LIMIT = {
  rateLimit: {
    max: 30,
    timeWindow: "1 minute",
    keyGenerator: (request: FastifyRequest) =>
      request.principal ? `petitions:${request.principal.accountId}` : `petitions:${request.ip}`,
  },
};

/** A sample of the public petition pages: the list, the feed and one petition in each public stage. */
export async function publicPetitionPaths(ctx: AppContext): Promise<string[]> {
  const paths = ["/petitions", "/petitions?status=collecting"];
  for (const status of PUBLIC_STATUSES) {
    const { rows } = await listPublic(ctx.db.kysely, { status, limit: 1, offset: 0 });
    for (const r of rows) paths.push(`/petitions/${r.number}`);
  }
  return paths;
}

export async function petitionPageData(
  ctx: AppContext,
  p: PetitionRow,
  principal: Principal | null,
  signatureState?: PanelState,
) {
  const accountId = principal?.accountId ?? null;
  const kind = principal?.kind ?? null;
  const db = ctx.db.kysely;
  const [names, coInitiators, profile, comments] = await Promise.all([
    agencyNames(db, [p.agency_id]),
    coInitiatorCount(db, p.id),
    petitionProfile(db),
    p.draft_decision
      ? commentsOf(db, p.id, false).then((all) =>
          all.map((c) => ({ ...c, text: redactPersonalData(c.text) })),
        )
      : Promise.resolve([]),
  ]);
  const signing = p.published_at !== null && p.status !== "refused";
  return {
    petition: p,
    agency: names.get(p.agency_id),
    coInitiators,
    coInitiatorsNeeded: profile.coInitiators.count,
    comments,
    isInitiator: accountId !== null && accountId === p.initiator_account_id,
    canComment:
      kind === "citizen" && p.status === "consideration" && p.draft_decision_published_at !== null,
    signatures: signing ? await loadSignaturePanel(ctx, p, principal, signatureState) : null,
    publicUrl: ctx.config.publicUrl,
  };
}

/** Petitions for everyone: the list, each petition, the feed, starting one, joining one. */
export async function publicPetitionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook(
    "onRoute",
    describeFiles({
      "/petitions.atom": fileOperation({
        operationId: "getPetitionsFeed",
        tags: ["feeds"],
        summary: "Atom feed of published petitions and their milestones",
        types: { "application/atom+xml": { type: "string" } },
      }),
    }),
  );
  const db = ctx.db.kysely;

  app.get<{ Querystring: { status?: string; page?: string; q?: string; body?: string } }>(
    "/petitions",
    { config: { pageCache: true } },
    async (request, reply) => {
      const status = (PUBLIC_STATUSES as readonly string[]).includes(request.query.status ?? "")
        ? (request.query.status as string)
        : "";
      const page = /^\d{1,5}$/.test(request.query.page ?? "")
        ? Math.max(1, Number(request.query.page))
        : 1;
      const words = typeof request.query.q === "string" ? request.query.q.trim().slice(0, 200) : "";
      const bodies = await bodiesWithPetitions(db);
      const body =
        typeof request.query.body === "string" && bodies.includes(request.query.body)
          ? request.query.body
          : "";
      const filter = {
        ...(status ? { status } : {}),
        ...(body ? { agencyId: body } : {}),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      };
      const { rows: listed, total } = words
        ? await searchPublic(db, { ...filter, query: words })
        : await listPublic(db, filter);
      const rows = listed.map(asPublished);
      const today = todayIn(ctx.calendars.forJurisdiction(), ctx.clock.now());
      const [agencies, counts, late] = await Promise.all([
        agencyNames(db, [...rows.map((r) => r.agency_id), ...bodies]),
        signatureCounts(
          db,
          rows.map((r) => r.id),
        ),
        lateAdmissibility(db, today),
      ]);
      return reply.page(
        request.t("petitions.list.title"),
        <PetitionsListPage
          t={request.t}
          locale={request.locale}
          rows={rows}
          total={total}
          page={page}
          pageSize={PAGE_SIZE}
          status={status}
          query={words}
          body={body}
          bodies={bodies}
          agencies={agencies}
          counts={counts}
          lateQueue={late}
        />,
      );
    },
  );

  app.get("/petitions.atom", { config: { pageCache: true } }, async (request, reply) => {
    const t = request.t;
    const rows = (await recentlyChanged(db, 50)).map(asPublished);
    const agencies = await agencyNames(
      db,
      rows.map((r) => r.agency_id),
    );
    const base = ctx.config.publicUrl;
    const xml = atomFeed({
      id: `${base}/petitions.atom`,
      title: t("petitions.feed.title"),
      lang: request.locale,
      updated: rows[0]?.updated_at ?? "2026-01-01T00:00:00.000Z",
      self: `${base}/petitions.atom`,
      alternate: `${base}/petitions`,
      entries: rows.map((p) => ({
        id: `urn:uuid:${p.id}`,
        title: `${p.number}: ${p.title}`,
        ...(p.language !== request.locale ? { lang: p.language } : {}),
        updated: p.updated_at,
        ...(p.published_at ? { published: p.published_at } : {}),
        link: `${base}/petitions/${p.number}`,
        summary: `${t(`petitions.status.${p.status}`)}. ${p.summary}`,
        author: agencies.get(p.agency_id)?.[request.locale] ?? "Halyq",
      })),
    });
    return reply.header("content-type", "application/atom+xml; charset=utf-8").send(xml);
  });

  const citizenOnly = (request: FastifyRequest, reply: FastifyReply) => {
    const principal = requirePage(request, reply);
    if (!principal) return null;
    if (principal.kind !== "citizen") throw new HalyqError("FORBIDDEN");
    return principal;
  };

  /** Starting a petition counts the person as an initiator: a declared identity is told how to verify. */
  const unverifiedStarter = (principal: Principal) =>
    ctx.policy.refusal(principal, "petition.create", { agencyId: "" }) === "identity_not_verified";

  const showUnverified = (request: FastifyRequest, reply: FastifyReply) =>
    reply.page(
      request.t("petitions.new.title"),
      <>
        <h1 class="govuk-heading-l">{request.t("petitions.new.title")}</h1>
        <IdentityNotVerifiedNotice t={request.t} />
      </>,
      { status: 403 },
    );

  const bodies = async () =>
    (await listAgencies(db, { orderBy: "id" })).map((a) => ({ id: a.id, names: a.names }));

  const draftValues = (body: FormBody | undefined): DraftValues => ({
    agencyId: one(body, "agencyId"),
    title: one(body, "title"),
    summary: one(body, "summary"),
    proposal: one(body, "proposal"),
  });

  const showNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: DraftValues,
    issues: Parameters<typeof NewPetitionPage>[0]["issues"],
    conflict?: string,
    status?: number,
  ) =>
    reply.page(
      request.t("petitions.new.title"),
      <NewPetitionPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        bodies={await bodies()}
        values={values}
        issues={issues}
        {...(conflict ? { conflict } : {})}
      />,
      { hasErrors: issues.length > 0 || conflict !== undefined, ...(status ? { status } : {}) },
    );

  app.get("/petitions/new", async (request, reply) => {
    const principal = citizenOnly(request, reply);
    if (!principal) return reply;
    if (unverifiedStarter(principal)) return showUnverified(request, reply);
    return showNew(request, reply, { agencyId: "", title: "", summary: "", proposal: "" }, []);
  });

  app.post<{ Body: FormBody }>(
    "/petitions/new/check",
    { config: WRITE_LIMIT },
    async (request, reply) => {
      const principal = citizenOnly(request, reply);
      if (!principal) return reply;
      if (unverifiedStarter(principal)) return showUnverified(request, reply);
      const values = draftValues(request.body);
      const issues = checkDraft({ ...values, language: request.locale });
      const names = await agencyNames(db, values.agencyId ? [values.agencyId] : []);
      if (values.agencyId && !names.has(values.agencyId))
        issues.push({ field: "agencyId", key: "petitions.validation.agency" });
      if (issues.length > 0) return showNew(request, reply, values, issues, undefined, 400);
      const similar = (await similarPetitions(db, `${values.title} ${values.summary}`)).map(
        asPublished,
      );
      const agencies = await agencyNames(db, [values.agencyId, ...similar.map((s) => s.agency_id)]);
      return reply.page(
        request.t("petitions.new.check_title"),
        <CheckPetitionPage
          t={request.t}
          locale={request.locale}
          csrf={reply.csrfToken()}
          values={values}
          similar={similar}
          agencies={agencies}
        />,
      );
    },
  );

  app.post<{ Body: FormBody }>("/petitions", { config: WRITE_LIMIT }, async (request, reply) => {
    const principal = citizenOnly(request, reply);
    if (!principal) return reply;
    const values = draftValues(request.body);
    const result = await createPetition(ctx, principal, { ...values, language: request.locale });
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/petitions/${result.value.number}?done=created`, 303);
      case "invalid":
        return showNew(request, reply, values, result.issues, undefined, 400);
      case "conflict":
        return showNew(
          request,
          reply,
          values,
          [],
          request.t(`petitions.conflict.${String(result.params?.reason ?? "state")}`),
          409,
        );
      case "forbidden":
        if (result.code === "IDENTITY_NOT_VERIFIED") return showUnverified(request, reply);
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("FORBIDDEN");
    }
  });

  app.get("/petitions/mine", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const rows = await petitionsOf(db, principal.accountId);
    return reply.page(
      request.t("petitions.mine.title"),
      <MyPetitionsPage
        t={request.t}
        locale={request.locale}
        rows={rows}
        agencies={
          await agencyNames(
            db,
            rows.map((r) => r.agency_id),
          )
        }
      />,
    );
  });

  const showJoin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    conflict?: string,
    status?: number,
  ) => {
    const p = /^[A-Za-z0-9_-]{10,64}$/.test(token) ? await findByShareToken(db, token) : undefined;
    if (p?.status !== "gathering") throw new HalyqError("NOT_FOUND");
    const [names, joined, profile] = await Promise.all([
      agencyNames(db, [p.agency_id]),
      coInitiatorCount(db, p.id),
      petitionProfile(db),
    ]);
    const viewer = request.principal?.accountId ?? null;
    const standing =
      viewer === null
        ? null
        : viewer === p.initiator_account_id
          ? ("initiator" as const)
          : (await isCoInitiator(db, p.id, viewer))
            ? ("joined" as const)
            : null;
    return reply.page(
      p.title,
      <JoinPage
        t={request.t}
        locale={request.locale}
        csrf={request.principal ? reply.csrfToken() : null}
        petition={p}
        agency={names.get(p.agency_id)}
        joined={joined}
        needed={profile.coInitiators.count}
        signedIn={request.principal !== null}
        standing={standing}
        identityVerified={
          request.principal === null ||
          ctx.policy.refusal(request.principal, "petition.join", {
            agencyId: p.agency_id,
            initiatorId: p.initiator_account_id,
          }) !== "identity_not_verified"
        }
        token={token}
        {...(conflict ? { conflict } : {})}
      />,
      conflict ? { hasErrors: true, status: 409 } : status ? { status } : {},
    );
  };

  // The invitation link carries its token in the query string, which the request log never
  // records (a path would be); joining posts it in the form body.
  app.get<{ Querystring: { token?: string } }>("/petitions/join", async (request, reply) =>
    showJoin(request, reply, typeof request.query.token === "string" ? request.query.token : ""),
  );

  const join = async (request: FastifyRequest, reply: FastifyReply, token: string) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const p = /^[A-Za-z0-9_-]{10,64}$/.test(token) ? await findByShareToken(db, token) : undefined;
    if (!p) throw new HalyqError("NOT_FOUND");
    const result = await actOnPetition(ctx, principal, p.id, "join", { token });
    if (result.kind === "ok") return reply.redirect(`/petitions/${p.number}?done=joined`, 303);
    if (result.kind === "forbidden" && result.code === "IDENTITY_NOT_VERIFIED")
      return showJoin(request, reply, token, undefined, 403);
    if (result.kind === "conflict")
      return showJoin(
        request,
        reply,
        token,
        request.t(`petitions.conflict.${String(result.params?.reason ?? "state")}`),
      );
    throw new HalyqError(result.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
  };

  app.post<{ Body: FormBody }>("/petitions/join", { config: WRITE_LIMIT }, async (request, reply) =>
    join(request, reply, one(request.body, "token")),
  );

  // Links given out before the token moved to the query string keep working: they lead to the
  // new address (the logger masks these paths, so the token is not recorded on the way).
  app.get<{ Params: { token: string } }>("/petitions/join/:token", async (request, reply) =>
    reply.redirect(`/petitions/join?token=${encodeURIComponent(request.params.token)}`, 301),
  );
  app.post<{ Params: { token: string }; Body: FormBody }>(
    "/petitions/join/:token",
    { config: WRITE_LIMIT },
    async (request, reply) => join(request, reply, request.params.token),
  );

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    number: string,
    state: PetitionPageState,
    status?: number,
    signatureState?: PanelState,
  ) => {
    const found = PETITION_NUMBER.test(number) ? await findPetition(db, number) : undefined;
    if (!found || !(await canSee(ctx, found, request.principal))) throw new HalyqError("NOT_FOUND");
    const p = asPublished(found);
    const data = await petitionPageData(ctx, p, request.principal, signatureState);
    const failed = (state.issues?.length ?? 0) > 0 || state.conflict !== undefined;
    const csrf = request.principal ? reply.csrfToken() : null;
    return reply.page(
      p.title,
      <PetitionPage
        t={request.t}
        locale={request.locale}
        data={data}
        csrf={csrf}
        state={state}
        afterSigning={
          data.signatures?.state === "signed" && csrf
            ? ctx.afterInteraction({
                t: request.t,
                csrf,
                interaction: "petition_signed",
                returnTo: `/petitions/${encodeURIComponent(data.signatures.number)}`,
              })
            : null
        }
      />,
      { hasErrors: failed, ...(status ? { status } : {}) },
    );
  };

  app.get<NumberParams & { Querystring: { done?: string; signature?: string } }>(
    "/petitions/:number",
    { config: { pageCache: true } },
    async (request, reply) => {
      const done = DONE.find((d) => d === request.query.done);
      return show(
        request,
        reply,
        request.params.number,
        done ? { done } : {},
        undefined,
        panelState(request.query.signature),
      );
    },
  );

  const outcome = async <T,>(
    request: FastifyRequest,
    reply: FastifyReply,
    number: string,
    result: Result<T>,
    done: string,
    state: PetitionPageState = {},
  ) => {
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/petitions/${number}?done=${done}`, 303);
      case "invalid":
        return show(request, reply, number, { ...state, issues: result.issues }, 400);
      case "conflict":
        return show(
          request,
          reply,
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

  const step = (path: string, action: "start_gathering" | "submit" | "withdraw", done: string) =>
    app.post<NumberParams & { Body: FormBody }>(
      `/petitions/:number/${path}`,
      { config: WRITE_LIMIT },
      async (request, reply) => {
        const principal = requirePage(request, reply);
        if (!principal) return reply;
        const number = request.params.number;
        if (!PETITION_NUMBER.test(number)) throw new HalyqError("NOT_FOUND");
        const result = await actOnPetition(ctx, principal, number, action);
        return outcome(request, reply, number, result, done);
      },
    );
  step("gathering", "start_gathering", "gathering");
  step("submit", "submit", "submitted");
  step("withdraw", "withdraw", "withdrawn");

  app.post<NumberParams & { Body: FormBody }>(
    "/petitions/:number/comments",
    { config: WRITE_LIMIT },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const number = request.params.number;
      if (!PETITION_NUMBER.test(number)) throw new HalyqError("NOT_FOUND");
      const text = one(request.body, "comment");
      const result = await addComment(ctx, principal, number, text);
      return outcome(request, reply, number, result, "commented", { comment: text });
    },
  );
}

export { type FormBody, one };
