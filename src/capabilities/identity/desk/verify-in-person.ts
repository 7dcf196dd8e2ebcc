import { randomUUID } from "node:crypto";
import { appendAudit } from "../../../kernel/audit/audit.js";
import {
  IDENTITY_DOCUMENTS,
  type IdentityDocument,
  identityVerified,
} from "../../../kernel/identity-assurance.js";
import { isValidIin } from "../../../kernel/ids.js";
import type { Principal } from "../../../kernel/permissions.js";
import {
  conflict,
  type FieldIssue,
  forbidden,
  invalid,
  notFound,
  ok,
  type Result,
} from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { normaliseEmail } from "../account.js";
import { type AccountRow, findAccountRow, updateAccount } from "../account.repository.js";
import { deleteSessionsOf } from "../session.repository.js";
import { forgetSessions } from "../session-cache.js";
import { deskCodeMatches } from "./desk-code.js";

/** What a registrar types at the desk, as the form gives it. */
export interface InPersonInput {
  accountId: string;
  agencyId: string;
  documentKind: string;
  documentReference: string;
  iin: string;
  /** The code the person's own account page shows (proof that they hold the account). */
  accountCode: string;
}

/** A document number as printed: letters, digits, spaces, dashes and the number sign. */
const REFERENCE = /^[\p{L}\p{N}][\p{L}\p{N} \-№/]{0,39}$/u;

/** The problems with the desk form that need no database. */
export function inPersonIssues(input: InPersonInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(IDENTITY_DOCUMENTS as readonly string[]).includes(input.documentKind))
    issues.push({ field: "documentKind", key: "identity.desk.error.document_kind" });
  if (!REFERENCE.test(input.documentReference.trim()))
    issues.push({ field: "documentReference", key: "identity.desk.error.document_reference" });
  const iin = input.iin.trim();
  if (!/^\d{12}$/.test(iin)) issues.push({ field: "iin", key: "identity.error.iin_format" });
  else if (!isValidIin(iin)) issues.push({ field: "iin", key: "identity.error.iin_invalid" });
  return issues;
}

/**
 * A citizen's account found at the desk by its e-mail address or IIN (staff accounts are not
 * verified here; they act for a body).
 */
export async function findCitizenForDesk(
  ctx: AppContext,
  query: string,
): Promise<AccountRow | undefined> {
  const q = query.trim();
  if (!q) return undefined;
  const row = /^\d{12}$/.test(q)
    ? await findAccountRow(ctx.db.kysely, { iin: q })
    : q.includes("@")
      ? await findAccountRow(ctx.db.kysely, { email: normaliseEmail(q) })
      : undefined;
  return row?.kind === "citizen" && Number(row.active) === 1 ? row : undefined;
}

/**
 * Records that a registrar checked a person's identity document at the desk: the person reads
 * out the code their own account page shows (so they hold the account, not only a document
 * matching what someone typed into it), and the document's IIN must match the account's, or
 * becomes it when the account has none. An account that had
 * only declared that IIN loses it (and its sessions end), as at e-ID sign-in: the checked
 * document proves who holds it. An IIN already verified on another account is not moved.
 * The account's identity is then verified in person (one verified by e-ID stays so); the
 * check's record and its audit entry are written in one transaction.
 */
export async function verifyInPerson(
  ctx: AppContext,
  principal: Principal,
  input: InPersonInput,
): Promise<Result<{ accountId: string; released: boolean }>> {
  if (!ctx.policy.can(principal, "identity.verify_in_person", { agencyId: input.agencyId }))
    return forbidden();
  const issues = inPersonIssues(input);
  if (!deskCodeMatches(ctx.secret, input.accountId, input.accountCode, ctx.clock.now()))
    issues.push({ field: "accountCode", key: "identity.desk.error.account_code" });
  if (issues.length > 0) return invalid(issues);
  const iin = input.iin.trim();
  const documentKind = input.documentKind as IdentityDocument;
  const reference = input.documentReference.trim().replace(/\s+/g, " ");
  const now = ctx.clock.now().toISOString();
  let releasedFrom = "";
  const outcome = await ctx.db.kysely.transaction().execute(async (trx) => {
    const account = await findAccountRow(trx, { id: input.accountId });
    if (account?.kind !== "citizen" || Number(account.active) !== 1) return notFound();
    if (account.iin !== null && account.iin !== iin)
      return invalid([{ field: "iin", key: "identity.desk.error.iin_mismatch" }]);
    let released = false;
    if (account.iin === null) {
      const holder = await findAccountRow(trx, { iin });
      if (holder && holder.id !== account.id) {
        if (identityVerified(holder.identity_assurance))
          return conflict("CONFLICT", { reason: "iin_verified_elsewhere" });
        await updateAccount(trx, holder.id, { iin: null }, now);
        await deleteSessionsOf(trx, holder.id);
        releasedFrom = holder.id;
        await appendAudit(trx, ctx.clock, [
          {
            actor: { id: principal.accountId, label: `account:${principal.accountId}` },
            action: "account.iin_released",
            subjectType: "account",
            subjectId: holder.id,
            reason: "the IIN's holder showed an identity document at a registrar's desk",
            data: { agencyId: input.agencyId },
          },
        ]);
        released = true;
      }
    }
    const verificationId = randomUUID();
    await trx
      .insertInto("identity_verifications")
      .values({
        id: verificationId,
        account_id: account.id,
        iin,
        document_kind: documentKind,
        document_reference: reference,
        agency_id: input.agencyId,
        verified_by: principal.accountId,
        verified_at: now,
      })
      .execute();
    await updateAccount(
      trx,
      account.id,
      {
        iin,
        identity_assurance: account.identity_assurance === "eid" ? "eid" : "in_person",
        identity_verified_at: now,
      },
      now,
    );
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: `account:${principal.accountId}` },
        action: "account.identity_verified_in_person",
        subjectType: "account",
        subjectId: account.id,
        data: {
          verificationId,
          agencyId: input.agencyId,
          documentKind,
          iinReleasedFromOtherAccount: released,
        },
      },
    ]);
    return ok({ accountId: account.id, released });
  });
  // The person's sessions now carry the verified identity; the released holder's have ended.
  if (outcome.kind === "ok")
    await forgetSessions(ctx, { accounts: [input.accountId, releasedFrom] });
  return outcome;
}

/**
 * When the person in front of the registrar holds the document but not the account that declared
 * its IIN (someone else registered with it, so the holder cannot register), the IIN is taken from
 * that account: its sessions end, as at e-ID sign-in, and the holder can then register with it.
 * Only a declared IIN is taken, only one matching the checked document; it is audited with the
 * document's kind and the body whose desk did it.
 */
export async function releaseDeclaredIin(
  ctx: AppContext,
  principal: Principal,
  input: Omit<InPersonInput, "accountCode">,
): Promise<Result<{ accountId: string }>> {
  if (!ctx.policy.can(principal, "identity.verify_in_person", { agencyId: input.agencyId }))
    return forbidden();
  const issues = inPersonIssues({ ...input, accountCode: "" });
  if (issues.length > 0) return invalid(issues);
  const iin = input.iin.trim();
  const now = ctx.clock.now().toISOString();
  const outcome = await ctx.db.kysely.transaction().execute(async (trx) => {
    const account = await findAccountRow(trx, { id: input.accountId });
    if (account?.kind !== "citizen" || Number(account.active) !== 1) return notFound();
    if (identityVerified(account.identity_assurance))
      return conflict("CONFLICT", { reason: "iin_verified_here" });
    if (account.iin !== iin)
      return invalid([{ field: "iin", key: "identity.desk.error.iin_mismatch" }]);
    await updateAccount(trx, account.id, { iin: null }, now);
    await deleteSessionsOf(trx, account.id);
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: `account:${principal.accountId}` },
        action: "account.iin_released",
        subjectType: "account",
        subjectId: account.id,
        reason: "the IIN's holder showed an identity document at a registrar's desk",
        data: { agencyId: input.agencyId, documentKind: input.documentKind },
      },
    ]);
    return ok({ accountId: account.id });
  });
  if (outcome.kind === "ok") await forgetSessions(ctx, { accounts: [input.accountId] });
  return outcome;
}
