import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import { HalyqError } from "../../kernel/errors.js";
import type { FieldIssue } from "../../kernel/result.js";
import { sendDownload } from "../../platform/files/download.js";
import {
  cleanFileName,
  type IncomingFile,
  inspectFile,
  megabytes,
} from "../../platform/files/incoming.js";
import { attachmentSettings } from "../../platform/files/settings.js";
import type { AppContext } from "../../platform/manifest.js";
import { BUDGET_ID } from "./budget.js";
import type { BudgetFilesTable } from "./budgets.table.js";

export type BudgetFileRow = BudgetFilesTable;
export type FileOwnerKind = "proposal" | "project";

/** A file that passed every check, with the type its content shows. */
export interface CheckedFile {
  buffer: Buffer;
  fileName: string;
  mediaType: string;
}

/** How many files one proposal or one project may hold in all. */
export const MAX_FILES_PER_OWNER = 20;

/**
 * Checks files with the limits every capability shares (none empty, each within the size limit,
 * a PDF, JPEG or PNG by its content, no active content) and this owner's limit (`already`
 * counts those it holds). `imagesOnly` refuses PDFs (photos). Either every file passes or none
 * does; the issue names `field`.
 */
export function checkBudgetFiles(
  field: string,
  files: IncomingFile[],
  o: { already?: number; imagesOnly?: boolean } = {},
): { ok: true; files: CheckedFile[] } | { ok: false; issues: FieldIssue[] } {
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const inspected = inspectFile(file.buffer);
    if (!inspected.ok) {
      const params =
        inspected.problem === "too_large"
          ? { max: megabytes(attachmentSettings.maxBytes) }
          : undefined;
      return {
        ok: false,
        issues: [
          {
            field,
            key: `budgets.files.error.${inspected.problem}`,
            ...(params ? { params } : {}),
          },
        ],
      };
    }
    if (o.imagesOnly && inspected.mediaType === "application/pdf")
      return { ok: false, issues: [{ field, key: "budgets.files.error.image" }] };
    checked.push({
      buffer: file.buffer,
      fileName: cleanFileName(file.fileName),
      mediaType: inspected.mediaType,
    });
  }
  if ((o.already ?? 0) + checked.length > MAX_FILES_PER_OWNER)
    return {
      ok: false,
      issues: [
        { field, key: "budgets.files.error.too_many", params: { max: MAX_FILES_PER_OWNER } },
      ],
    };
  return { ok: true, files: checked };
}

/**
 * Writes checked files to the shared file store and inserts their rows in the caller's
 * transaction. Content is stored durably before any row refers to it; content whose row never
 * comes (a rolled-back transaction) is left to the store's sweep after its grace period.
 */
export async function storeBudgetFiles(
  ctx: AppContext,
  trx: Transaction<Database> | Kysely<Database>,
  owner: { kind: FileOwnerKind; id: string },
  fileKind: string,
  files: CheckedFile[],
  uploadedBy: string | null,
  caption: string | null = null,
): Promise<BudgetFileRow[]> {
  if (files.length === 0) return [];
  const at = ctx.clock.now().toISOString();
  const rows: Insertable<BudgetFilesTable>[] = [];
  for (const file of files)
    rows.push({
      id: randomUUID(),
      owner_kind: owner.kind,
      owner_id: owner.id,
      kind: fileKind,
      caption,
      file_name: file.fileName,
      media_type: file.mediaType,
      size: file.buffer.length,
      sha256: await ctx.blobStore.write(file.buffer, trx),
      uploaded_by_id: uploadedBy,
      created_at: at,
    });
  await trx.insertInto("budget_files").values(rows).execute();
  return rows as BudgetFileRow[];
}

/** The files of these owners, oldest first. */
export async function filesOf(
  db: Kysely<Database> | Transaction<Database>,
  ownerKind: FileOwnerKind,
  ownerIds: string[],
): Promise<BudgetFileRow[]> {
  if (ownerIds.length === 0) return [];
  return db
    .selectFrom("budget_files")
    .selectAll()
    .where("owner_kind", "=", ownerKind)
    .where("owner_id", "in", ownerIds)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Removes one file of an owner (its content stays in the store until the sweep). */
export async function removeBudgetFile(
  trx: Transaction<Database> | Kysely<Database>,
  owner: { kind: FileOwnerKind; id: string },
  fileId: string,
): Promise<boolean> {
  const r = await trx
    .deleteFrom("budget_files")
    .where("id", "=", fileId)
    .where("owner_kind", "=", owner.kind)
    .where("owner_id", "=", owner.id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The address a file is served at (an image can be shown with it in `<img>` too). */
export const fileHref = (f: Pick<BudgetFileRow, "id">): string => `/budgets/files/${f.id}`;

/**
 * Whether the public may see a file: a project's always; a proposal's once it has been
 * submitted (a draft's files are its author's).
 */
async function isPublic(ctx: AppContext, row: BudgetFileRow): Promise<boolean> {
  if (row.owner_kind === "project") return true;
  const p = await ctx.db.kysely
    .selectFrom("budget_proposals")
    .select("status")
    .where("id", "=", row.owner_id)
    .executeTakeFirst();
  return p !== undefined && p.status !== "draft";
}

/**
 * Serves a file of a proposal or a project as a download of its stored, content-checked type
 * (an `<img>` shows a photo all the same). A draft proposal's files go only to its author.
 */
export async function budgetFileRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { fileId: string } }>("/budgets/files/:fileId", async (request, reply) => {
    const { fileId } = request.params;
    if (!BUDGET_ID.test(fileId)) throw new HalyqError("NOT_FOUND");
    const row = await ctx.db.kysely
      .selectFrom("budget_files")
      .selectAll()
      .where("id", "=", fileId)
      .executeTakeFirst();
    if (!row) throw new HalyqError("NOT_FOUND");
    const open = await isPublic(ctx, row);
    if (!open) {
      const author = await ctx.db.kysely
        .selectFrom("budget_proposals")
        .select("author_id")
        .where("id", "=", row.owner_id)
        .executeTakeFirst();
      if (!author || request.principal?.accountId !== author.author_id)
        throw new HalyqError("NOT_FOUND");
    }
    const blob = await ctx.blobStore.read(row.sha256);
    if (blob.kind !== "ok") throw new HalyqError("NOT_FOUND");
    return sendDownload(
      reply,
      { mediaType: row.media_type, fileName: row.file_name, buffer: blob.buffer },
      open ? "public, max-age=3600" : "private, no-store",
    );
  });
}

/**
 * Which of these contents (SHA-256 in the shared file store) a proposal or a project still
 * references, so the store's sweep keeps them.
 */
export async function referencedFiles(
  db: Kysely<Database>,
  sha256s: string[],
): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db
    .selectFrom("budget_files")
    .select("sha256")
    .distinct()
    .where("sha256", "in", sha256s)
    .execute();
  return new Set(rows.map((r) => r.sha256));
}
