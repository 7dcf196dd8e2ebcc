import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext } from "../../../platform/manifest.js";
import { residenceOf } from "../../identity/index.js";
import { signingOpen } from "./batcher.js";
import { type Source, sourceColumn } from "./repository.js";

export type WithdrawOutcome =
  | { kind: "withdrawn" }
  | { kind: "not_found" }
  | { kind: "closed" }
  | { kind: "no_signature" };

type PetitionRef = { id: string; status: string; signing_closes_at: string | null };

/** Lowers one district's tally by `n` (inside the caller's transaction). */
async function lowerTally(trx: Kysely<Database>, petitionId: string, district: string, n: number) {
  await trx
    .updateTable("petition_signature_tallies")
    .set((eb) => ({ signatures: eb("signatures", "-", n) }))
    .where("petition_id", "=", petitionId)
    .where("district_code", "=", district)
    .execute();
}

/**
 * Withdraws the person's own signature while collection is open: the row is deleted (so the
 * person may sign again while it stays open) and the count drops in the same transaction. An
 * invalidated signature cannot be withdrawn: it no longer counts, and it keeps its record.
 */
export async function withdrawSignature(
  ctx: AppContext,
  principal: Principal,
  petition: PetitionRef,
): Promise<WithdrawOutcome> {
  const db = ctx.db.kysely;
  const signer = await residenceOf(db, principal.accountId);
  if (!signer?.iin || !signer.identityVerified) return { kind: "no_signature" };
  const iin = signer.iin;
  if (!signingOpen(petition, ctx.clock.now())) return { kind: "closed" };
  const done = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("petition_signatures")
      .select(["id", "district_code"])
      .where("petition_id", "=", petition.id)
      .where("iin", "=", iin)
      .where("invalidated_at", "is", null)
      .executeTakeFirst();
    if (!row) return false;
    const deleted = await trx
      .deleteFrom("petition_signatures")
      .where("id", "=", row.id)
      .where("invalidated_at", "is", null)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) return false;
    await lowerTally(trx, petition.id, row.district_code ?? "", 1);
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "citizen" },
        action: "petition.signature.withdrawn",
        subjectType: "petition",
        subjectId: petition.id,
        data: { signatureId: row.id },
      },
    ]);
    return true;
  });
  if (!done) return { kind: "no_signature" };
  ctx.pageCache.invalidate();
  return { kind: "withdrawn" };
}

/**
 * Invalidates every valid signature of a petition from one source (address hash, network or
 * e-mail domain) made at or after `since` — or the one signature the moderation queue names —
 * with the moderator's reason: the rows are kept and
 * marked, the tallies drop by as many, and one audit entry records the decision and its size.
 */
export async function invalidateSignatures(
  ctx: AppContext,
  principal: Principal,
  petitionId: string,
  input:
    | { source: Source; value: string; since: string; reason: string }
    | { signatureId: string; reason: string },
): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const count = await ctx.db.kysely.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom("petition_signatures")
      .select(["id", "district_code"])
      .where("petition_id", "=", petitionId)
      .where("invalidated_at", "is", null);
    query =
      "signatureId" in input
        ? query.where("id", "=", input.signatureId)
        : query
            .where(sourceColumn(input.source), "=", input.value)
            .where("signed_at", ">=", input.since);
    const rows = await query.orderBy("iin").execute();
    if (rows.length === 0) return 0;
    for (let k = 0; k < rows.length; k += 500) {
      await trx
        .updateTable("petition_signatures")
        .set({
          invalidated_at: now,
          invalidation_reason: input.reason,
          invalidated_by: principal.accountId,
        })
        .where(
          "id",
          "in",
          rows.slice(k, k + 500).map((r) => r.id),
        )
        .execute();
    }
    const per = new Map<string, number>();
    for (const r of rows) per.set(r.district_code ?? "", (per.get(r.district_code ?? "") ?? 0) + 1);
    for (const d of [...per.keys()].sort()) await lowerTally(trx, petitionId, d, per.get(d) ?? 0);
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: "petition.signatures.invalidated",
        subjectType: "petition",
        subjectId: petitionId,
        reason: input.reason,
        data:
          "signatureId" in input
            ? { signatureId: input.signatureId, count: rows.length }
            : { source: input.source, value: input.value, since: input.since, count: rows.length },
      },
    ]);
    return rows.length;
  });
  if (count > 0) ctx.pageCache.invalidate();
  return count;
}
