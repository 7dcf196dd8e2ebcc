import { type Kysely, PostgresAdapter, type Selectable } from "kysely";
import { inTransaction } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";
import { type Actor, appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import {
  conflict,
  type FieldIssue,
  forbidden,
  notFound,
  ok,
  type Result,
} from "../../../kernel/result.js";
import type { IncomingFile } from "../../../platform/files/incoming.js";
import type { AppContext } from "../../../platform/manifest.js";
import { OUTCOMES } from "../appeal.js";
import type { AppealRow } from "../appeal.repository.js";
import type { AppealAnswerDraftsTable } from "../appeal.table.js";
import { deleteAnswerAttachment } from "../attachments/attachment.repository.js";
import { storeAttachment } from "../attachments/attachments.js";
import { loadVisibleAppeal } from "./appeal-actions.js";

export type AnswerDraftRow = Selectable<AppealAnswerDraftsTable>;

/** The answer's fields as typed, before any check: what a draft keeps. */
export interface AnswerDraftFields {
  outcome?: string;
  basis?: string;
  text?: string;
  language?: string;
}

/** A draft keeps what was typed, within generous bounds (the send checks the real limits). */
const LIMITS = { basis: 4000, text: 40_000 } as const;

/** Statuses in which the answer is still being drafted. */
export const answerDraftOpen = (status: string): boolean => status === "in_progress";

export async function findAnswerDraft(
  db: Kysely<Database>,
  appealId: string,
): Promise<AnswerDraftRow | undefined> {
  return db
    .selectFrom("appeal_answer_drafts")
    .selectAll()
    .where("appeal_id", "=", appealId)
    .executeTakeFirst();
}

/** Drops the draft once the answer is sent (run in the sending transaction). */
export async function deleteAnswerDraft(db: Kysely<Database>, appealId: string): Promise<void> {
  await db.deleteFrom("appeal_answer_drafts").where("appeal_id", "=", appealId).execute();
}

/** What a draft keeps of the typed fields: only known outcomes and allowed languages. */
function cleaned(row: AppealRow, f: AnswerDraftFields) {
  const clip = (v: string | undefined, max: number) =>
    v === undefined || v === "" ? null : v.slice(0, max);
  return {
    outcome: f.outcome && (OUTCOMES as readonly string[]).includes(f.outcome) ? f.outcome : null,
    basis: clip(f.basis, LIMITS.basis),
    text: clip(f.text, LIMITS.text),
    language: f.language === "kk" || f.language === row.language ? f.language : null,
  };
}

export interface DraftSaved {
  draft: AnswerDraftRow;
  row: AppealRow;
  /** Why some of the files sent were not taken (the rest of the draft is saved anyway). */
  fileIssues: FieldIssue[];
}

/**
 * Saves the answer being drafted as typed, with the files added and removed in the same
 * submit, in one transaction with its audit entry: whoever may draft the answer, only while
 * the appeal is in progress. A file that fails its checks is not kept, and says why; the
 * typed fields are saved all the same, so nothing typed is lost.
 */
export async function saveAnswerDraft(
  ctx: AppContext,
  principal: Principal,
  number: string,
  input: {
    fields: AnswerDraftFields;
    files?: IncomingFile[];
    remove?: string[];
    /** Where the save came from: a submit of the form, or the page's autosave. */
    via: "form" | "autosave";
  },
): Promise<Result<DraftSaved>> {
  const found = await loadVisibleAppeal(ctx, principal, number);
  if (!found) return notFound();
  const { row, resource } = found;
  if (!ctx.policy.can(principal, "appeal.answer", resource)) return forbidden();
  if (!answerDraftOpen(row.status)) return conflict("CONFLICT", { status: row.status });
  const now = ctx.clock.now().toISOString();
  const draft: AnswerDraftRow = {
    appeal_id: row.id,
    ...cleaned(row, input.fields),
    saved_by_id: principal.accountId,
    saved_at: now,
  };
  const actor: Actor = { id: principal.accountId, label: principal.kind };
  const fileIssues: FieldIssue[] = [];
  const kept = await inTransaction(ctx.db.kysely, async (trx) => {
    // The appeal's row is read again in the transaction (locked on PostgreSQL), so a draft saved
    // while the answer is being sent never outlives it: one of the two waits for the other.
    let current = trx.selectFrom("appeals").select("status").where("id", "=", row.id);
    if (trx.getExecutor().adapter instanceof PostgresAdapter) current = current.forUpdate();
    const status = (await current.executeTakeFirst())?.status ?? "";
    if (!answerDraftOpen(status)) return status;
    const { appeal_id: _, ...changes } = draft;
    await trx
      .insertInto("appeal_answer_drafts")
      .values(draft)
      .onConflict((oc) => oc.column("appeal_id").doUpdateSet(changes))
      .execute();
    const removed: string[] = [];
    for (const id of new Set(input.remove ?? [])) {
      if (await deleteAnswerAttachment(trx, { id, appealId: row.id })) removed.push(id);
    }
    const added: string[] = [];
    for (const file of input.files ?? []) {
      const stored = await storeAttachment(ctx, {
        ...file,
        uploadedBy: principal.accountId,
        purpose: "answer",
        appealId: row.id,
        db: trx,
      });
      if (stored.kind === "ok") added.push(stored.value.id);
      else if (stored.kind === "invalid") {
        fileIssues.push(
          ...stored.issues.map((i) => ({ ...i, params: { ...i.params, name: file.fileName } })),
        );
      }
    }
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "appeal.answer-draft",
        subjectType: "appeal",
        subjectId: row.id,
        reason: null,
        data: {
          via: input.via,
          length: draft.text?.length ?? 0,
          ...(added.length > 0 ? { added } : {}),
          ...(removed.length > 0 ? { removed } : {}),
        },
      },
    ]);
    return null;
  });
  if (kept !== null) return conflict("CONFLICT", { status: kept });
  return ok({ draft, row, fileIssues });
}
