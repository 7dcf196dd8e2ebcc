/**
 * A last line of defence for text an applicant chose to publish: what looks like an e-mail
 * address, an IIN or BIN, or a phone number is replaced before the text leaves in open data
 * or Open311. People do write their number into a public appeal; it is still personal data.
 */

export const REMOVED = "[…]";

const EMAIL = /[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+/gu;
/** A run of digits, maybe with a leading plus and separators (spaces, dots, dashes, brackets). */
const DIGIT_RUN = /\+?\(?\d[\d\s().\u2010-\u2015-]*\d/gu;
/** Seven digits or more is a phone number, an IIN or BIN, or an account number: never public. */
const MIN_DIGITS = 7;

/** `text` with contacts and identity numbers replaced by REMOVED. */
export function redactPersonalData(text: string): string {
  return text
    .replace(EMAIL, REMOVED)
    .replace(DIGIT_RUN, (run) => (run.replace(/\D/g, "").length >= MIN_DIGITS ? REMOVED : run));
}
