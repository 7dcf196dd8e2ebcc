import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { auditHead } from "../../kernel/audit/audit.js";
import { toPlainDate } from "../../kernel/calendar/index.js";
import { failureError, HalyqError } from "../../kernel/errors.js";
import type { Translate } from "../../kernel/i18n.js";
import type { AppContext } from "../../platform/manifest.js";
import { namePersonalData, personalDataKinds } from "../../platform/privacy/redact.js";
import { ErrorBody } from "../../web/api-schemas.js";
import { requireApi } from "../../web/guards.js";
import { jurisdictionOf } from "../agencies/index.js";
import {
  ACTIONS,
  APPEAL_KINDS,
  APPEAL_STATUSES,
  type AppealAction,
  CHANNELS,
  REGISTRAR_CHANNELS,
} from "./appeal.js";
import { agencyInbox, listApplicantAppeals } from "./appeal.repository.js";
import { appealJson, appealSummary } from "./appeal-json.js";
import { actOnAppeal, loadVisibleAppeal, organisationIdsOf } from "./commands/appeal-actions.js";
import { asReadableBy } from "./personal-data.js";
import { fileAppeal } from "./writes.js";

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));

const Language = literals(["kk", "ru", "en"] as const);
const NewAppeal = Type.Object(
  {
    kind: literals(APPEAL_KINDS),
    agencyId: Type.Optional(Type.String({ maxLength: 100 })),
    categoryId: Type.Optional(Type.String({ maxLength: 100 })),
    districtCode: Type.Optional(Type.String({ maxLength: 20 })),
    subject: Type.String({ maxLength: 200 }),
    text: Type.String({ maxLength: 20000 }),
    language: Type.Optional(Language),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    location: Type.Optional(
      Type.Object(
        {
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          long: Type.Number({ minimum: -180, maximum: 180 }),
        },
        { additionalProperties: false },
      ),
    ),
    public: Type.Optional(Type.Boolean()),
    personalDataAcknowledged: Type.Optional(
      Type.Boolean({
        description:
          "With public: true, files the appeal public although its subject, text or address looks like it holds personal data (an IIN or BIN, a phone number, an e-mail address, a card or account number); that data is hidden in every public output anyway. Without it such a public appeal is refused with 422 PERSONAL_DATA_IN_PUBLIC, naming what was found.",
      }),
    ),
    crimeReport: Type.Optional(Type.Boolean()),
    organisationId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const DeskAppeal = Type.Object(
  {
    channel: literals(REGISTRAR_CHANNELS),
    kind: literals(APPEAL_KINDS),
    categoryId: Type.Optional(Type.String({ maxLength: 100 })),
    subject: Type.String({ maxLength: 200 }),
    text: Type.String({ maxLength: 20000 }),
    language: Type.Optional(Language),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    crimeReport: Type.Optional(Type.Boolean()),
    applicant: Type.Object(
      {
        anonymous: Type.Optional(Type.Boolean()),
        name: Type.String({ maxLength: 300 }),
        iin: Type.Optional(Type.String({ maxLength: 12 })),
        bin: Type.Optional(Type.String({ maxLength: 12 })),
        organisationName: Type.Optional(Type.String({ maxLength: 300 })),
        email: Type.Optional(Type.String({ maxLength: 254 })),
        phone: Type.Optional(Type.String({ maxLength: 30 })),
        postalAddress: Type.Optional(Type.String({ maxLength: 300 })),
        language: Language,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
const Registered = Type.Object({
  number: Type.String(),
  status: Type.String(),
  agencyId: Type.String(),
  registeredOn: Type.String({ description: "YYYY-MM-DD, in the body's time zone" }),
  dueDate: Type.String({ description: "YYYY-MM-DD: the last day of the legal term" }),
  receivedAt: Type.String(),
  registrationHash: Type.String({
    description: "Hash of the registration entry in the public log",
  }),
  duplicateOf: Type.Union([Type.String(), Type.Null()]),
});
const Summary = Type.Object({
  number: Type.String(),
  status: Type.String(),
  kind: Type.String(),
  channel: Type.String(),
  agencyId: Type.String(),
  subject: Type.String(),
  registeredOn: Type.String(),
  dueDate: Type.String(),
  executorId: Type.Union([Type.String(), Type.Null()]),
  deemedRefusedAt: Type.Union([Type.String(), Type.Null()]),
});
const Str = Type.Union([Type.String(), Type.Null()]);
const AppealDetail = Type.Object({
  number: Type.String(),
  status: Type.String(),
  kind: Type.String(),
  procedure: Str,
  channel: Type.String(),
  agencyId: Type.String(),
  categoryId: Str,
  subject: Type.String(),
  text: Type.String(),
  language: Str,
  address: Str,
  public: Type.Boolean(),
  crimeReport: Type.Boolean(),
  receivedAt: Type.String(),
  registeredOn: Type.String({ description: "YYYY-MM-DD, in the body's time zone" }),
  dueDate: Type.String(),
  originalDueDate: Str,
  extension: Type.Union([Type.Object({ decidedAt: Type.String(), reason: Str }), Type.Null()]),
  executorId: Type.Union([Type.String(), Type.Null()], { description: "Staff only" }),
  correction: Type.Union([Type.Object({ note: Str, dueDate: Type.String() }), Type.Null()]),
  answer: Type.Union(
    [
      Type.Object({
        outcome: Str,
        text: Type.String(),
        basis: Str,
        language: Str,
        answeredAt: Str,
      }),
      Type.Null(),
    ],
    { description: "The applicant sees it once it is sent; staff also see the draft" },
  ),
  closed: Type.Union([Type.Object({ at: Type.String(), reason: Str, note: Str }), Type.Null()]),
  deemedRefusedAt: Str,
  rating: Type.Union([
    Type.Object({
      score: Type.Union([Type.Integer(), Type.Null()]),
      resolved: Str,
      comment: Str,
    }),
    Type.Null(),
  ]),
  redirectedFrom: Str,
  complaintAbout: Str,
  duplicateOf: Str,
  applicant: Type.Union(
    [
      Type.Object({
        type: Str,
        name: Str,
        iin: Str,
        bin: Str,
        email: Str,
        phone: Str,
        address: Str,
      }),
      Type.Null(),
    ],
    { description: "Staff only: who filed it and how to reach them" },
  ),
  attachments: Type.Array(
    Type.Object({
      id: Type.String(),
      fileName: Type.String(),
      mediaType: Type.String(),
      size: Type.Integer(),
      sha256: Type.String(),
      purpose: Type.String(),
    }),
  ),
  registrationHash: Str,
});
const ActionBody = Type.Object(
  {
    executorId: Type.Optional(Type.String({ maxLength: 100 })),
    agencyId: Type.Optional(Type.String({ maxLength: 100 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    part: Type.Optional(Type.String({ maxLength: 20000 })),
    until: Type.Optional(Type.String({ maxLength: 10 })),
    outcome: Type.Optional(Type.String({ maxLength: 40 })),
    text: Type.Optional(Type.String({ maxLength: 20000 })),
    basis: Type.Optional(Type.String({ maxLength: 2000 })),
    language: Type.Optional(Language),
    score: Type.Optional(Type.Integer()),
    resolved: Type.Optional(Type.String({ maxLength: 10 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    public: Type.Optional(Type.Boolean()),
    coExecutorIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    controlOn: Type.Optional(Type.String({ maxLength: 10 })),
    instruction: Type.Optional(Type.String({ maxLength: 2000 })),
    position: Type.Optional(Type.String({ maxLength: 10000 })),
    materials: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 })),
    on: Type.Optional(Type.Boolean()),
    categoryId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const InboxQuery = Type.Object(
  {
    status: Type.Optional(literals(APPEAL_STATUSES)),
    kind: Type.Optional(literals(APPEAL_KINDS)),
    channel: Type.Optional(literals(CHANNELS)),
    executorId: Type.Optional(Type.String({ maxLength: 100 })),
    due: Type.Optional(literals(["soon", "overdue"] as const)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    sort: Type.Optional(literals(["due", "received", "received_desc", "number"] as const)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

/**
 * Refuses a public appeal whose subject, text or address looks like it holds personal data,
 * unless the request acknowledges it (then it is filed, and redacted in every public output).
 */
function refusePersonalDataInPublic(
  t: Translate,
  body: Pick<
    Static<typeof NewAppeal>,
    "public" | "personalDataAcknowledged" | "subject" | "text" | "address"
  >,
): void {
  if (body.public !== true || body.personalDataAcknowledged === true) return;
  const fields = { subject: body.subject, text: body.text, address: body.address };
  const kinds = personalDataKinds(...Object.values(fields));
  if (kinds.length === 0) return;
  const issues = Object.entries(fields).flatMap(([field, value]) => {
    const here = personalDataKinds(value);
    return here.length > 0
      ? [{ field, key: "errors.personal_data_field", params: { found: namePersonalData(t, here) } }]
      : [];
  });
  throw new HalyqError("PERSONAL_DATA_IN_PUBLIC", { found: namePersonalData(t, kinds) }, issues);
}

/** The appeals API: filing, the applicant's list, a body's inbox, and every step of the life cycle. */
export async function appealApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Body: Static<typeof NewAppeal> }>(
    "/api/v1/appeals",
    {
      schema: {
        operationId: "fileAppeal",
        tags: ["appeals"],
        summary: "File an appeal; 201 once it is registered and durable, with its number and term",
        description:
          "A public appeal (public: true) whose subject, text or address looks like it holds personal data is refused with 422 PERSONAL_DATA_IN_PUBLIC (the message names what was found, each field is listed in details) unless personalDataAcknowledged is true; every public output redacts such data in any case.",
        body: NewAppeal,
        response: {
          201: Registered,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const { personalDataAcknowledged: _acknowledged, ...input } = request.body;
      refusePersonalDataInPublic(request.t, request.body);
      const result = await fileAppeal(ctx, { channel: "api", principal }, input);
      if (result.kind !== "ok") throw failureError(result);
      const { dueOn, ...rest } = result.value;
      return reply.status(201).send({ ...rest, dueDate: dueOn });
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof DeskAppeal> }>(
    "/api/v1/agencies/:id/appeals",
    {
      schema: {
        operationId: "registerAppealForApplicant",
        tags: ["appeals"],
        summary:
          "Register a paper, phone, video or walk-in appeal on a person's behalf (registrar)",
        body: DeskAppeal,
        response: { 201: Registered, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const { channel, applicant, ...input } = request.body;
      const result = await fileAppeal(
        ctx,
        { channel, principal, agencyId: request.params.id, applicant },
        input,
      );
      if (result.kind !== "ok") throw failureError(result);
      const { dueOn, ...rest } = result.value;
      return reply.status(201).send({ ...rest, dueDate: dueOn });
    },
  );

  app.get(
    "/api/v1/appeals",
    {
      schema: {
        operationId: "listMyAppeals",
        tags: ["appeals"],
        summary: "The caller's own appeals (and their organisations'), newest first",
        response: { 200: Type.Object({ items: Type.Array(Summary) }), 401: ErrorBody },
      },
    },
    async (request) => {
      const principal = requireApi(request);
      if (principal.kind !== "citizen") return { items: [] };
      const orgs = await organisationIdsOf(ctx, principal.accountId);
      const rows = await listApplicantAppeals(ctx.db.kysely, principal.accountId, orgs);
      return { items: rows.map(appealSummary) };
    },
  );

  app.get<{ Params: { number: string } }>(
    "/api/v1/appeals/:number",
    {
      schema: {
        operationId: "getAppeal",
        tags: ["appeals"],
        summary: "One appeal as the caller may see it; 404 for anyone else",
        response: { 200: AppealDetail, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const principal = requireApi(request);
      const found = await loadVisibleAppeal(ctx, principal, request.params.number);
      if (!found) throw new HalyqError("NOT_FOUND");
      return appealJson(
        ctx.db.kysely,
        // An analyst reads no applicant's personal data here either.
        principal.kind === "staff" ? asReadableBy(ctx, principal, found.row, request.t) : found.row,
        principal.kind === "staff" ? "staff" : "applicant",
      );
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof InboxQuery> }>(
    "/api/v1/agencies/:id/appeals",
    {
      schema: {
        operationId: "listAgencyInbox",
        tags: ["appeals"],
        summary: "A body's inbox for its staff: filters, search, sorting, paging",
        querystring: InboxQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Summary),
            total: Type.Integer({ description: "Exact up to a cap; see totalCapped" }),
            totalCapped: Type.Boolean({ description: "There are more than `total`" }),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      const principal = requireApi(request);
      const agencyId = request.params.id;
      if (!ctx.policy.can(principal, "appeal.inbox", { agencyId }))
        throw new HalyqError("FORBIDDEN");
      const q = request.query;
      const { today, soon } = await inboxDates(ctx, agencyId);
      const pageSize = q.pageSize ?? 25;
      const page = q.page ?? 1;
      const { rows, total, totalCapped } = await agencyInbox(ctx.db.kysely, agencyId, {
        ...(q.status ? { status: q.status } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        ...(q.executorId ? { executorId: q.executorId } : {}),
        ...(q.due === "overdue" ? { overdue: true } : {}),
        ...(q.due === "soon" ? { dueBefore: soon } : {}),
        ...(q.q ? { q: q.q } : {}),
        ...(q.sort ? { sort: q.sort } : {}),
        today,
        page,
        pageSize,
      });
      return { items: rows.map(appealSummary), total, totalCapped, page, pageSize };
    },
  );

  app.post<{ Params: { number: string; action: string }; Body: Static<typeof ActionBody> }>(
    "/api/v1/appeals/:number/:action",
    {
      schema: {
        operationId: "actOnAppeal",
        tags: ["appeals"],
        summary:
          "Take a step: assign, redirect, forward, request-correction, correct, return, terminate, extend, answer, approve, send-back, withdraw, rate, complain, publish, note, control, categorise, satisfy",
        params: Type.Object({
          number: Type.String({ maxLength: 100 }),
          action: Type.Unsafe<AppealAction>({ type: "string", enum: [...ACTIONS] }),
        }),
        body: Type.Optional(ActionBody),
        response: {
          200: Type.Object({
            number: Type.String(),
            status: Type.String(),
            created: Type.Optional(
              Type.Object({ number: Type.String(), agencyId: Type.String(), dueOn: Type.String() }),
            ),
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const principal = requireApi(request);
      const action = request.params.action;
      if (!(ACTIONS as readonly string[]).includes(action)) throw new HalyqError("NOT_FOUND");
      const result = await actOnAppeal(
        ctx,
        principal,
        request.params.number,
        action as AppealAction,
        request.body ?? {},
      );
      if (result.kind !== "ok") throw failureError(result);
      return result.value;
    },
  );

  app.get(
    "/api/v1/transparency/head",
    {
      schema: {
        operationId: "getTransparencyHead",
        tags: ["appeals"],
        summary:
          "The public log's length and head hash: publish it to prove later that nothing was rewritten",
        response: { 200: Type.Object({ length: Type.Integer(), headHash: Type.String() }) },
      },
    },
    async () => {
      const head = await auditHead(ctx.db.kysely);
      return { length: head.seq, headHash: head.hash };
    },
  );
}

/** Today on the body's calendar, and the last day "due soon" covers (`STAFF_TASKS_DUE_DAYS` working days on). */
export async function inboxDates(
  ctx: AppContext,
  agencyId: string,
): Promise<{ today: string; soon: string }> {
  const calendar = ctx.calendars.forJurisdiction(await jurisdictionOf(ctx.db.kysely, agencyId));
  const today = toPlainDate(ctx.clock.now(), calendar.rules.timeZone);
  return { today, soon: calendar.addWorkingDays(today, ctx.config.staffTasks.dueDays) };
}
