import { appendAudit } from "../../../kernel/audit/audit.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { IncomingFile } from "../../../platform/files/incoming.js";
import type { AppContext } from "../../../platform/manifest.js";
import { inTransaction } from "../commands/transaction.js";
import { consultationStatus } from "../consultation.js";
import { bodyDays, type Draft, findDraft } from "../consultation.repository.js";
import {
  type ConsultationFileRow,
  deleteFile,
  filesOf,
  findFile,
  insertFiles,
} from "./files.repository.js";
import { checkFiles, storeFiles } from "./uploads.js";

const actor = (p: Principal) => ({ id: p.accountId, label: "staff" });

/**
 * The draft, when this person may change the files of its current version now: a head or
 * executor of the body, while the version's window is open (so what readers comment on does
 * not change after the discussion). Anyone else gets not_found or forbidden, as elsewhere.
 */
export async function fileAccess(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
): Promise<Result<Draft>> {
  const found = await findDraft(ctx.db.kysely, consultationId);
  if (!found) return notFound();
  if (!ctx.policy.can(principal, "consultation.manage", { agencyId: found.consultation.agency_id }))
    return forbidden();
  const days = await bodyDays(ctx, ctx.db.kysely, found.consultation.agency_id);
  const status = consultationStatus(found.version, days.today);
  if (status !== "open") return conflict("CONFLICT", { reason: "files_closed" });
  return ok(found);
}

/** Adds a file to the current version of a draft while its window is open; audited. */
export async function addFile(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
  file: IncomingFile,
): Promise<Result<ConsultationFileRow>> {
  const access = await fileAccess(ctx, principal, consultationId);
  if (access.kind !== "ok") return access;
  const { version } = access.value;
  const existing = await filesOf(ctx.db.kysely, consultationId, version.number);
  const checked = checkFiles([file], existing.length);
  if (!checked.ok) return invalid(checked.issues);
  const [row] = await storeFiles(ctx, checked.files, {
    consultationId,
    version: version.number,
    uploadedBy: principal.accountId,
  });
  if (!row) throw new Error("no file stored");
  await inTransaction(ctx, async (trx) => {
    await insertFiles(trx, [row]);
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: "consultation.file_added",
        subjectType: "consultation",
        subjectId: consultationId,
        data: {
          version: version.number,
          fileId: row.id,
          fileName: row.file_name,
          sha256: row.sha256,
        },
      },
    ]);
  });
  return ok(row as ConsultationFileRow);
}

/**
 * Takes a file off the current version while its window is open; audited with its name and
 * checksum. The content stays in the store until the sweep finds nothing referring to it.
 */
export async function removeFile(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
  fileId: string,
): Promise<Result<true>> {
  const access = await fileAccess(ctx, principal, consultationId);
  if (access.kind !== "ok") return access;
  const { version } = access.value;
  const file = await findFile(ctx.db.kysely, consultationId, fileId);
  if (!file || file.version !== version.number) return notFound();
  return inTransaction(ctx, async (trx) => {
    const removed = await deleteFile(trx, {
      id: fileId,
      consultationId,
      version: version.number,
    });
    if (!removed) return notFound();
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: "consultation.file_removed",
        subjectType: "consultation",
        subjectId: consultationId,
        data: {
          version: version.number,
          fileId,
          fileName: file.file_name,
          sha256: file.sha256,
        },
      },
    ]);
    return ok(true as const);
  });
}

/**
 * A file of a draft with its checked content, for anyone: the files are published with the
 * draft. Content that no longer matches its checksum is never served.
 */
export async function readConsultationFile(
  ctx: AppContext,
  consultationId: string,
  fileId: string,
): Promise<{ row: ConsultationFileRow; buffer: Buffer } | undefined> {
  const row = await findFile(ctx.db.kysely, consultationId, fileId);
  if (!row) return undefined;
  const stored = await ctx.blobStore.read(row.sha256);
  if (stored.kind !== "ok") {
    ctx.log.error(
      { consultationFileId: row.id, sha256: row.sha256, problem: stored.kind },
      "consultation file content does not match its checksum",
    );
    throw new HalyqError("INTERNAL");
  }
  return { row, buffer: stored.buffer };
}
