import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { readAppealAttachment } from "./attachments.js";

/** `filename*` per RFC 6266/5987, with a plain ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Serves an appeal's file to those who may see the appeal, always as a download of its
 * stored (content-checked) type; anyone else gets the same 404 as for a file that does not exist.
 */
export async function attachmentDownloadRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<{ Params: { number: string; id: string } }>(
    "/appeals/:number/attachments/:id",
    { schema: { hide: true } },
    async (request, reply) => {
      const file = await readAppealAttachment(
        ctx,
        request.principal,
        request.params.number,
        request.params.id,
      );
      if (!file) throw new HalyqError("NOT_FOUND");
      return reply
        .header("content-type", file.row.media_type)
        .header("content-disposition", contentDisposition(file.row.file_name))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(file.buffer);
    },
  );
}
