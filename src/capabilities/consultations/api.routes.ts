import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { failureError, HalyqError } from "../../kernel/errors.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody, PlainDateString } from "../../web/api-schemas.js";
import { requireApi } from "../../web/guards.js";
import { addComment } from "./commands/comments.js";
import {
  ANSWERS,
  COMMENT_MAX,
  CONSULTATION_STATUSES,
  consultationStatus,
  DRAFT_TYPES,
  HIDE_REASONS,
} from "./consultation.js";
import {
  bodyDays,
  commentsOf,
  defaultToday,
  findDraft,
  listDrafts,
  paragraphsOf,
} from "./consultation.repository.js";
import { filesOf } from "./files/files.repository.js";
import { loadReports } from "./report.js";
import { fileUrl } from "./web/files.js";
import { conflictText } from "./web/shared.js";

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const Texts = Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() });

const Summary = Type.Object({
  id: Type.String({ format: "uuid" }),
  agencyId: Type.String(),
  type: literals(DRAFT_TYPES),
  status: literals(CONSULTATION_STATUSES),
  title: Texts,
  summary: Texts,
  version: Type.Integer(),
  window: Type.Object({
    opensOn: PlainDateString,
    closesOn: Type.String({
      description: "YYYY-MM-DD, the last day comments are taken (inclusive)",
    }),
  }),
  comments: Type.Integer(),
  reportPublishedAt: Nullable(Type.String()),
});

const Paragraph = Type.Object({
  number: Type.Integer(),
  text: Type.Object({
    kk: Nullable(Type.String()),
    ru: Nullable(Type.String()),
    en: Nullable(Type.String()),
  }),
  comments: Type.Integer(),
});

const PublicComment = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  paragraph: Type.Union([Type.Integer(), Type.Null()]),
  author: Type.String({ description: "First name and the initial of the surname" }),
  date: PlainDateString,
  text: Nullable(Type.String({ description: "null when hidden by the moderator" })),
  hidden: Type.Union([
    Type.Null(),
    Type.Object({ reason: literals(HIDE_REASONS), label: Type.String() }),
  ]),
  agree: Type.Integer(),
  disagree: Type.Integer(),
  answer: Type.Union([
    Type.Null(),
    Type.Object({ decision: literals(ANSWERS), label: Type.String(), reason: Type.String() }),
  ]),
});

const FileInfo = Type.Object({
  id: Type.String({ format: "uuid" }),
  fileName: Type.String(),
  mediaType: Type.String({
    description: "application/pdf, image/jpeg or image/png, judged by content",
  }),
  size: Type.Integer({ description: "bytes" }),
  sha256: Type.String({ description: "hex SHA-256 of the content" }),
  url: Type.String({ description: "where the file is downloaded (absolute)" }),
});

const ListQuery = Type.Object(
  {
    status: Type.Optional(literals(CONSULTATION_STATUSES)),
    agencyId: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

const NewComment = Type.Object(
  {
    paragraph: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1, maximum: 10000 }), Type.Null()], {
        description:
          "Number of a paragraph of the current version; omit or null for the whole draft",
      }),
    ),
    text: Type.String({ maxLength: COMMENT_MAX }),
  },
  { additionalProperties: false },
);

const Id = Type.Object({ id: Type.String({ format: "uuid" }) });

/** The consultations API: drafts and their windows, comments, and the published reports. */
export async function consultationApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    "/api/v1/consultations",
    {
      schema: {
        operationId: "listConsultations",
        tags: ["consultations"],
        summary: "Drafts of acts under public discussion, newest window first",
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Summary),
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
      const today = defaultToday(ctx);
      const { rows, total } = await listDrafts(db, {
        ...(q.agencyId ? { agencyId: q.agencyId } : {}),
        ...(q.status ? { status: q.status } : {}),
        today,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          agencyId: r.agency_id,
          type: r.type,
          status: consultationStatus(r, today),
          title: { kk: r.title_kk, ru: r.title_ru, en: r.title_en },
          summary: { kk: r.summary_kk, ru: r.summary_ru, en: r.summary_en },
          version: r.current_version,
          window: { opensOn: r.opens_on, closesOn: r.closes_on },
          comments: r.comment_count,
          reportPublishedAt: r.report_published_at,
        })),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get<{ Params: Static<typeof Id> }>(
    "/api/v1/consultations/:id",
    {
      schema: {
        operationId: "getConsultation",
        tags: ["consultations"],
        summary: "One draft: its current version's paragraphs, window and counts",
        params: Id,
        response: {
          200: Type.Composite([
            Summary,
            Type.Object({
              paragraphs: Type.Array(Paragraph),
              wholeDraftComments: Type.Integer(),
              hiddenComments: Type.Integer(),
              files: Type.Array(FileInfo, {
                description: "Files published with the current version",
              }),
            }),
          ]),
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const found = await findDraft(db, request.params.id);
      if (!found) throw new HalyqError("NOT_FOUND");
      const { consultation: c, version: v } = found;
      const [days, paragraphs, comments, files] = await Promise.all([
        bodyDays(ctx, db, c.agency_id),
        paragraphsOf(db, v.id),
        commentsOf(db, [v.id]),
        filesOf(db, c.id, v.number),
      ]);
      return {
        id: c.id,
        agencyId: c.agency_id,
        type: c.type,
        status: consultationStatus(v, days.today),
        title: { kk: c.title_kk, ru: c.title_ru, en: c.title_en },
        summary: { kk: c.summary_kk, ru: c.summary_ru, en: c.summary_en },
        version: v.number,
        window: { opensOn: v.opens_on, closesOn: v.closes_on },
        comments: comments.length,
        reportPublishedAt: v.report_published_at,
        paragraphs: paragraphs.map((p) => ({
          number: p.number,
          text: { kk: p.text_kk, ru: p.text_ru, en: p.text_en },
          comments: comments.filter((k) => k.paragraph_number === p.number).length,
        })),
        wholeDraftComments: comments.filter((k) => k.paragraph_number === null).length,
        hiddenComments: comments.filter((k) => k.hidden_at !== null).length,
        files: files.map((f) => ({
          id: f.id,
          fileName: f.file_name,
          mediaType: f.media_type,
          size: Number(f.size),
          sha256: f.sha256,
          url: `${ctx.config.publicUrl}${fileUrl(c.id, f.id)}`,
        })),
      };
    },
  );

  app.post<{ Params: Static<typeof Id>; Body: Static<typeof NewComment> }>(
    "/api/v1/consultations/:id/comments",
    {
      schema: {
        operationId: "commentOnConsultation",
        tags: ["consultations"],
        summary:
          "Comment on a paragraph or on the whole draft (signed-in citizens, while the window is open; 409 after it closes)",
        params: Id,
        body: NewComment,
        response: {
          201: Type.Object({
            id: Type.String(),
            paragraph: Type.Union([Type.Integer(), Type.Null()]),
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const result = await addComment(ctx, principal, request.params.id, {
        paragraph: request.body.paragraph ?? null,
        text: request.body.text,
      });
      if (result.kind === "conflict") {
        // The generic conflict message would not say why: the window's close is named.
        return reply
          .status(409)
          .type("application/json; charset=utf-8")
          .send({
            error: {
              code: "CONFLICT",
              message: conflictText(request.t, result.params, request.locale),
            },
          });
      }
      if (result.kind !== "ok") throw failureError(result);
      ctx.pageCache.invalidate();
      return reply.status(201).send(result.value);
    },
  );

  app.get<{ Params: Static<typeof Id> }>(
    "/api/v1/consultations/:id/report",
    {
      schema: {
        operationId: "getConsultationReport",
        tags: ["consultations"],
        summary:
          "The report on the results of the discussion: every comment of each reported version with the body's answer (404 until published)",
        params: Id,
        response: {
          200: Type.Object({
            id: Type.String(),
            versions: Type.Array(
              Type.Object({
                version: Type.Integer(),
                window: Type.Object({ opensOn: PlainDateString, closesOn: PlainDateString }),
                reportPublishedAt: Type.String(),
                counts: Type.Object({
                  comments: Type.Integer(),
                  hidden: Type.Integer(),
                  accepted: Type.Integer(),
                  partly_accepted: Type.Integer(),
                  rejected: Type.Integer(),
                }),
                comments: Type.Array(PublicComment),
              }),
            ),
          }),
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const found = await findDraft(db, request.params.id);
      if (!found) throw new HalyqError("NOT_FOUND");
      const reports = await loadReports(db, found.consultation.id);
      if (reports.length === 0) throw new HalyqError("NOT_FOUND");
      const t = request.t;
      return {
        id: found.consultation.id,
        versions: reports.map((r) => ({
          version: r.version.number,
          window: { opensOn: r.version.opens_on, closesOn: r.version.closes_on },
          reportPublishedAt: r.version.report_published_at ?? "",
          counts: { comments: r.counts.comments, hidden: r.counts.hidden, ...r.counts.answered },
          comments: r.comments.map((c) => ({
            id: c.id,
            version: r.version.number,
            paragraph: c.paragraph_number,
            author: c.author_name,
            date: c.created_on,
            text: c.hidden_at === null ? c.body : null,
            hidden:
              c.hidden_at === null
                ? null
                : {
                    reason: c.hidden_reason ?? "",
                    label: t(`consultations.hide_reason.${c.hidden_reason}`),
                  },
            agree: c.agree,
            disagree: c.disagree,
            answer: c.answer
              ? {
                  decision: c.answer,
                  label: t(`consultations.answer.${c.answer}`),
                  reason: c.answer_reason ?? "",
                }
              : null,
          })),
        })),
      };
    },
  );
}
