import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import { sendDownload } from "../../../platform/files/download.js";
import type { AppContext } from "../../../platform/manifest.js";
import { readAppealAttachment } from "./attachments.js";

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
      return sendDownload(
        reply,
        { mediaType: file.row.media_type, fileName: file.row.file_name, buffer: file.buffer },
        "private, no-store",
      );
    },
  );
}
