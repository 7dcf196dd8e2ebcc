import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { FieldIssue } from "../../../kernel/result.js";
import { attachmentsDir, writeBlob } from "../../../platform/files/blob-store.js";
import { sniffMediaType } from "../../../platform/files/sniff.js";
import type { AppContext } from "../../../platform/manifest.js";
import {
  cleanFileName,
  type IncomingFile,
  megabytes,
} from "../../appeals/attachments/attachments.js";
import { attachmentSettings } from "../../appeals/attachments/settings.js";
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
  const { maxBytes, maxFiles } = attachmentSettings;
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const issue = ((): FieldIssue | null => {
      if (file.buffer.length === 0)
        return { field: FILE_FIELD, key: "consultations.files.error.empty" };
      if (file.buffer.length > maxBytes) return tooLarge();
      return sniffMediaType(file.buffer)
        ? null
        : { field: FILE_FIELD, key: "consultations.files.error.type" };
    })();
    if (issue) return { ok: false, issues: [issue] };
    checked.push({
      buffer: file.buffer,
      fileName: cleanFileName(file.fileName),
      mediaType: sniffMediaType(file.buffer) as string,
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
 * caller's transaction. Content goes to disk before any row refers to it; content whose row
 * never comes is left to the store's sweep after its grace period.
 */
export async function storeFiles(
  ctx: AppContext,
  files: CheckedFile[],
  owner: { consultationId: string; version: number; uploadedBy: string },
): Promise<Insertable<ConsultationFilesTable>[]> {
  const dir = attachmentsDir(ctx.config.dataDir);
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
      sha256: await writeBlob(dir, file.buffer),
      uploaded_by_id: owner.uploadedBy,
      created_at: at,
    });
  }
  return rows;
}
