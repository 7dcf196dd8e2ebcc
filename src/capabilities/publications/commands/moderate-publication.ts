import { randomUUID } from "node:crypto";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import {
  isLive,
  LIMITS,
  nextState,
  PUBLICATION_ID,
  type PublicationRow,
  type PublicationStep,
} from "../publication.js";
import { findPublication } from "../publication.repository.js";

export type ModerationStep = Exclude<PublicationStep, "edit"> | "unpublish";

const DONE: Record<ModerationStep, string> = {
  submit: "submitted",
  approve: "approved",
  return: "returned",
  unpublish: "unpublished",
};

/** Which policy action each step needs. */
const ACTION: Record<ModerationStep, string> = {
  submit: "publication.write",
  approve: "publication.approve",
  return: "publication.approve",
  unpublish: "publication.unpublish",
};

/**
 * One moderation step on a publication: submit for approval, approve (the working copy
 * becomes the public copy), return with a reason, or unpublish with a reason. Loaded, then
 * authorized (403), then checked against the transition table (409), then changed with a
 * version check, audited and recorded in its history in one transaction.
 */
export async function moderatePublication(
  ctx: AppContext,
  principal: Principal,
  id: string,
  step: ModerationStep,
  input: { reason?: string } = {},
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  if (!PUBLICATION_ID.test(id)) return notFound();
  const row = await findPublication(db, id);
  if (!row) return notFound();
  const resource = {
    agencyId: row.agency_id,
    ...(step === "approve" ? { submittedById: row.submitted_by_id } : {}),
  };
  if (!ctx.policy.can(principal, ACTION[step], resource)) return forbidden();
  let to: string | null;
  if (step === "unpublish") to = isLive(row) ? row.state : null;
  else to = nextState(row.state, step);
  if (!to) return conflict("CONFLICT", { reason: "state" });
  const reason = (input.reason ?? "").trim();
  if (step === "return" || step === "unpublish") {
    if (!reason) return invalid([{ field: "reason", key: "publications.validation.reason" }]);
    if (reason.length > LIMITS.reason)
      return invalid([
        {
          field: "reason",
          key: "publications.validation.too_long",
          params: { max: LIMITS.reason },
        },
      ]);
  }
  const at = ctx.clock.now().toISOString();
  const set = changesFor(row, step, principal.accountId, at, reason);
  const done = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("publications")
      .set({ ...set, state: to, changed_at: at, version: Number(row.version) + 1 })
      .where("id", "=", id)
      .where("version", "=", row.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    if (step === "approve" || step === "unpublish")
      await trx
        .insertInto("publication_versions")
        .values({
          id: randomUUID(),
          publication_id: id,
          agency_id: row.agency_id,
          kind: row.kind,
          section: row.section,
          action: step === "approve" ? "published" : "unpublished",
          at,
          by_id: principal.accountId,
          title_kk: step === "approve" ? row.draft_title_kk : null,
          title_ru: step === "approve" ? row.draft_title_ru : null,
          title_en: step === "approve" ? row.draft_title_en : null,
          body_kk: step === "approve" ? row.draft_body_kk : null,
          body_ru: step === "approve" ? row.draft_body_ru : null,
          body_en: step === "approve" ? row.draft_body_en : null,
          reason: reason || null,
        })
        .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: `publication.${DONE[step]}`,
        subjectType: "publication",
        subjectId: id,
        reason: reason || null,
        data: {
          agencyId: row.agency_id,
          kind: row.kind,
          section: row.section,
          from: row.state,
          to,
        },
      },
    ]);
    return true;
  });
  if (!done) return conflict("CONFLICT", { reason: "changed" });
  if (step === "approve" || step === "unpublish") ctx.pageCache.invalidate();
  return ok({ id });
}

function changesFor(
  row: PublicationRow,
  step: ModerationStep,
  accountId: string,
  at: string,
  reason: string,
) {
  switch (step) {
    case "submit":
      return { submitted_by_id: accountId, submitted_at: at, return_reason: null };
    case "return":
      return { return_reason: reason };
    case "unpublish":
      return { unpublished_at: at };
    case "approve":
      return {
        title_kk: row.draft_title_kk,
        title_ru: row.draft_title_ru,
        title_en: row.draft_title_en,
        body_kk: row.draft_body_kk,
        body_ru: row.draft_body_ru,
        body_en: row.draft_body_en,
        published_at: row.published_at ?? at,
        updated_at: at,
        unpublished_at: null,
        return_reason: null,
      };
  }
}
