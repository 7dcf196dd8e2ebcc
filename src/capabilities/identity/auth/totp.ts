/**
 * Time-based one-time passwords (RFC 6238: SHA-1, six digits, 30-second steps), the kind every
 * authenticator app understands. Time always comes from the caller, never from the system clock.
 */
import { createGuardrails, generateSecret, generateSync, generateURI, verifySync } from "otplib";

const PERIOD_SECONDS = 30;

/**
 * Secrets Halyq makes are 160 bits. Secrets of 80 bits (10 bytes, still common in
 * authenticator set-ups and used by the demo staff accounts) are accepted when checking codes;
 * otplib's default refuses anything under 128 bits.
 */
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

/**
 * A new shared secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32.
 */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI that an authenticator app reads from the QR code (or that is typed in). */
export function totpUri(options: { secret: string; accountName: string; issuer?: string }): string {
  return generateURI({
    issuer: options.issuer ?? "Halyq",
    label: options.accountName,
    secret: options.secret,
  });
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

/**
 * The URI as an inline SVG QR code with an accessible name (role="img" and a <title>). It has no
 * style attributes, so a strict CSP allows it; it has a viewBox and no size, so CSS sizes it.
 */
export async function totpQrSvg(
  uri: string,
  title = "QR code for your authenticator app",
): Promise<string> {
  // The QR code maker is loaded by the first enrolment a process shows, not at start.
  const { default: QRCode } = await import("qrcode");
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  return svg
    .trim()
    .replace(/^<svg /, '<svg role="img" ')
    .replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(title)}</title>`);
}

function epochSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

/**
 * Checks a code at `now`, accepting the previous and next step too (clock drift) unless
 * `window` is 0. Spaces are ignored ("123 456", as apps show it); anything but six digits fails.
 * Returns the matched time step so the caller can store it and refuse that step, or an earlier
 * one, next time (a code is single-use: RFC 6238 §5.2), or null when the code does not match.
 */
export function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  options: { window?: 0 | 1 } = {},
): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const window = options.window ?? 1;
  const result = verifySync({
    secret,
    token,
    epoch: epochSeconds(now),
    epochTolerance: window * PERIOD_SECONDS,
    guardrails,
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** The code valid at `now`: for tests and for showing what the app should display. */
export function currentTotp(secret: string, now: Date): string {
  return generateSync({ secret, epoch: epochSeconds(now), guardrails });
}

/** The RFC 6238 time step containing `now` (what verifyTotp returns for a current code). */
export function totpStep(now: Date): number {
  return Math.floor(epochSeconds(now) / PERIOD_SECONDS);
}
