import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { failureError, HalyqError } from "../../kernel/errors.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody, PlainDateString } from "../../web/api-schemas.js";
import { requireApi } from "../../web/guards.js";
import { todayOf } from "./ageing.js";
import { answerQuestion } from "./commands/answer-question.js";
import { askQuestion } from "./commands/ask-question.js";
import { moderateQuestion } from "./commands/moderate-question.js";
import { supportQuestion } from "./commands/support-question.js";
import {
  PUBLIC_STATUSES,
  QUESTION_STATUSES,
  type QuestionStatus,
  REJECT_REASONS,
} from "./question.js";
import { bodyById, questionById, questionsOf } from "./question.repository.js";
import { questionJson } from "./question-json.js";

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));

const Question = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  status: literals(QUESTION_STATUSES),
  subject: Type.String(),
  text: Type.String(),
  askedOn: PlainDateString,
  publishedOn: Type.Union([PlainDateString, Type.Null()]),
  supporters: Type.Integer({ description: "People who have this question too" }),
  waitingWorkingDays: Type.Union([Type.Integer(), Type.Null()], {
    description: "Working days since it was asked, while it waits for its answer",
  }),
  answer: Type.Union([
    Type.Object({
      text: Type.String(),
      answeredOn: PlainDateString,
      workingDays: Type.Integer({ description: "Working days from asking to the answer" }),
    }),
    Type.Null(),
  ]),
  rejectReason: Type.Union([literals(REJECT_REASONS), Type.Null()]),
});
const NewQuestion = Type.Object(
  { subject: Type.String({ maxLength: 2000 }), text: Type.String({ maxLength: 40000 }) },
  { additionalProperties: false },
);
const Moderation = Type.Object(
  {
    decision: literals(["approve", "reject"] as const),
    reason: Type.Optional(
      Type.String({ maxLength: 40, description: "When rejecting: one of the published reasons" }),
    ),
    subject: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: "When approving: the subject to publish, if not the asker's",
      }),
    ),
    text: Type.Optional(
      Type.String({
        maxLength: 40000,
        description: "When approving: the text to publish, if not the asker's",
      }),
    ),
  },
  { additionalProperties: false },
);
const Answer = Type.Object(
  { text: Type.String({ maxLength: 40000 }) },
  { additionalProperties: false },
);
const Support = Type.Object({ supported: Type.Boolean(), supporters: Type.Integer() });
const AgencyParams = Type.Object({ agencyId: Type.String({ maxLength: 100 }) });
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

/** Open dialogue in the API: a body's questions, asking, support, moderation and answers. */
export async function dialogueApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  async function present(id: string) {
    const row = await questionById(db, id);
    const body = row ? await bodyById(db, row.agency_id) : undefined;
    if (!row || !body) throw new HalyqError("NOT_FOUND");
    const cal = ctx.calendars.forJurisdiction(body.jurisdiction);
    return questionJson(row, cal, todayOf(ctx, cal));
  }

  app.get<{ Params: Static<typeof AgencyParams>; Querystring: { status?: QuestionStatus } }>(
    "/api/v1/dialogue/:agencyId/questions",
    {
      config: { auth: "optional" },
      schema: {
        operationId: "listDialogueQuestions",
        tags: ["dialogue"],
        summary:
          "A body's questions to its head, oldest first: public ones (published, answered) to anyone; pending and rejected ones to the body's moderators",
        params: AgencyParams,
        querystring: Type.Object(
          { status: Type.Optional(literals(QUESTION_STATUSES)) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Question) }),
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const { agencyId } = request.params;
      const body = await bodyById(db, agencyId);
      if (!body) throw new HalyqError("NOT_FOUND");
      const status = request.query.status;
      if (status && !PUBLIC_STATUSES.includes(status)) {
        const principal = requireApi(request);
        if (!ctx.policy.can(principal, "dialogue.moderate", { agencyId }))
          throw new HalyqError("FORBIDDEN");
      }
      const cal = ctx.calendars.forJurisdiction(body.jurisdiction);
      const today = todayOf(ctx, cal);
      const rows = await questionsOf(db, agencyId, status ? [status] : PUBLIC_STATUSES);
      return { items: rows.map((r) => questionJson(r, cal, today)) };
    },
  );

  app.post<{ Params: Static<typeof AgencyParams>; Body: Static<typeof NewQuestion> }>(
    "/api/v1/dialogue/:agencyId/questions",
    {
      schema: {
        operationId: "askDialogueQuestion",
        tags: ["dialogue"],
        summary:
          "Ask the body's head a question; it is public once the body's moderator approves it",
        params: AgencyParams,
        body: NewQuestion,
        response: { 201: Question, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const result = await askQuestion(ctx, principal, request.params.agencyId, request.body);
      if (result.kind !== "ok") throw failureError(result);
      return reply.status(201).send(await present(result.value.id));
    },
  );

  for (const method of ["POST", "DELETE"] as const) {
    app.route<{ Params: Static<typeof IdParams> }>({
      method,
      url: "/api/v1/dialogue/questions/:id/support",
      schema: {
        operationId: method === "POST" ? "supportDialogueQuestion" : "withdrawDialogueSupport",
        tags: ["dialogue"],
        summary:
          method === "POST"
            ? "I have this question too (once per person; asking again changes nothing)"
            : 'Withdraw my "I have this question too"',
        params: IdParams,
        response: { 200: Support, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
      handler: async (request) => {
        const principal = requireApi(request);
        const result = await supportQuestion(ctx, principal, request.params.id, method === "POST");
        if (result.kind !== "ok") throw failureError(result);
        return result.value;
      },
    });
  }

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof Moderation> }>(
    "/api/v1/dialogue/questions/:id/moderation",
    {
      schema: {
        operationId: "moderateDialogueQuestion",
        tags: ["dialogue"],
        summary:
          "Publish a pending question or reject it with a published reason (the body's moderator)",
        params: IdParams,
        body: Moderation,
        response: {
          200: Question,
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
      const b = request.body;
      const result = await moderateQuestion(
        ctx,
        principal,
        request.params.id,
        b.decision === "approve"
          ? { decision: "approve", subject: b.subject, text: b.text }
          : { decision: "reject", reason: b.reason ?? "" },
      );
      if (result.kind !== "ok") throw failureError(result);
      return present(request.params.id);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof Answer> }>(
    "/api/v1/dialogue/questions/:id/answer",
    {
      schema: {
        operationId: "answerDialogueQuestion",
        tags: ["dialogue"],
        summary: "Answer a published question in public (the body's head or executors)",
        params: IdParams,
        body: Answer,
        response: {
          200: Question,
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
      const result = await answerQuestion(ctx, principal, request.params.id, request.body);
      if (result.kind !== "ok") throw failureError(result);
      return present(request.params.id);
    },
  );
}
