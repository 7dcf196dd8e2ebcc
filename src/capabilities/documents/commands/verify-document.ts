import { sha256Of } from "../../../platform/files/blob-store.js";
import type { AppContext } from "../../../platform/manifest.js";
import { verifyDetached } from "../../../platform/signing/cms.js";
import { type DocumentRow, findDocumentByNumber, findDocumentsBySha256 } from "../repository.js";
import { documentFile } from "./sign-document.js";

/**
 * What the verification page says: no such document; or the document, and whether its
 * signature holds ("valid": the PDF is the one registered, the CMS signature verifies over it
 * and was made with the certificate recorded at signing), does not ("invalid"), or was never
 * made ("unsigned").
 */
export type Verification =
  | { kind: "unknown" }
  | {
      kind: "found";
      row: DocumentRow;
      signature: "valid" | "invalid" | "unsigned";
    };

async function check(ctx: AppContext, row: DocumentRow, content: Buffer): Promise<Verification> {
  if (!row.signature_sha256) return { kind: "found", row, signature: "unsigned" };
  const p7s = await documentFile(ctx, row, "p7s");
  if (!p7s || sha256Of(content) !== row.document_sha256) {
    return { kind: "found", row, signature: "invalid" };
  }
  const result = await verifyDetached(p7s, content);
  const valid = result.valid && result.signer?.fingerprint === row.certificate_fingerprint;
  return { kind: "found", row, signature: valid ? "valid" : "invalid" };
}

/** Checks the document registered under this outgoing number, as stored. */
export async function verifyByNumber(ctx: AppContext, number: string): Promise<Verification> {
  const row = await findDocumentByNumber(ctx.db.kysely, number);
  if (!row) return { kind: "unknown" };
  const pdf = await documentFile(ctx, row, "pdf");
  if (!pdf) return { kind: "found", row, signature: row.signature_sha256 ? "invalid" : "unsigned" };
  return check(ctx, row, pdf);
}

/**
 * Checks a PDF someone holds: it is a document this service issued only if its bytes are
 * exactly a registered one's (a changed byte makes it unknown), and then its signature is checked.
 */
export async function verifyUpload(ctx: AppContext, content: Buffer): Promise<Verification> {
  const [row] = await findDocumentsBySha256(ctx.db.kysely, sha256Of(content));
  if (!row) return { kind: "unknown" };
  return check(ctx, row, content);
}
