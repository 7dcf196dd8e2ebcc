import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import {
  CONFIRMATION_TTL_MS,
  issueSeal,
  receiptCodeOf,
  sealHolds,
  signedMoment,
} from "../../../platform/ballots/index.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type CheckedBallot, checkBallot, type PollRow, phaseOf } from "../poll.js";
import { findPoll, hasVoted } from "../poll.repository.js";
import { ballotRefusal, type CastResult, voterKey, voterOf } from "./cast-ballot.js";

export { CONFIRMATION_TTL_MS };

/** The seal purpose of a poll's confirmation step (one per capability). */
const PURPOSE = "poll-confirm";

/**
 * Whether a poll's ballot is binding and so is cast only after a confirmation step: votes and
 * referendums. A survey's answers go in with one press.
 */
export function needsConfirmation(poll: Pick<PollRow, "kind">): boolean {
  return poll.kind !== "survey";
}

/** The form's answers in one stable text (question order, sorted lists), for the seal. */
function canonical(values: Record<string, string | string[]>): string {
  return JSON.stringify(
    Object.keys(values)
      .sort()
      .map((k) => {
        const v = values[k];
        return [k, Array.isArray(v) ? [...v].sort() : v];
      }),
  );
}

/**
 * The seal the confirmation page carries with the checked choice: it ties exactly these
 * answers to this person, this poll and the moment they were checked. "Cast my vote" casts
 * only with a seal that matches, so a ballot cannot be cast by one request from the ballot
 * form (or from another site: the CSRF token is checked as well).
 */
export function confirmationOf(
  ctx: AppContext,
  pollId: string,
  principal: Principal,
  values: Record<string, string | string[]>,
): { issued: string; seal: string } {
  return issueSeal(ctx, PURPOSE, pollId, principal.accountId, canonical(values));
}

/** Whether a submitted seal matches these answers, this person and poll, and is still fresh. */
export function confirmed(
  ctx: AppContext,
  pollId: string,
  principal: Principal,
  values: Record<string, string | string[]>,
  issuedText: string | undefined,
  given: string | undefined,
): boolean {
  return sealHolds(ctx, PURPOSE, pollId, principal.accountId, canonical(values), issuedText, given);
}

/** What the confirmation step found: the checked ballot to show, or why it cannot be cast. */
export type CheckResult =
  | { kind: "ready"; poll: PollRow; ballot: CheckedBallot }
  | Exclude<CastResult, { kind: "cast" }>;

/**
 * Checks a ballot before its confirmation page, as casting would (open, eligible, not yet
 * voted, valid answers), without casting it.
 */
export async function checkBeforeCasting(
  ctx: AppContext,
  principal: Principal,
  pollId: string,
  raw: Record<string, unknown>,
): Promise<CheckResult> {
  const poll = await findPoll(ctx.db.kysely, pollId);
  if (!poll || poll.status === "draft") return { kind: "not_found" };
  if (phaseOf(poll, ctx.clock.now()) !== "open") return { kind: "not_open" };
  const voter = await voterOf(ctx, principal);
  const why = ballotRefusal(ctx, principal, poll, voter);
  if (why) return { kind: "refused", reason: why };
  if (
    await hasVoted(ctx.db.kysely, poll.id, voterKey(ctx, poll.id, principal.accountId, voter.iin))
  )
    return { kind: "already_voted" };
  const checked = checkBallot(poll, raw);
  if (!checked.ok) return { kind: "invalid", issues: checked.issues as FieldIssue[] };
  return { kind: "ready", poll, ballot: checked.ballot };
}

/**
 * The voter's receipt code for a poll: derived from their voter key, so the same each time
 * they look and different in every poll. It proves to them that their participation is
 * recorded; it says nothing of the choice (the ballot is stored apart, with no link).
 */
export function receiptCode(ctx: AppContext, pollId: string, key: string): string {
  return receiptCodeOf(ctx.secret, "poll-receipt", pollId, key);
}

/**
 * The moment a ballot was accepted, signed for the receipt page's address: the voter sees the
 * time their ballot went in, though Halyq keeps only the day against their name.
 */
export function castMoment(ctx: AppContext, pollId: string, accountId: string, at: string) {
  return signedMoment(ctx.secret, "poll-cast-at", pollId, accountId, at);
}
