import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a checked choice may wait for "Cast my vote". */
export const CONFIRMATION_TTL_MS = 30 * 60_000;

/** What a seal is made with: the instance's secret and its clock. */
export interface SealContext {
  secret: Buffer | string;
  clock: { now(): Date };
}

/**
 * The confirmation seal of a secret vote: an HMAC of the purpose (one per capability, so a
 * poll's seal never opens a budget's ballot), the subject voted on, the person, the moment
 * the choice was checked, and the choice in one stable text.
 */
function sealText(
  ctx: SealContext,
  purpose: string,
  subjectId: string,
  accountId: string,
  issued: number,
  choice: string,
): string {
  return createHmac("sha256", ctx.secret)
    .update(`${purpose}|${subjectId}|${accountId}|${issued}|${choice}`)
    .digest("base64url");
}

/**
 * The seal a confirmation page carries with the checked choice: it ties exactly this choice
 * to this person, this subject and the moment it was checked.
 */
export function issueSeal(
  ctx: SealContext,
  purpose: string,
  subjectId: string,
  accountId: string,
  choice: string,
): { issued: string; seal: string } {
  const issued = ctx.clock.now().getTime();
  return {
    issued: String(issued),
    seal: sealText(ctx, purpose, subjectId, accountId, issued, choice),
  };
}

/** Whether a submitted seal matches this choice, person and subject, and is still fresh. */
export function sealHolds(
  ctx: SealContext,
  purpose: string,
  subjectId: string,
  accountId: string,
  choice: string,
  issuedText: string | undefined,
  given: string | undefined,
  ttlMs = CONFIRMATION_TTL_MS,
): boolean {
  if (!issuedText || !given || !/^\d{1,15}$/.test(issuedText)) return false;
  const issued = Number(issuedText);
  const age = ctx.clock.now().getTime() - issued;
  if (age < 0 || age > ttlMs) return false;
  const want = Buffer.from(sealText(ctx, purpose, subjectId, accountId, issued, choice));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A voter's receipt code: derived from their voter key, so the same each time they look and
 * different in every vote. It proves to them that their participation is recorded; it says
 * nothing of the choice (the ballot is stored apart, with no link).
 */
export function receiptCodeOf(
  secret: Buffer | string,
  purpose: string,
  subjectId: string,
  key: string,
) {
  const bytes = createHmac("sha256", secret).update(`${purpose}|${subjectId}|${key}`).digest();
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes.subarray(0, 10)) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return (out.match(/.{4}/g) ?? [out]).join("-");
}

/**
 * The moment a ballot was accepted, signed for the receipt page's address: the voter sees the
 * time their ballot went in, though Halyq keeps only the day against their name.
 */
export function signedMoment(
  secret: Buffer | string,
  purpose: string,
  subjectId: string,
  accountId: string,
  at: string,
): string {
  return createHmac("sha256", secret)
    .update(`${purpose}|${subjectId}|${accountId}|${at}`)
    .digest("base64url")
    .slice(0, 22);
}
