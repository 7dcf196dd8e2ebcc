import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { inTransaction } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import {
  cleanFileName,
  type IncomingFile,
  inspectFile,
  megabytes,
} from "../../../platform/files/incoming.js";
import { attachmentSettings } from "../../../platform/files/settings.js";
import type { AppContext } from "../../../platform/manifest.js";
import { loadVisibleAppeal } from "../commands/appeal-actions.js";
import {
  type AttachmentRow,
  countAttachments,
  deleteAnswerAttachment,
  findAttachmentOfAppeal,
  insertAttachment,
} from "./attachment.repository.js";

/**
 * Checks and stores one file for a draft (the applicant's) or an appeal (e.g. the body's
 * answer): not empty, within the size and count limits, a PDF, JPEG or PNG by its content.
 * The content is stored first (durably), then the row; a refused file changes nothing.
 */
export async function storeAttachment(
  ctx: AppContext,
  input: IncomingFile & {
    uploadedBy: string;
    purpose: "appeal" | "answer";
    draftId?: string;
    appealId?: string;
    /** The transaction the row is written in, when the file comes with other changes. */
    db?: Kysely<Database>;
  },
): Promise<Result<AttachmentRow>> {
  const db = input.db ?? ctx.db.kysely;
  const { maxBytes, maxFiles } = attachmentSettings;
  const checked = inspectFile(input.buffer);
  if (!checked.ok) {
    if (checked.problem === "empty") {
      return invalid([{ field: "file", key: "appeals.attachments.error.empty" }]);
    }
    if (checked.problem === "too_large") {
      return invalid([
        {
          field: "file",
          key: "appeals.attachments.error.too_large",
          params: { max: megabytes(maxBytes) },
        },
      ]);
    }
    if (checked.problem === "active_content") {
      return invalid([{ field: "file", key: "appeals.attachments.error.active_content" }]);
    }
    return invalid([{ field: "file", key: "appeals.attachments.error.type" }]);
  }
  const mediaType = checked.mediaType;
  const owner = input.draftId
    ? { draftId: input.draftId }
    : input.appealId
      ? { appealId: input.appealId, purpose: input.purpose }
      : null;
  if (!owner) throw new Error("an attachment belongs to a draft or an appeal");
  if ((await countAttachments(db, owner)) >= maxFiles) {
    return invalid([
      { field: "file", key: "appeals.attachments.error.too_many", params: { max: maxFiles } },
    ]);
  }
  const sha256 = await ctx.blobStore.write(input.buffer, db);
  const row: AttachmentRow = {
    id: randomUUID(),
    appeal_id: input.appealId ?? null,
    draft_id: input.draftId ?? null,
    purpose: input.purpose,
    uploaded_by_id: input.uploadedBy,
    file_name: cleanFileName(input.fileName),
    media_type: mediaType,
    size: input.buffer.length,
    sha256,
    created_at: ctx.clock.now().toISOString(),
  };
  await insertAttachment(db, row);
  return ok(row);
}

/** Statuses in which the body may still add or remove files of its answer. */
const ANSWER_OPEN = ["in_progress", "awaiting_approval"];

/** Whether an appeal in `status` still takes changes to its answer's files (the pages offer them). */
export const answerFilesOpen = (status: string): boolean => ANSWER_OPEN.includes(status);

/**
 * Whether this person may change the answer's files of this appeal now, with the outcomes
 * attachAnswerFile would give, so a form sent without a usable file is refused the same way.
 */
export async function answerFilesAccess(
  ctx: AppContext,
  principal: Principal,
  number: string,
): Promise<Result<true>> {
  const found = await loadVisibleAppeal(ctx, principal, number);
  if (!found) return notFound();
  if (!ctx.policy.can(principal, "appeal.answer", found.resource)) return forbidden();
  if (!answerFilesOpen(found.row.status)) return conflict("CONFLICT", { status: found.row.status });
  return ok(true);
}

/**
 * Adds a file to the body's answer (for the staff pages): only someone who may draft the
 * answer, only while it is not sent. Anyone who may not see the appeal gets not_found.
 */
export async function attachAnswerFile(
  ctx: AppContext,
  principal: Principal,
  number: string,
  file: IncomingFile,
): Promise<Result<AttachmentRow>> {
  const found = await loadVisibleAppeal(ctx, principal, number);
  if (!found) return notFound();
  if (!ctx.policy.can(principal, "appeal.answer", found.resource)) return forbidden();
  if (!ANSWER_OPEN.includes(found.row.status)) {
    return conflict("CONFLICT", { status: found.row.status });
  }
  return inTransaction(ctx.db.kysely, async (trx) => {
    const stored = await storeAttachment(ctx, {
      ...file,
      uploadedBy: principal.accountId,
      purpose: "answer",
      appealId: found.row.id,
      db: trx,
    });
    if (stored.kind === "ok") {
      await auditAnswerFile(ctx, trx, principal, found.row.id, { added: [stored.value.id] });
    }
    return stored;
  });
}

/** The audit entry of a change to the answer's files (kept out of the case's history). */
export async function auditAnswerFile(
  ctx: AppContext,
  trx: Kysely<Database>,
  principal: Principal,
  appealId: string,
  data: { added?: string[]; removed?: string[] },
): Promise<void> {
  await appendAudit(trx, ctx.clock, [
    {
      actor: { id: principal.accountId, label: principal.kind },
      action: "appeal.answer-files",
      subjectType: "appeal",
      subjectId: appealId,
      reason: null,
      data,
    },
  ]);
}

/** Takes a file off the body's answer while the answer is not sent (same rules as adding). */
export async function removeAnswerFile(
  ctx: AppContext,
  principal: Principal,
  number: string,
  attachmentId: string,
): Promise<Result<true>> {
  const found = await loadVisibleAppeal(ctx, principal, number);
  if (!found) return notFound();
  if (!ctx.policy.can(principal, "appeal.answer", found.resource)) return forbidden();
  if (!ANSWER_OPEN.includes(found.row.status)) {
    return conflict("CONFLICT", { status: found.row.status });
  }
  const removed = await inTransaction(ctx.db.kysely, async (trx) => {
    const done = await deleteAnswerAttachment(trx, { id: attachmentId, appealId: found.row.id });
    if (done) await auditAnswerFile(ctx, trx, principal, found.row.id, { removed: [attachmentId] });
    return done;
  });
  return removed ? ok(true) : notFound();
}

/**
 * A file of an appeal with its content, for someone who may see the appeal. The applicant
 * sees the body's answer files only once the answer is sent. Content that no longer matches
 * its checksum is never served: it is logged and reported as an internal error.
 */
export async function readAppealAttachment(
  ctx: AppContext,
  principal: Principal | null,
  number: string,
  attachmentId: string,
): Promise<{ row: AttachmentRow; buffer: Buffer } | undefined> {
  const found = await loadVisibleAppeal(ctx, principal, number);
  if (!found || !principal) return undefined;
  const row = await findAttachmentOfAppeal(ctx.db.kysely, found.row.id, attachmentId);
  if (!row) return undefined;
  // The scan of a paper letter is the body's record: staff only, the applicant included out.
  if (row.purpose === "scan" && principal.kind !== "staff") return undefined;
  if (row.purpose === "answer" && principal.kind !== "staff" && found.row.status !== "answered") {
    return undefined;
  }
  const stored = await ctx.blobStore.read(row.sha256);
  if (stored.kind !== "ok") {
    ctx.log.error(
      { attachmentId: row.id, sha256: row.sha256, problem: stored.kind },
      "attachment content does not match its checksum",
    );
    throw new HalyqError("INTERNAL");
  }
  return { row, buffer: stored.buffer };
}
