import type { CertificateFacts } from "./certificate.js";

/**
 * Who can sign for a body. The first provider signs on the server with the body's key from
 * configuration (pkcs12-provider.ts); the next one, NCALayer, signs on the official's own
 * computer with their personal key (docs/capabilities/documents.md describes its protocol).
 */
export interface SignatureProvider {
  /** Stable, recorded with each signature, e.g. "pkcs12". */
  readonly name: string;
  /** The signer for this body, or null when the body has no key with this provider. */
  signerFor(bodySlug: string): Promise<DocumentSigner | null>;
}

/** One key, ready to sign documents. */
export interface DocumentSigner {
  certificate: CertificateFacts;
  /** Whether the key is a demo key made by this instance (its signatures prove nothing). */
  demo: boolean;
  /** A detached CMS SignedData (DER) over `content`, with `at` as its signing time. */
  sign(content: Buffer, at: Date): Promise<Buffer>;
}
