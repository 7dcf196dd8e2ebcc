import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { failureError, HalyqError } from "../../kernel/errors.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody } from "../../web/api-schemas.js";
import { requireApi } from "../../web/guards.js";
import { type ActInput, actOnPetition, canSee, createPetition } from "./commands.js";
import {
  asPublished,
  PETITION_ID,
  PETITION_STATUSES,
  type PetitionRow,
  PUBLIC_STATUSES,
} from "./petition.js";
import { findPetition, listPublic } from "./petition.repository.js";
import { signatureCount, signatureCounts } from "./signatures/index.js";
import { WRITE_LIMIT } from "./web/public.routes.js";

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Nullable(Type.String({ description: "ISO 8601 instant, UTC" }));
const PlainDate = Nullable(Type.String({ description: "YYYY-MM-DD, in the body's calendar" }));

const PetitionSummary = Type.Object({
  id: Type.String(),
  number: Type.String({ description: "PET-YYYY-NNNNNN" }),
  agencyId: Type.String(),
  status: literals(PETITION_STATUSES),
  language: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  threshold: Type.Union([Type.Integer(), Type.Null()]),
  signatureCount: Type.Integer({ description: "Valid signatures, counted exactly" }),
  territoryCode: Nullable(Type.String({ description: "Signers must live here (KATO) when set" })),
  signingClosesAt: Instant,
  links: Type.Object({ page: Type.String() }),
});
const Milestones = Type.Object({
  createdAt: Type.String(),
  gatheringStartedAt: Instant,
  gatheringDueOn: PlainDate,
  submittedAt: Instant,
  admissibilityDueOn: PlainDate,
  admittedAt: Instant,
  refusedAt: Instant,
  publishedAt: Instant,
  thresholdReachedAt: Instant,
  considerationDueOn: PlainDate,
  draftDecisionPublishedAt: Instant,
  decisionPublishedAt: Instant,
  expiredAt: Instant,
  withdrawnAt: Instant,
});
const PetitionDetail = Type.Intersect([
  PetitionSummary,
  Type.Object({
    proposal: Type.String(),
    refusal: Type.Union([
      Type.Object({
        reason: Type.String({ description: "An excluded topic's key, or other" }),
        text: Nullable(Type.String()),
      }),
      Type.Null(),
    ]),
    draftDecision: Nullable(Type.String()),
    decision: Nullable(Type.String()),
    milestones: Milestones,
  }),
]);
const ListQuery = Type.Object(
  {
    status: Type.Optional(literals(PUBLIC_STATUSES)),
    agencyId: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
const CreateBody = Type.Object(
  {
    agencyId: Type.String({ minLength: 1, maxLength: 100 }),
    title: Type.String({ maxLength: 200 }),
    summary: Type.String({ maxLength: 1000 }),
    proposal: Type.String({ maxLength: 10000 }),
    language: Type.Optional(literals(["kk", "ru", "en"] as const)),
  },
  { additionalProperties: false },
);
const TextBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 20000 }) },
  { additionalProperties: false },
);
const RefuseBody = Type.Object(
  {
    reason: Type.String({ maxLength: 60, description: "An excluded topic's key, or other" }),
    text: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const JoinBody = Type.Object(
  { token: Type.String({ maxLength: 64, description: "From the co-initiators' link" }) },
  { additionalProperties: false },
);
const Errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};

function summary(ctx: AppContext, row: PetitionRow, count: number): Static<typeof PetitionSummary> {
  const p = asPublished(row);
  return {
    id: p.id,
    number: p.number,
    agencyId: p.agency_id,
    status: p.status as Static<typeof PetitionSummary>["status"],
    language: p.language,
    title: p.title,
    summary: p.summary,
    threshold: p.threshold === null ? null : Number(p.threshold),
    signatureCount: count,
    territoryCode: p.territory_code,
    signingClosesAt: p.signing_closes_at,
    links: { page: `${ctx.config.publicUrl}/petitions/${p.number}` },
  };
}

function detail(ctx: AppContext, row: PetitionRow, count: number): Static<typeof PetitionDetail> {
  const p = asPublished(row);
  return {
    ...summary(ctx, row, count),
    proposal: p.proposal,
    refusal: p.refusal_reason ? { reason: p.refusal_reason, text: p.refusal_text } : null,
    draftDecision: p.draft_decision,
    decision: p.decision,
    milestones: {
      createdAt: p.created_at,
      gatheringStartedAt: p.gathering_started_at,
      gatheringDueOn: p.gathering_due_on,
      submittedAt: p.submitted_at,
      admissibilityDueOn: p.admissibility_due_on,
      admittedAt: p.admitted_at,
      refusedAt: p.refused_at,
      publishedAt: p.published_at,
      thresholdReachedAt: p.threshold_reached_at,
      considerationDueOn: p.consideration_due_on,
      draftDecisionPublishedAt: p.draft_decision_published_at,
      decisionPublishedAt: p.decision_published_at,
      expiredAt: p.expired_at,
      withdrawnAt: p.withdrawn_at,
    },
  };
}

/** The petitions API: the public list and record, starting one, and the steps of its life. */
export async function petitionApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    "/api/v1/petitions",
    {
      schema: {
        operationId: "listPetitions",
        tags: ["petitions"],
        summary: "Published petitions, newest first, with a status filter",
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(PetitionSummary),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 25;
      const { rows, total } = await listPublic(db, {
        ...(q.status ? { status: q.status } : {}),
        ...(q.agencyId ? { agencyId: q.agencyId } : {}),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const counts = await signatureCounts(
        db,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((p) => summary(ctx, p, counts.get(p.id) ?? 0)),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/petitions/:id",
    {
      config: { auth: "optional" },
      schema: {
        operationId: "getPetition",
        tags: ["petitions"],
        summary:
          "One petition (by id or number) with its signature count and every milestone; unpublished ones only for the initiator, co-initiators and the body",
        response: { 200: PetitionDetail, 404: ErrorBody },
      },
    },
    async (request) => {
      const id = request.params.id;
      const p = PETITION_ID.test(id) ? await findPetition(db, id) : undefined;
      if (!p || !(await canSee(ctx, p, request.principal))) throw new HalyqError("NOT_FOUND");
      return detail(ctx, p, await signatureCount(db, p.id));
    },
  );

  app.post<{ Body: Static<typeof CreateBody> }>(
    "/api/v1/petitions",
    {
      config: WRITE_LIMIT,
      schema: {
        operationId: "createPetition",
        tags: ["petitions"],
        summary:
          "Start a petition as a draft (a citizen with an IIN); then gather co-initiators, submit, and the body decides admissibility",
        body: CreateBody,
        response: { 201: PetitionDetail, ...Errors },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const b = request.body;
      const result = await createPetition(ctx, principal, {
        agencyId: b.agencyId.trim(),
        title: b.title.trim(),
        summary: b.summary.trim(),
        proposal: b.proposal.trim(),
        language: b.language ?? request.locale,
      });
      if (result.kind !== "ok") throw failureError(result);
      const p = await findPetition(db, result.value.id);
      if (!p) throw new HalyqError("INTERNAL");
      return reply.status(201).send(detail(ctx, p, 0));
    },
  );

  /** Each step's operation in the API description. */
  const operationIds: Record<string, string> = {
    start_gathering: "startPetitionGathering",
    join: "joinPetitionAsCoInitiator",
    submit: "submitPetition",
    withdraw: "withdrawPetition",
    admit: "admitPetition",
    refuse: "refusePetition",
    publish_draft_decision: "publishPetitionDraftDecision",
    decide: "decidePetition",
  };
  const step = <B extends ReturnType<typeof Type.Object> | null>(
    path: string,
    action: Parameters<typeof actOnPetition>[3],
    text: string,
    body: B,
    input: (b: Record<string, string>) => ActInput,
  ) =>
    app.post<{ Params: { id: string }; Body: Record<string, string> }>(
      `/api/v1/petitions/:id/${path}`,
      {
        config: WRITE_LIMIT,
        schema: {
          operationId: operationIds[action],
          tags: ["petitions"],
          summary: text,
          ...(body ? { body } : {}),
          response: { 200: PetitionDetail, ...Errors },
        },
      },
      async (request) => {
        const principal = requireApi(request);
        if (!PETITION_ID.test(request.params.id)) throw new HalyqError("NOT_FOUND");
        const result = await actOnPetition(
          ctx,
          principal,
          request.params.id,
          action,
          input(request.body ?? {}),
        );
        if (result.kind !== "ok") throw failureError(result);
        const p = result.value.petition;
        return detail(ctx, p, await signatureCount(db, p.id));
      },
    );

  step(
    "gathering",
    "start_gathering",
    "The initiator opens the co-initiators' link (draft → gathering)",
    null,
    () => ({}),
  );
  step(
    "co-initiators",
    "join",
    "Join as a co-initiator with the link's token (a citizen with an IIN); joining twice changes nothing",
    JoinBody,
    (b) => ({ token: b.token ?? "" }),
  );
  step(
    "submission",
    "submit",
    "The initiator sends the petition to the body once enough co-initiators joined",
    null,
    () => ({}),
  );
  step(
    "withdrawal",
    "withdraw",
    "The initiator withdraws the petition before the decision",
    null,
    () => ({}),
  );
  step(
    "admission",
    "admit",
    "The body admits the petition: it is published and collects signatures",
    null,
    () => ({}),
  );
  step(
    "refusal",
    "refuse",
    "The body refuses the petition, naming an excluded topic or other with its words",
    RefuseBody,
    (b) => ({ reason: b.reason ?? "", text: b.text ?? "" }),
  );
  step(
    "draft-decision",
    "publish_draft_decision",
    "The body publishes (or corrects) its draft decision for public discussion",
    TextBody,
    (b) => ({ text: b.text ?? "" }),
  );
  step(
    "decision",
    "decide",
    "The body publishes its decision (after the draft decision)",
    TextBody,
    (b) => ({ text: b.text ?? "" }),
  );
}
