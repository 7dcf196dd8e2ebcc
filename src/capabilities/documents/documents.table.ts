/** One outgoing document of a body: its PDF, its detached signature and who signed it. */
export interface DocumentSignaturesTable {
  id: string;
  /** The outgoing number printed on the letter and asked for on the verification page. */
  number: string;
  agency_id: string;
  /** What the document is, e.g. "answer", "redirected", "returned" (see DOCUMENT_KINDS). */
  kind: string;
  /** What it answers: the appeal's number. */
  subject_ref: string;
  language: string;
  /** SHA-256 of the PDF in the file store. */
  document_sha256: string;
  document_size: number;
  /** SHA-256 of the detached CMS signature (`.p7s`) in the file store; null: not signed. */
  signature_sha256: string | null;
  /** Who signed: "pkcs12" (the body's key on the server); null when not signed. */
  provider: string | null;
  /** 1 when signed with this instance's demo key (proves nothing). */
  demo_key: number;
  signer_account_id: string;
  /** The signer's name and position as printed on the letter. */
  signer_name: string;
  signer_position: string;
  /** When it was signed (or, unsigned, approved), ISO. */
  signed_at: string;
  certificate_subject: string | null;
  /** Hexadecimal, upper case. */
  certificate_serial: string | null;
  /** SHA-256 of the certificate's DER, hexadecimal. */
  certificate_fingerprint: string | null;
}

/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export interface DocumentTables {
  document_signatures: DocumentSignaturesTable;
}
