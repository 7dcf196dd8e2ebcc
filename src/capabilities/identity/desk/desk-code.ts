import { createHmac, timingSafeEqual } from "node:crypto";

/** How long one desk code lasts; the one before it is still accepted, so 10 to 20 minutes. */
const WINDOW_MS = 10 * 60_000;

function codeFor(secret: Buffer | string, accountId: string, window: number): string {
  const mac = createHmac("sha256", secret).update(`desk-code|${accountId}|${window}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, "0");
}

/**
 * The code a citizen's own account page shows and reads out at the registrar's desk: proof
 * that the person in front of the registrar holds the account (knows its password or e-ID),
 * not only that their document matches what someone typed into it. Without it, a person who
 * registered with someone else's name and IIN would have that account verified when its real
 * holder came to the desk, and would keep signing in to it.
 */
export function deskCode(secret: Buffer | string, accountId: string, now: Date): string {
  return codeFor(secret, accountId, Math.floor(now.getTime() / WINDOW_MS));
}

/** Whether a code read out at the desk is this account's, now or in the window before. */
export function deskCodeMatches(
  secret: Buffer | string,
  accountId: string,
  code: string,
  now: Date,
): boolean {
  const given = Buffer.from(code.replace(/\s/g, ""));
  const window = Math.floor(now.getTime() / WINDOW_MS);
  return [window, window - 1].some((w) => {
    const expected = Buffer.from(codeFor(secret, accountId, w));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
