/** What an outgoing document is: the answer, or a notice a paper applicant receives by post. */
export const DOCUMENT_KINDS = [
  "answer",
  "redirected",
  "returned",
  "correction_requested",
  "extended",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const isDocumentKind = (k: string): k is DocumentKind =>
  (DOCUMENT_KINDS as readonly string[]).includes(k);

/** An outgoing number as people type it: the appeal's number, a slash, the letter's count. */
export const DOCUMENT_NUMBER = /^[A-Za-z0-9А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі-]{1,60}\/\d{1,4}$/u;

/** The verification page's address for a document (its QR code and its link). */
export function verifyUrl(publicUrl: string, number: string): string {
  return `${publicUrl.replace(/\/$/, "")}/verify?number=${encodeURIComponent(number)}`;
}
