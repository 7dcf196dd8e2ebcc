import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { AppContext } from "../../../platform/manifest.js";

/**
 * How long an unfinished filing is kept, and how the cleanup runs; kept in one place so an
 * installation can change them.
 */
export const draftCleanupSettings = {
  /** A draft neither saved nor given a file for this many days is deleted with its files. */
  maxAgeDays: 30,
  /**
   * Stored content written or reused more recently than this is never removed: its upload
   * may not have written its row yet.
   */
  graceMs: 24 * 3_600_000,
  /** Drafts (and leftover file rows) taken per transaction. */
  pageSize: 500,
};

export interface DraftCleanupOptions {
  maxAgeDays?: number;
  graceMs?: number;
  pageSize?: number;
}

const DAY = 86_400_000;

/** Drafts untouched since `cutoff`: not saved since, and given no file since. */
const untouched = (cutoff: string) => (eb: ExpressionBuilder<Database, "appeal_drafts">) =>
  eb.and([
    eb("appeal_drafts.updated_at", "<", cutoff),
    eb.not(
      eb.exists(
        eb
          .selectFrom("appeal_attachments")
          .select("appeal_attachments.id")
          .whereRef("appeal_attachments.draft_id", "=", "appeal_drafts.id")
          .where("appeal_attachments.created_at", ">=", cutoff),
      ),
    ),
  ]);

/**
 * File rows that belong to no appeal and to no draft any more (an upload that raced the
 * deletion of its draft), once as old as the cutoff.
 */
const ownerless = (cutoff: string) => (eb: ExpressionBuilder<Database, "appeal_attachments">) =>
  eb.and([
    eb("appeal_attachments.appeal_id", "is", null),
    eb("appeal_attachments.created_at", "<", cutoff),
    eb.not(
      eb.exists(
        eb
          .selectFrom("appeal_drafts")
          .select("appeal_drafts.id")
          .whereRef("appeal_drafts.id", "=", "appeal_attachments.draft_id"),
      ),
    ),
  ]);

/**
 * Deletes abandoned drafts with the rows of their files, then the stored contents that no row
 * references any more. Safe when several instances run it at once: each deletion repeats its
 * conditions, so a draft saved meanwhile stays, and contents are removed only when unreferenced
 * (content-addressed: one file may serve several rows).
 */
export async function deleteAbandonedDrafts(
  ctx: AppContext,
  options: DraftCleanupOptions = {},
): Promise<{ drafts: number; fileRows: number; files: number }> {
  const { maxAgeDays, graceMs, pageSize } = { ...draftCleanupSettings, ...options };
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - maxAgeDays * DAY).toISOString();
  const unreferenced: string[] = [];
  let drafts = 0;
  let fileRows = 0;

  for (;;) {
    const page = await db
      .selectFrom("appeal_drafts")
      .select("id")
      .where(untouched(cutoff))
      .orderBy("updated_at")
      .orderBy("id")
      .limit(pageSize)
      .execute();
    if (page.length === 0) break;
    const done = await db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom("appeal_drafts")
        .where(
          "id",
          "in",
          page.map((r) => r.id),
        )
        .where(untouched(cutoff))
        .returning("id")
        .execute();
      if (gone.length === 0) return { drafts: 0, shas: [] as string[] };
      const files = await trx
        .deleteFrom("appeal_attachments")
        .where(
          "draft_id",
          "in",
          gone.map((r) => r.id),
        )
        .where("appeal_id", "is", null)
        .returning("sha256")
        .execute();
      return { drafts: gone.length, shas: files.map((f) => f.sha256) };
    });
    drafts += done.drafts;
    fileRows += done.shas.length;
    unreferenced.push(...done.shas);
    if (page.length < pageSize) break;
  }

  for (;;) {
    const page = await db
      .selectFrom("appeal_attachments")
      .select("id")
      .where(ownerless(cutoff))
      .orderBy("created_at")
      .orderBy("id")
      .limit(pageSize)
      .execute();
    if (page.length === 0) break;
    const files = await db
      .deleteFrom("appeal_attachments")
      .where(
        "id",
        "in",
        page.map((r) => r.id),
      )
      .where(ownerless(cutoff))
      .returning("sha256")
      .execute();
    fileRows += files.length;
    unreferenced.push(...files.map((f) => f.sha256));
    if (page.length < pageSize) break;
  }

  const files = await ctx.blobStore.removeUnreferenced(
    unreferenced,
    ctx.referencedBlobs,
    new Date(now.getTime() - graceMs),
  );
  return { drafts, fileRows, files };
}

/**
 * Walks the whole shared file store for contents no capability references any more (a file
 * taken off a draft or an answer, an upload whose row never came) and for leftovers of
 * interrupted writes; every capability that stores files answers through its `blobs` slot.
 */
export async function sweepAttachmentStore(
  ctx: AppContext,
  options: Pick<DraftCleanupOptions, "graceMs"> = {},
): Promise<{ files: number; leftovers: number }> {
  const graceMs = options.graceMs ?? draftCleanupSettings.graceMs;
  const { removed, leftovers } = await ctx.blobStore.sweep(
    ctx.referencedBlobs,
    new Date(ctx.clock.now().getTime() - graceMs),
  );
  return { files: removed, leftovers };
}
