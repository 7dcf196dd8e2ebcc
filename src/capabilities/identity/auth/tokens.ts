/**
 * Bearer secrets for links and sessions (e-mail confirmation, password reset, session ids). The
 * raw token goes only to the person; the database keeps its SHA-256, so a leaked table grants
 * nothing. 256 random bits make a fast unsalted hash sufficient: there is nothing to guess.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A fresh 32-byte random token, base64url (43 characters, safe in URLs and cookies). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database stores for a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Compares two secrets in time independent of where they differ. Both sides are hashed first so
 * that neither the content nor the length of the expected value leaks through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a, "utf8").digest();
  const db = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(da, db);
}
