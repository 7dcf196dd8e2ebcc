/**
 * Device tokens (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): after a full
 * sign-in the client gets a token bound to the account, signed with the instance secret. A
 * client that shows one for the account it signs in to has its own counter of wrong attempts,
 * so nobody else's guessing can pause it. Nothing is stored: the signature is the proof, the
 * nonce names the device's counter. The signature also covers the account's password as it is
 * stored (its salted hash), so a new password voids every token given before it: tokens
 * gathered by someone who once knew the password stop counting apart.
 */
import { createHmac, randomBytes } from "node:crypto";
import { safeEqual } from "./tokens.js";

/** The cookie that carries a browser's device tokens (one per account signed in there). */
export const DEVICE_COOKIE = "halyq_device";
/** The header that carries a program's device token on `POST /api/v1/session`. */
export const DEVICE_HEADER = "x-device-token";
/** Accounts remembered per browser; the oldest falls out first. */
const MAX_PER_COOKIE = 5;
const TOKEN =
  /^([A-Za-z0-9_:-]{1,64})\.([A-Za-z0-9_-]{22})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

export interface DeviceToken {
  accountId: string;
  nonce: string;
}

/** The stored password hash of the account ("" for an account without a password). */
export type Credential = string;

function signature(secret: Buffer, body: string, credential: Credential): string {
  return createHmac("sha256", secret)
    .update(`device-token\n${body}\n${credential}`)
    .digest("base64url");
}

/** A new token for the account, issued now. */
export function issueDeviceToken(
  secret: Buffer,
  accountId: string,
  now: Date,
  credential: Credential,
): string {
  const body = `${accountId}.${randomBytes(16).toString("base64url")}.${Math.floor(now.getTime() / 1000).toString(36)}`;
  return `${body}.${signature(secret, body, credential)}`;
}

/**
 * The device of a token when its signature holds for the account's current password and it is
 * younger than `maxDays`.
 */
export function verifyDeviceToken(
  secret: Buffer,
  token: string,
  now: Date,
  maxDays: number,
  credential: Credential,
): DeviceToken | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const [, accountId = "", nonce = "", issued = "", sig = ""] = m;
  if (!safeEqual(sig, signature(secret, `${accountId}.${nonce}.${issued}`, credential)))
    return undefined;
  const age = now.getTime() - Number.parseInt(issued, 36) * 1000;
  if (!(age >= 0 && age < maxDays * 86_400_000)) return undefined;
  return { accountId, nonce };
}

/** The tokens a cookie value holds (at most a few, each checked when used). */
export function tokensOfCookie(value: string | undefined): string[] {
  return (value ?? "").split("~").filter(Boolean).slice(0, MAX_PER_COOKIE);
}

/** The cookie value with a new token for an account, in place of that account's older one. */
export function cookieWithToken(
  value: string | undefined,
  token: string,
  accountId: string,
): string {
  const others = tokensOfCookie(value).filter((t) => !t.startsWith(`${accountId}.`));
  return [token, ...others].slice(0, MAX_PER_COOKIE).join("~");
}

/** The first valid token, among those presented, that is bound to the account. */
export function deviceFor(
  secret: Buffer,
  tokens: readonly string[],
  accountId: string,
  now: Date,
  maxDays: number,
  credential: Credential,
): DeviceToken | undefined {
  for (const t of tokens) {
    if (!t.startsWith(`${accountId}.`)) continue;
    const d = verifyDeviceToken(secret, t, now, maxDays, credential);
    if (d) return d;
  }
  return undefined;
}
