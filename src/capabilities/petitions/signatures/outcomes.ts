import type { SignOutcome } from "./batcher.js";
import type { WithdrawOutcome } from "./commands.js";

/** Stable API error codes of signing, with their status and message key. */
export const SIGNING_ERRORS = {
  ALREADY_SIGNED: { status: 409, key: "petition_signatures.errors.already_signed" },
  SIGNATURE_INVALIDATED: { status: 409, key: "petition_signatures.errors.invalidated" },
  SIGNING_CLOSED: { status: 409, key: "petition_signatures.errors.closed" },
  IIN_REQUIRED: { status: 422, key: "petition_signatures.errors.iin_required" },
  NOT_ELIGIBLE: { status: 403, key: "petition_signatures.errors.not_eligible" },
  CITIZENS_ONLY: { status: 403, key: "petition_signatures.errors.citizens_only" },
  NO_SIGNATURE: { status: 404, key: "petition_signatures.errors.no_signature" },
} as const;
export type SigningError = keyof typeof SIGNING_ERRORS;

/** The API error code of a refused attempt (null when it was signed; not_found is the core's). */
export function signErrorCode(
  o: SignOutcome,
): SigningError | "NOT_FOUND" | "IDENTITY_NOT_VERIFIED" | null {
  switch (o.kind) {
    case "signed":
      return null;
    case "not_found":
      return "NOT_FOUND";
    case "closed":
      return "SIGNING_CLOSED";
    case "no_iin":
      return "IIN_REQUIRED";
    case "identity_not_verified":
      return "IDENTITY_NOT_VERIFIED";
    case "not_eligible":
      return "NOT_ELIGIBLE";
    case "already_signed":
      return "ALREADY_SIGNED";
    case "invalidated":
      return "SIGNATURE_INVALIDATED";
  }
}

/** What the petition page's banner says after a form: one of these, carried in `?signature=`. */
export const PANEL_STATES = [
  "signed",
  "withdrawn",
  "already_signed",
  "invalidated",
  "closed",
  "iin_required",
  "identity_not_verified",
  "not_eligible",
  "citizens_only",
  "rate_limited",
  "no_signature",
] as const;
export type PanelState = (typeof PANEL_STATES)[number];

export function panelState(value: unknown): PanelState | undefined {
  return PANEL_STATES.find((s) => s === value);
}

export function signPanelState(o: SignOutcome): PanelState {
  switch (o.kind) {
    case "signed":
      return "signed";
    case "no_iin":
      return "iin_required";
    case "not_found":
    case "closed":
      return "closed";
    default:
      return o.kind;
  }
}

export function withdrawPanelState(o: WithdrawOutcome): PanelState {
  return o.kind === "withdrawn" ? "withdrawn" : o.kind === "closed" ? "closed" : "no_signature";
}
