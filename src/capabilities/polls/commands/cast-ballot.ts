import { createHmac } from "node:crypto";
import { hasVerifiedIdentity, type Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { residenceOf } from "../../identity/index.js";
import { ballotBox } from "../ballot-box.js";
import { checkBallot, type PollRow, phaseOf, type Refusal, refusal, type Voter } from "../poll.js";
import { findPoll } from "../poll.repository.js";

/** What became of a ballot: cast (durable), or why not. */
export type CastResult =
  | { kind: "cast" }
  | { kind: "not_found" }
  | { kind: "not_open" }
  | { kind: "refused"; reason: Refusal }
  | { kind: "already_voted" }
  | { kind: "invalid"; issues: FieldIssue[] };

/**
 * The key under which a person is listed as having voted in a poll: a keyed hash of their
 * verified IIN (so two accounts of one person are one voter), or of the account when there is
 * none (a survey for everyone; a declared IIN is never used, so it cannot block its holder).
 * It differs per poll, so voter lists of two polls cannot be matched either.
 */
export function voterKey(ctx: AppContext, pollId: string, accountId: string, iin: string | null) {
  return createHmac("sha256", ctx.secret)
    .update(`poll-voter|${pollId}|${iin ? `iin:${iin}` : `account:${accountId}`}`)
    .digest("base64url");
}

const POLL_TTL_MS = 2_000;
const polls = new WeakMap<
  AppContext,
  Map<string, { row: Promise<PollRow | undefined>; at: number }>
>();

/**
 * A poll as the ballot path sees it, kept for two seconds (its questions and times do not
 * change once it is scheduled; a closing is checked again inside the batch).
 */
async function pollForBallot(ctx: AppContext, id: string): Promise<PollRow | undefined> {
  let m = polls.get(ctx);
  if (!m) {
    m = new Map();
    polls.set(ctx, m);
  }
  const now = Date.now();
  const hit = m.get(id);
  if (hit && now - hit.at < POLL_TTL_MS) return hit.row;
  // Concurrent ballots share one read of the poll.
  const row = findPoll(ctx.db.kysely, id);
  if (m.size > 1000) m.clear();
  m.set(id, { row, at: now });
  row.catch(() => m?.delete(id));
  return row;
}

/** Forgets this instance's copy of a poll after a change to it. */
export function forgetPoll(ctx: AppContext, id: string): void {
  polls.get(ctx)?.delete(id);
}

/**
 * The voter facts eligibility needs, read fresh for each ballot. The policy decides from the
 * session's principal whether this person may vote here at all; the fresh read of the account
 * must agree (an IIN released a moment ago no longer counts), and only a verified IIN is kept
 * for the voter key.
 */
export async function voterOf(
  ctx: AppContext,
  principal: Principal,
): Promise<Voter & { iin: string | null }> {
  const a = await residenceOf(ctx.db.kysely, principal.accountId);
  const verified = hasVerifiedIdentity(principal) && a?.identityVerified === true;
  return {
    kind: principal.kind,
    verified,
    iin: verified ? (a?.iin ?? null) : null,
    residence: a?.residenceCode ?? null,
  };
}

/** Why this person may not vote in this poll (the policy first, then the territory), or null. */
export function ballotRefusal(
  ctx: AppContext,
  principal: Principal,
  poll: PollRow,
  voter: Voter,
): Refusal | null {
  const denied = ctx.policy.refusal(principal, "poll.vote", {
    kind: poll.kind,
    eligibility: poll.eligibility,
  });
  if (denied === "identity_not_verified") return "identity_not_verified";
  if (denied) return principal.kind === "citizen" ? "identity_not_verified" : "staff_account";
  return refusal(poll, voter);
}

/**
 * Casts a ballot: the poll must be open, the person eligible and not yet listed as a voter,
 * the answers valid; then it goes into the next shuffled batch and the result comes back only
 * once that batch has committed.
 */
export async function castBallot(
  ctx: AppContext,
  principal: Principal,
  pollId: string,
  raw: Record<string, unknown>,
): Promise<CastResult> {
  const poll = await pollForBallot(ctx, pollId);
  if (!poll || poll.status === "draft") return { kind: "not_found" };
  if (phaseOf(poll, ctx.clock.now()) !== "open") return { kind: "not_open" };
  const voter = await voterOf(ctx, principal);
  const why = ballotRefusal(ctx, principal, poll, voter);
  if (why) return { kind: "refused", reason: why };
  const key = voterKey(ctx, poll.id, principal.accountId, voter.iin);
  // No "already voted" read here: the voters' key in the batch decides, once, for everyone.
  const checked = checkBallot(poll, raw);
  if (!checked.ok) return { kind: "invalid", issues: checked.issues };
  const outcome = await ballotBox(ctx).cast({
    pollId: poll.id,
    voterKey: key,
    ballot: checked.ballot,
  });
  if (outcome === "duplicate") return { kind: "already_voted" };
  if (outcome === "closed") return { kind: "not_open" };
  return { kind: "cast" };
}
