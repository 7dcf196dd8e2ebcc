import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import { type FieldIssue, invalid, type Result } from "../../../kernel/result.js";
import { sendDownload } from "../../../platform/files/download.js";
import { uploadsOf } from "../../../platform/files/multipart.js";
import type { AppContext } from "../../../platform/manifest.js";
import { staffOnly } from "../../../web/guards.js";
import { addFile, fileAccess, readConsultationFile, removeFile } from "../files/file-actions.js";
import { FILE_FIELD, tooLarge } from "../files/uploads.js";
import { conflictText } from "./shared.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The office page of a draft, shown again with what went wrong. */
export type ShowDraft = (
  request: FastifyRequest,
  reply: FastifyReply,
  p: Principal,
  id: string,
  state: { conflict?: string; fileIssues?: FieldIssue[]; status?: number },
) => Promise<unknown>;

/**
 * Adding and removing files of a draft's current version from its office page, by the body's
 * heads and executors while the window is open (the rules live in file-actions.ts). The
 * scope must take multipart forms (staff.routes.tsx sets that up).
 */
export async function fileRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  show: ShowDraft,
): Promise<void> {
  function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    id: string,
    result: Result<unknown>,
    done: "file_added" | "file_removed",
  ) {
    switch (result.kind) {
      case "ok":
        ctx.pageCache.invalidate();
        return reply.redirect(`/office/consultations/${id}?done=${done}#files`, 303);
      case "invalid":
        return show(request, reply, p, id, { fileIssues: result.issues, status: 400 });
      case "conflict":
        return show(request, reply, p, id, {
          conflict: conflictText(request.t, result.params, request.locale),
          status: 409,
        });
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  }

  app.post<{ Params: { id: string } }>(
    "/office/consultations/:id/files",
    async (request, reply) => {
      const p = staffOnly(request, reply);
      if (!p) return reply;
      const id = request.params.id;
      if (!UUID.test(id)) throw new HalyqError("NOT_FOUND");
      const uploads = uploadsOf(request);
      const file = uploads.files.find((f) => f.field === FILE_FIELD);
      let result: Result<unknown>;
      if (uploads.tooLarge || !file) {
        const access = await fileAccess(ctx, p, id);
        result =
          access.kind !== "ok"
            ? access
            : invalid([
                uploads.tooLarge
                  ? tooLarge()
                  : { field: FILE_FIELD, key: "consultations.files.error.choose" },
              ]);
      } else {
        result = await addFile(ctx, p, id, { buffer: file.buffer, fileName: file.fileName });
      }
      return answer(request, reply, p, id, result, "file_added");
    },
  );

  app.post<{ Params: { id: string; fileId: string } }>(
    "/office/consultations/:id/files/:fileId/remove",
    async (request, reply) => {
      const p = staffOnly(request, reply);
      if (!p) return reply;
      const { id, fileId } = request.params;
      if (!UUID.test(id) || !UUID.test(fileId)) throw new HalyqError("NOT_FOUND");
      const result = await removeFile(ctx, p, id, fileId);
      return answer(request, reply, p, id, result, "file_removed");
    },
  );
}

/**
 * Serves a file of a draft to anyone (the files are published with the draft), always as a
 * download of its stored, content-checked type.
 */
export async function fileDownloadRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { id: string; fileId: string } }>(
    "/consultations/:id/files/:fileId",
    async (request, reply) => {
      const { id, fileId } = request.params;
      if (!UUID.test(id) || !UUID.test(fileId)) throw new HalyqError("NOT_FOUND");
      const file = await readConsultationFile(ctx, id, fileId);
      if (!file) throw new HalyqError("NOT_FOUND");
      return sendDownload(
        reply,
        { mediaType: file.row.media_type, fileName: file.row.file_name, buffer: file.buffer },
        "no-cache",
      );
    },
  );
}
