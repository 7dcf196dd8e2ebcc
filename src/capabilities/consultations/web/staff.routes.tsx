import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { multipartForms, uploadsOf } from "../../../platform/files/multipart.js";
import { attachmentSettings } from "../../../platform/files/settings.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, one } from "../../../web/forms.js";
import { agenciesOf, staffAllowed, staffOnly } from "../../../web/guards.js";
import { answerComment } from "../commands/answer-comment.js";
import { hideComment } from "../commands/moderate-comment.js";
import { publishDraft, publishVersion } from "../commands/publish-draft.js";
import { publishReport } from "../commands/publish-report.js";
import { consultationStatus, SUMMARY_MAX, TEXT_MAX, TITLE_MAX } from "../consultation.js";
import {
  bodyDays,
  bodyNames,
  commentsOf,
  defaultToday,
  findDraft,
  listDrafts,
  paragraphsOf,
} from "../consultation.repository.js";
import { filesOf } from "../files/files.repository.js";
import { FILE_FIELD, tooLarge } from "../files/uploads.js";
import { fileRoutes } from "./files.routes.js";
import { conflictText } from "./shared.js";
import { DraftForm, type FailedAction, OfficeDraftPage, OfficeListPage } from "./staff-pages.js";

type IdParams = { Params: { id: string } };
type CommentParams = { Params: { id: string; commentId: string } };
const DONE = [
  "published",
  "answer",
  "hide",
  "report",
  "version",
  "file_added",
  "file_removed",
] as const;
/**
 * Room in a publishing form for its text fields beside the file: every title, summary and
 * full text at their longest, at up to 4 bytes a character.
 */
const TEXT_ROOM = 3 * 4 * (TITLE_MAX + SUMMARY_MAX + TEXT_MAX);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FIELDS = [
  "agencyId",
  "type",
  "title_kk",
  "title_ru",
  "title_en",
  "summary_kk",
  "summary_ru",
  "summary_en",
  "text_kk",
  "text_ru",
  "text_en",
  "note",
] as const;

/** The bodies in which this person may take `action`, in the order of their grants. */
function bodiesFor(ctx: AppContext, p: Principal, action: string): string[] {
  return agenciesOf(p).filter((agencyId) => ctx.policy.can(p, action, { agencyId }));
}

const values = (body: unknown) =>
  Object.fromEntries(FIELDS.map((f) => [f, one(body as FormBody, f)]));

/** The files of a publishing form, or the issue when the form was too large to keep them. */
function formFiles(request: FastifyRequest) {
  const uploads = uploadsOf(request);
  return {
    files: uploads.files
      .filter((f) => f.field === FILE_FIELD)
      .map((f) => ({ buffer: f.buffer, fileName: f.fileName })),
    issues: uploads.tooLarge ? [tooLarge()] : [],
  };
}

/** Staff pages: a body's drafts, publishing a draft or version, answers, moderation, the report. */
export async function staffRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  multipartForms(app, { maxFileBytes: attachmentSettings.maxBytes + TEXT_ROOM });
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/office/")) reply.header("cache-control", "no-store");
  });

  app.get("/office/consultations", async (request, reply) => {
    const scope = staffAllowed(request, reply, ctx.policy, [
      "consultation.manage",
      "consultation.moderate",
    ]);
    if (!scope) return reply;
    const managed = bodiesFor(ctx, scope.principal, "consultation.manage");
    const bodies = scope.agencyIds;
    const today = defaultToday(ctx);
    const lists = await Promise.all(
      bodies.map((agencyId) => listDrafts(db, { agencyId, today, limit: 200 })),
    );
    const rows = lists.flatMap((l) => l.rows);
    const agencies = await bodyNames(db, bodies, request.locale);
    return reply.page(
      request.t("consultations.office.title"),
      <OfficeListPage
        t={request.t}
        locale={request.locale}
        rows={rows}
        agencies={agencies}
        today={today}
        canPublish={managed.length > 0}
      />,
    );
  });

  const showNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    vals: Record<string, string>,
    issues: FieldIssue[],
  ) => {
    const managed = bodiesFor(ctx, p, "consultation.manage");
    if (managed.length === 0) throw new HalyqError("FORBIDDEN");
    const names = await bodyNames(db, managed, request.locale);
    return reply.page(
      request.t("consultations.office.new"),
      <DraftForm
        t={request.t}
        csrf={reply.csrfToken()}
        values={vals}
        issues={issues}
        bodies={managed.map((id) => ({ id, name: names.get(id) ?? id }))}
      />,
      { hasErrors: issues.length > 0, ...(issues.length > 0 ? { status: 400 } : {}) },
    );
  };

  app.get("/office/consultations/new", async (request, reply) => {
    const p = staffOnly(request, reply);
    if (!p) return reply;
    return showNew(request, reply, p, {}, []);
  });

  app.post("/office/consultations", async (request, reply) => {
    const p = staffOnly(request, reply);
    if (!p) return reply;
    const vals = values(request.body);
    const upload = formFiles(request);
    if (upload.issues.length > 0) {
      if (bodiesFor(ctx, p, "consultation.manage").length === 0) throw new HalyqError("FORBIDDEN");
      return showNew(request, reply, p, vals, upload.issues);
    }
    const result = await publishDraft(ctx, p, {
      agencyId: vals.agencyId ?? "",
      type: vals.type ?? "",
      title_kk: vals.title_kk ?? "",
      title_ru: vals.title_ru ?? "",
      title_en: vals.title_en ?? "",
      summary_kk: vals.summary_kk ?? "",
      summary_ru: vals.summary_ru ?? "",
      summary_en: vals.summary_en ?? "",
      text_kk: vals.text_kk ?? "",
      text_ru: vals.text_ru ?? "",
      text_en: vals.text_en ?? "",
      files: upload.files,
    });
    if (result.kind === "ok") {
      ctx.pageCache.invalidate();
      return reply.redirect(`/office/consultations/${result.value.id}?done=published`, 303);
    }
    if (result.kind === "invalid") return showNew(request, reply, p, vals, result.issues);
    throw new HalyqError("FORBIDDEN");
  });

  const showDraft = async (
    request: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    id: string,
    state: {
      notice?: string;
      conflict?: string;
      failed?: FailedAction;
      fileIssues?: FieldIssue[];
      status?: number;
    } = {},
  ) => {
    const found = UUID.test(id) ? await findDraft(db, id) : undefined;
    if (!found) throw new HalyqError("NOT_FOUND");
    const { consultation, version } = found;
    const resource = { agencyId: consultation.agency_id };
    const canManage = ctx.policy.can(p, "consultation.manage", resource);
    const canModerate = ctx.policy.can(p, "consultation.moderate", resource);
    if (!canManage && !canModerate) throw new HalyqError("NOT_FOUND");
    const [days, paragraphs, comments, agencies, files] = await Promise.all([
      bodyDays(ctx, db, consultation.agency_id),
      paragraphsOf(db, version.id),
      commentsOf(db, [version.id]),
      bodyNames(db, [consultation.agency_id], request.locale),
      filesOf(db, consultation.id, version.number),
    ]);
    return reply.page(
      consultation[`title_${request.locale}`],
      <OfficeDraftPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        consultation={consultation}
        version={version}
        status={consultationStatus(version, days.today)}
        agency={agencies.get(consultation.agency_id) ?? ""}
        paragraphs={paragraphs}
        comments={comments}
        canManage={canManage}
        canModerate={canModerate}
        notice={state.notice}
        conflict={state.conflict}
        failed={state.failed}
        files={files}
        fileIssues={state.fileIssues ?? []}
      />,
      {
        hasErrors:
          state.failed !== undefined ||
          state.conflict !== undefined ||
          (state.fileIssues ?? []).length > 0,
        ...(state.status ? { status: state.status } : {}),
      },
    );
  };

  app.get<IdParams & { Querystring: { done?: string } }>(
    "/office/consultations/:id",
    async (request, reply) => {
      const p = staffOnly(request, reply);
      if (!p) return reply;
      const done = DONE.find((d) => d === request.query.done);
      return showDraft(request, reply, p, request.params.id, {
        ...(done ? { notice: request.t(`consultations.office.done.${done}`) } : {}),
      });
    },
  );

  for (const action of ["answer", "hide"] as const) {
    app.post<CommentParams>(
      `/office/consultations/:id/comments/:commentId/${action}`,
      async (request, reply) => {
        const p = staffOnly(request, reply);
        if (!p) return reply;
        const { id, commentId } = request.params;
        if (!UUID.test(id)) throw new HalyqError("NOT_FOUND");
        const vals = {
          answer: one(request.body as FormBody, "answer"),
          reason: one(request.body as FormBody, "reason"),
        };
        const result =
          action === "answer"
            ? await answerComment(ctx, p, id, commentId, vals)
            : await hideComment(ctx, p, id, commentId, vals.reason);
        switch (result.kind) {
          case "ok":
            ctx.pageCache.invalidate();
            return reply.redirect(`/office/consultations/${id}?done=${action}#c-${commentId}`, 303);
          case "invalid":
            return showDraft(request, reply, p, id, {
              failed: { commentId, action, issues: result.issues, values: vals },
              status: 400,
            });
          case "conflict":
            return showDraft(request, reply, p, id, {
              conflict: conflictText(request.t, result.params, request.locale),
              status: 409,
            });
          case "forbidden":
            throw new HalyqError("FORBIDDEN");
          default:
            throw new HalyqError("NOT_FOUND");
        }
      },
    );
  }

  app.post<IdParams>("/office/consultations/:id/report", async (request, reply) => {
    const p = staffOnly(request, reply);
    if (!p) return reply;
    const id = request.params.id;
    if (!UUID.test(id)) throw new HalyqError("NOT_FOUND");
    const result = await publishReport(ctx, p, id);
    switch (result.kind) {
      case "ok":
        ctx.pageCache.invalidate();
        ctx.mail.kick();
        return reply.redirect(`/office/consultations/${id}?done=report`, 303);
      case "conflict":
        return showDraft(request, reply, p, id, {
          conflict: conflictText(request.t, result.params, request.locale),
          status: 409,
        });
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  });

  const showVersion = async (
    request: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    id: string,
    vals: Record<string, string> | null,
    issues: FieldIssue[],
  ) => {
    const found = UUID.test(id) ? await findDraft(db, id) : undefined;
    if (!found) throw new HalyqError("NOT_FOUND");
    if (!ctx.policy.can(p, "consultation.manage", { agencyId: found.consultation.agency_id }))
      throw new HalyqError("NOT_FOUND");
    let shown = vals;
    if (!shown) {
      const paragraphs = await paragraphsOf(db, found.version.id);
      shown = {};
      for (const l of ["kk", "ru", "en"] as const) {
        shown[`text_${l}`] = paragraphs
          .map((x) => x[`text_${l}`])
          .filter((x): x is string => x !== null)
          .join("\n\n");
      }
    }
    return reply.page(
      request.t("consultations.office.version_title", { n: found.version.number + 1 }),
      <DraftForm
        t={request.t}
        csrf={reply.csrfToken()}
        values={shown}
        issues={issues}
        bodies={[]}
        version={{
          id,
          title: found.consultation[`title_${request.locale}`],
          number: found.version.number + 1,
        }}
      />,
      { hasErrors: issues.length > 0, ...(issues.length > 0 ? { status: 400 } : {}) },
    );
  };

  app.get<IdParams>("/office/consultations/:id/versions/new", async (request, reply) => {
    const p = staffOnly(request, reply);
    if (!p) return reply;
    return showVersion(request, reply, p, request.params.id, null, []);
  });

  app.post<IdParams>("/office/consultations/:id/versions", async (request, reply) => {
    const p = staffOnly(request, reply);
    if (!p) return reply;
    const id = request.params.id;
    if (!UUID.test(id)) throw new HalyqError("NOT_FOUND");
    const vals = values(request.body);
    const upload = formFiles(request);
    if (upload.issues.length > 0) return showVersion(request, reply, p, id, vals, upload.issues);
    const result = await publishVersion(ctx, p, id, {
      text_kk: vals.text_kk ?? "",
      text_ru: vals.text_ru ?? "",
      text_en: vals.text_en ?? "",
      note: vals.note ?? "",
      files: upload.files,
    });
    switch (result.kind) {
      case "ok":
        ctx.pageCache.invalidate();
        ctx.mail.kick();
        return reply.redirect(`/office/consultations/${id}?done=version`, 303);
      case "invalid":
        return showVersion(request, reply, p, id, vals, result.issues);
      case "conflict":
        return showDraft(request, reply, p, id, {
          conflict: conflictText(request.t, result.params, request.locale),
          status: 409,
        });
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  });

  await fileRoutes(app, ctx, showDraft);
}
