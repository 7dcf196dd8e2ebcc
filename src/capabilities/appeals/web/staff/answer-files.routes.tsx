import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import type { Principal } from "../../../../kernel/permissions.js";
import { invalid, type Result } from "../../../../kernel/result.js";
import { megabytes } from "../../../../platform/files/incoming.js";
import { multipartForms, uploadsOf } from "../../../../platform/files/multipart.js";
import { attachmentSettings } from "../../../../platform/files/settings.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { staffOnly } from "../../../../web/guards.js";
import {
  answerFilesAccess,
  attachAnswerFile,
  removeAnswerFile,
} from "../../attachments/attachments.js";
import { answerRoutes } from "./answer.routes.js";
import type { ShowCase } from "./case.routes.js";
import { conflictText } from "./reasons.js";

/** What the case page says after a change to the answer's files (`?file=…`). */
export const FILE_NOTICES = ["added", "removed"] as const;
export type FileNotice = (typeof FILE_NOTICES)[number];

type NumberParams = { Params: { number: string } };

/**
 * Adding and removing the files of the body's answer from the case page, by whoever may draft
 * the answer and only until it is sent (the rules live in attachAnswerFile/removeAnswerFile).
 * Registered in a scope of its own: the upload form is multipart, parsed before the CSRF check.
 */
export async function answerFileRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  show: ShowCase,
): Promise<void> {
  multipartForms(app, { maxFileBytes: attachmentSettings.maxBytes });
  // The answer form is multipart too: its files come with the text.
  await answerRoutes(app, ctx, show);

  const back = (number: string, notice: FileNotice) =>
    `/office/appeals/${encodeURIComponent(number)}?file=${notice}#answer-files`;

  /** The page after a change: back to the case, or why it could not be made. */
  function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    number: string,
    result: Result<unknown>,
    notice: FileNotice,
  ) {
    switch (result.kind) {
      case "ok":
        return reply.redirect(back(number, notice), 303);
      case "invalid":
        return show(request, reply, principal, number, {
          fileIssues: result.issues,
          status: 400,
        });
      case "conflict":
        return show(request, reply, principal, number, {
          conflict: conflictText(request.t, result.params),
          status: 409,
        });
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  }

  app.post<NumberParams>("/office/appeals/:number/answer-files", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const { number } = request.params;
    const uploads = uploadsOf(request);
    const file = uploads.files.find((f) => f.field === "file");
    let result: Result<unknown>;
    if (uploads.tooLarge || !file) {
      const access = await answerFilesAccess(ctx, principal, number);
      result =
        access.kind !== "ok"
          ? access
          : invalid([
              uploads.tooLarge
                ? {
                    field: "file",
                    key: "appeals.attachments.error.too_large",
                    params: { max: megabytes(attachmentSettings.maxBytes) },
                  }
                : { field: "file", key: "appeals.attachments.error.choose" },
            ]);
    } else {
      result = await attachAnswerFile(ctx, principal, number, {
        buffer: file.buffer,
        fileName: file.fileName,
      });
    }
    return answer(request, reply, principal, number, result, "added");
  });

  app.post<{ Params: { number: string; id: string } }>(
    "/office/appeals/:number/answer-files/:id/remove",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const { number, id } = request.params;
      const result = await removeAnswerFile(ctx, principal, number, id);
      return answer(request, reply, principal, number, result, "removed");
    },
  );
}
