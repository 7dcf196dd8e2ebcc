/**
 * Appeals: kinds, channels, states and the one transition table. Pure: no database, no clock.
 */

export const APPEAL_KINDS = [
  "statement",
  "complaint",
  "report",
  "proposal",
  "response",
  "information_request",
] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** Statement and complaint follow the full procedure; the rest the simplified one (APPK art. 4). */
export function procedureOf(kind: AppealKind): "full" | "simplified" {
  return kind === "statement" || kind === "complaint" ? "full" : "simplified";
}

export const CHANNELS = [
  "online",
  "paper",
  "phone",
  "video",
  "walk_in",
  "api",
  "reception",
] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels a registrar records on a person's behalf; phone, video and walk-in are oral. */
export const REGISTRAR_CHANNELS = ["paper", "phone", "video", "walk_in"] as const;
export const ORAL_CHANNELS: readonly Channel[] = ["phone", "video", "walk_in"];

export const APPEAL_STATUSES = [
  "registered",
  "in_progress",
  "awaiting_correction",
  "awaiting_approval",
  "answered",
  "redirected",
  "returned",
  "terminated",
  "withdrawn",
  "attached",
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** States in which the body still owes a decision. */
export const OPEN_STATUSES: readonly AppealStatus[] = [
  "registered",
  "in_progress",
  "awaiting_correction",
  "awaiting_approval",
];
export const isOpen = (s: string): boolean => (OPEN_STATUSES as readonly string[]).includes(s);

export const OUTCOMES = [
  "satisfied",
  "partly_satisfied",
  "refused",
  "explained",
  "taken_into_account",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Reasons to return an appeal (APPK art. 64 p.7), a closed list. */
export const RETURN_REASONS = [
  "correction_not_made",
  "repeat_no_new_arguments",
  "obscene",
] as const;
/** Reasons to terminate (art. 70, 88), a closed list. */
export const TERMINATE_REASONS = [
  "already_decided",
  "court_act",
  "anonymous",
  "repeat_no_new_arguments",
] as const;

export const RESOLVED = ["yes", "partly", "no"] as const;

/** Every step a person can take on an appeal after it is registered. */
export const ACTIONS = [
  "assign",
  "redirect",
  "forward",
  "request-correction",
  "correct",
  "return",
  "terminate",
  "extend",
  "answer",
  "approve",
  "send-back",
  "withdraw",
  "rate",
  "complain",
  "publish",
  "note",
  "control",
  "categorise",
  "satisfy",
] as const;
export type AppealAction = (typeof ACTIONS)[number];

const working: AppealStatus[] = ["registered", "in_progress"];
const undecided: AppealStatus[] = [...OPEN_STATUSES];

/**
 * The one transition table: for each action, the states it may start from and the state it
 * leads to (null: the state does not change, e.g. an extension or a rating).
 */
export const TRANSITIONS: Record<AppealAction, { from: AppealStatus[]; to: AppealStatus | null }> =
  {
    assign: { from: working, to: "in_progress" },
    redirect: { from: working, to: "redirected" },
    forward: { from: working, to: "redirected" },
    "request-correction": { from: working, to: "awaiting_correction" },
    correct: { from: ["awaiting_correction"], to: null },
    return: { from: [...working, "awaiting_correction"], to: "returned" },
    terminate: { from: undecided, to: "terminated" },
    extend: { from: undecided, to: null },
    answer: { from: ["in_progress"], to: "awaiting_approval" },
    approve: { from: ["awaiting_approval"], to: "answered" },
    "send-back": { from: ["awaiting_approval"], to: "in_progress" },
    withdraw: { from: undecided, to: "withdrawn" },
    rate: { from: ["answered"], to: null },
    // Against the answer, a return or a termination, or (after the term) against silence.
    complain: { from: [...undecided, "answered", "returned", "terminated"], to: null },
    publish: {
      from: [...undecided, "answered", "returned", "terminated", "redirected"],
      to: null,
    },
    // A note by the executor, a co-executor or the head: the case's working record.
    note: { from: undecided, to: null },
    // Putting the appeal on (or taking it off) the head's control, and changing its topic.
    control: { from: undecided, to: null },
    categorise: { from: undecided, to: null },
    // The body satisfies a complaint against itself instead of forwarding it (APPK art. 91 p.4).
    satisfy: { from: working, to: "answered" },
  };

/** Whether `action` may be taken from `status`. */
export function allowedFrom(action: AppealAction, status: string): boolean {
  return (TRANSITIONS[action].from as readonly string[]).includes(status);
}

/** The state after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(action: AppealAction, status: AppealStatus): AppealStatus | null {
  if (!allowedFrom(action, status)) return null;
  return TRANSITIONS[action].to ?? status;
}

/** The statuses from which the correction returns the appeal: where it was before. */
export function statusAfterCorrection(executorId: string | null): AppealStatus {
  return executorId ? "in_progress" : "registered";
}
