import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { type Actor, appendAudit } from "../../../kernel/audit/audit.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { Locale } from "../../../kernel/i18n.js";
import type { AppContext } from "../../../platform/manifest.js";
import type { SignatureProvider } from "../../../platform/signing/provider.js";
import { type DocumentKind, verifyUrl } from "../documents.js";
import { countDocumentsOf, type DocumentRow, insertDocument } from "../repository.js";
import { signatureProvider } from "../signing.js";

/** An outgoing document to issue: its owner renders it once its number is known. */
export interface DocumentRequest {
  agencyId: string;
  agencySlug: string;
  kind: DocumentKind;
  /** What it answers (the appeal's number); the document's number is made from it. */
  subjectRef: string;
  language: Locale;
  signer: { accountId: string; name: string; position: string };
  /** The PDF, with this number printed, `verifyUrl` in its QR code, saying how it is signed. */
  render(
    number: string,
    verifyUrl: string,
    signature: "signed" | "demo" | "unsigned",
  ): Promise<Buffer>;
}

/** A document rendered, signed and in the file store: recordDocument registers it. */
export interface PreparedDocument {
  row: DocumentRow;
}

/**
 * Numbers a document (counted in `db`, the caller's transaction), has its owner render it, signs
 * it with the body's key and writes the PDF and its `.p7s` to the file store (durable and
 * content-addressed: a file whose row never commits is swept later). The caller then registers
 * it with recordDocument in the same transaction as the step it belongs to, so an approval
 * either has its signed letter or did not happen. A body without a key gets its letter
 * unsigned, and the letter says so.
 */
export async function prepareDocument(
  db: Kysely<Database>,
  ctx: AppContext,
  request: DocumentRequest,
  at: Date,
): Promise<PreparedDocument> {
  const count = await countDocumentsOf(db, request.subjectRef);
  const number = `${request.subjectRef}/${count + 1}`;
  let signer: Awaited<ReturnType<SignatureProvider["signerFor"]>>;
  try {
    signer = await signatureProvider(ctx).signerFor(request.agencySlug);
  } catch (error) {
    // A configured key that cannot be opened: nothing is issued, rather than an unsigned letter.
    ctx.log.error({ err: error, body: request.agencySlug }, "signing key cannot be opened");
    throw new HalyqError("CONFLICT", { reason: "signing_key_broken" });
  }
  const pdf = await request.render(
    number,
    verifyUrl(ctx.config.publicUrl, number),
    signer ? (signer.demo ? "demo" : "signed") : "unsigned",
  );
  const p7s = signer ? await signer.sign(pdf, at) : null;
  const documentSha = await ctx.blobStore.write(pdf, db);
  const signatureSha = p7s ? await ctx.blobStore.write(p7s, db) : null;
  return {
    row: {
      id: randomUUID(),
      number,
      agency_id: request.agencyId,
      kind: request.kind,
      subject_ref: request.subjectRef,
      language: request.language,
      document_sha256: documentSha,
      document_size: pdf.length,
      signature_sha256: signatureSha,
      provider: signer ? signatureProvider(ctx).name : null,
      demo_key: signer?.demo ? 1 : 0,
      signer_account_id: request.signer.accountId,
      signer_name: request.signer.name,
      signer_position: request.signer.position,
      signed_at: at.toISOString(),
      certificate_subject: signer?.certificate.subject ?? null,
      certificate_serial: signer?.certificate.serial ?? null,
      certificate_fingerprint: signer?.certificate.fingerprint ?? null,
    },
  };
}

/** Registers a prepared document and audits it, in the caller's transaction. */
export async function recordDocument(
  trx: Kysely<Database>,
  ctx: AppContext,
  prepared: PreparedDocument,
  actor: Actor,
): Promise<void> {
  const { row } = prepared;
  await insertDocument(trx, row);
  await appendAudit(trx, ctx.clock, [
    {
      actor,
      action: row.signature_sha256 ? "document.signed" : "document.issued_unsigned",
      subjectType: "document",
      subjectId: row.id,
      reason: null,
      data: {
        number: row.number,
        kind: row.kind,
        subject: row.subject_ref,
        sha256: row.document_sha256,
        ...(row.certificate_serial
          ? { certificateSerial: row.certificate_serial, demo: row.demo_key === 1 }
          : {}),
      },
    },
  ]);
}

/** A registered document's PDF, or its signature, from the file store. */
export async function documentFile(
  ctx: AppContext,
  row: DocumentRow,
  which: "pdf" | "p7s",
): Promise<Buffer | null> {
  const sha = which === "pdf" ? row.document_sha256 : row.signature_sha256;
  if (!sha) return null;
  const read = await ctx.blobStore.read(sha);
  return read.kind === "ok" ? read.buffer : null;
}
