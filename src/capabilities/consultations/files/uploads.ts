import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { FieldIssue } from "../../../kernel/result.js";
import {
  cleanFileName,
  type IncomingFile,
  inspectFile,
  megabytes,
} from "../../../platform/files/incoming.js";
import { attachmentSettings } from "../../../platform/files/settings.js";
import type { AppContext } from "../../../platform/manifest.js";
import type { ConsultationFilesTable } from "../consultations.table.js";

/** The form field that carries a file, and the id of its input (where the error summary points). */
export const FILE_FIELD = "file";

/** A file that passed every check, with the type its content shows. */
export interface CheckedFile {
  buffer: Buffer;
  fileName: string;
  mediaType: string;
}

/**
 * Checks files for a version of a draft with the limits of appeal attachments: none empty,
 * each within the size limit and a PDF, JPEG or PNG by its content, and no more than the
 * limit on the version (`already` counts those it has). Either every file passes or none does.
 */
export function checkFiles(
  files: IncomingFile[],
  already = 0,
): { ok: true; files: CheckedFile[] } | { ok: false; issues: FieldIssue[] } {
  const { maxFiles } = attachmentSettings;
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const inspected = inspectFile(file.buffer);
    if (!inspected.ok) {
      const issue: FieldIssue =
        inspected.problem === "empty"
          ? { field: FILE_FIELD, key: "consultations.files.error.empty" }
          : inspected.problem === "too_large"
            ? tooLarge()
            : inspected.problem === "active_content"
              ? { field: FILE_FIELD, key: "consultations.files.error.active_content" }
              : { field: FILE_FIELD, key: "consultations.files.error.type" };
      return { ok: false, issues: [issue] };
    }
    checked.push({
      buffer: file.buffer,
      fileName: cleanFileName(file.fileName),
      mediaType: inspected.mediaType,
    });
  }
  if (already + checked.length > maxFiles) {
    return {
      ok: false,
      issues: [
        { field: FILE_FIELD, key: "consultations.files.error.too_many", params: { max: maxFiles } },
      ],
    };
  }
  return { ok: true, files: checked };
}

/** The issue of a file over the size limit (also when the form itself was cut off for size). */
export function tooLarge(): FieldIssue {
  return {
    field: FILE_FIELD,
    key: "consultations.files.error.too_large",
    params: { max: megabytes(attachmentSettings.maxBytes) },
  };
}

/**
 * Writes checked files to the attachment store and returns their rows, to be inserted in the
 * caller's transaction. Content is stored durably before any row refers to it; content whose row
 * never comes is left to the store's sweep after its grace period.
 */
export async function storeFiles(
  ctx: AppContext,
  files: CheckedFile[],
  owner: { consultationId: string; version: number; uploadedBy: string },
): Promise<Insertable<ConsultationFilesTable>[]> {
  const at = ctx.clock.now().toISOString();
  const rows: Insertable<ConsultationFilesTable>[] = [];
  for (const file of files) {
    rows.push({
      id: randomUUID(),
      consultation_id: owner.consultationId,
      version: owner.version,
      file_name: file.fileName,
      media_type: file.mediaType,
      size: file.buffer.length,
      sha256: await ctx.blobStore.write(file.buffer),
      uploaded_by_id: owner.uploadedBy,
      created_at: at,
    });
  }
  return rows;
}
