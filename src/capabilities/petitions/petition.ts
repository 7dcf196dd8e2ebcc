import type { Selectable } from "kysely";
import { redactPersonalData } from "../../platform/privacy/redact.js";
import type { PetitionsTable } from "./petitions.table.js";

export type PetitionRow = Selectable<PetitionsTable>;

export const PETITION_STATUSES = [
  "draft",
  "gathering",
  "admissibility",
  "refused",
  "collecting",
  "consideration",
  "decided",
  "expired",
  "withdrawn",
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** Statuses anyone may see (once the body has admitted the petition and published it). */
export const PUBLIC_STATUSES = [
  "collecting",
  "consideration",
  "decided",
  "expired",
  "withdrawn",
] as const;

export const PETITION_ACTIONS = [
  "start_gathering",
  "join",
  "submit",
  "admit",
  "refuse",
  "reach_threshold",
  "expire",
  "publish_draft_decision",
  "comment",
  "decide",
  "withdraw",
] as const;
export type PetitionAction = (typeof PETITION_ACTIONS)[number];

/**
 * The life cycle in one table: for each action, the states it may start from and the state it
 * leads to (null: the state stays). Everything not listed is refused.
 */
export const TRANSITIONS: Record<
  PetitionAction,
  { from: readonly PetitionStatus[]; to: PetitionStatus | null }
> = {
  start_gathering: { from: ["draft"], to: "gathering" },
  join: { from: ["gathering"], to: null },
  submit: { from: ["gathering"], to: "admissibility" },
  admit: { from: ["admissibility"], to: "collecting" },
  refuse: { from: ["admissibility"], to: "refused" },
  reach_threshold: { from: ["collecting"], to: "consideration" },
  expire: { from: ["gathering", "collecting"], to: "expired" },
  publish_draft_decision: { from: ["consideration"], to: null },
  comment: { from: ["consideration"], to: null },
  decide: { from: ["consideration"], to: "decided" },
  withdraw: {
    from: ["draft", "gathering", "admissibility", "collecting", "consideration"],
    to: "withdrawn",
  },
};

export function allowedFrom(action: PetitionAction, status: string): boolean {
  return (TRANSITIONS[action].from as readonly string[]).includes(status);
}

/** The state `action` leads to from `status`, or null when it is refused there. */
export function nextStatus(action: PetitionAction, status: string): PetitionStatus | null {
  if (!allowedFrom(action, status)) return null;
  return TRANSITIONS[action].to ?? (status as PetitionStatus);
}

export function isPublic(p: Pick<PetitionRow, "status" | "published_at">): boolean {
  return p.published_at !== null && (PUBLIC_STATUSES as readonly string[]).includes(p.status);
}

/** A public number: `PET-YYYY-NNNNNN` as Halyq gives them (any `PET-` reference is looked up by number). */
/**
 * A petition as the public reads it: once published, its title, summary and proposal pass
 * through the platform's redaction of personal data (an initiator who wrote a phone number
 * into the text does not publish it); before that its initiators read their own words.
 */
export function asPublished(p: PetitionRow): PetitionRow {
  if (!isPublic(p)) return p;
  return {
    ...p,
    title: redactPersonalData(p.title),
    summary: redactPersonalData(p.summary),
    proposal: redactPersonalData(p.proposal),
  };
}

export const PETITION_NUMBER = /^PET-[A-Z0-9-]{1,40}$/;
export const PETITION_ID = /^[A-Za-z0-9-]{1,80}$/;

export const LIMITS = { title: 200, summary: 1000, proposal: 10000, text: 20000, comment: 2000 };

/** The milestones of a petition in the order they happen, with their instants or dates. */
export function milestones(p: PetitionRow): { key: string; at: string }[] {
  const all: [string, string | null][] = [
    ["created", p.created_at],
    ["gathering_started", p.gathering_started_at],
    ["submitted", p.submitted_at],
    ["admitted", p.admitted_at],
    ["refused", p.refused_at],
    ["published", p.published_at],
    ["threshold_reached", p.threshold_reached_at],
    ["draft_decision_published", p.draft_decision_published_at],
    ["decision_published", p.decision_published_at],
    ["expired", p.expired_at],
    ["withdrawn", p.withdrawn_at],
  ];
  return all.filter((m): m is [string, string] => m[1] !== null).map(([key, at]) => ({ key, at }));
}

/** Lower-case words of at least four letters, for finding similar petitions. */
export function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4),
  );
}

/** Share of the words of `a` found in `b` (0 … 1). */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / a.size;
}
