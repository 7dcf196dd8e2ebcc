import type { Locale } from "../../kernel/i18n.js";
import type { FieldIssue } from "../../kernel/result.js";
import { isWithin, katoPrefix } from "../../platform/geo/kato.js";
import type { PollsTable } from "./polls.table.js";

export type PollRow = PollsTable;
export type Texts = { kk: string | null; ru: string | null; en: string | null };

export const POLL_KINDS = ["survey", "vote", "referendum"] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const QUESTION_KINDS = ["single", "multiple", "scale", "text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const ELIGIBILITIES = ["everyone", "territory"] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];
export const STATUSES = ["draft", "scheduled", "published"] as const;
export type PollStatus = (typeof STATUSES)[number];

/** What a reader sees: stored status plus the clock. */
export type PollPhase = "draft" | "scheduled" | "open" | "closed" | "published";

export interface Option {
  id: string;
  text: Texts;
}
export interface Question {
  id: string;
  kind: QuestionKind;
  text: Texts;
  options: Option[];
  /** For a scale: 5 or 10 (from 1). */
  scaleMax?: number;
}

/** One ballot's answers as stored: option ids, or a scale value. Free text is kept apart. */
export type Answers = Record<string, string | string[] | number>;

/** Published figures per question; texts only counted here (approved ones are listed apart). */
export interface QuestionTally {
  questionId: string;
  kind: QuestionKind;
  /** Option id (or scale value as text) → ballots that chose it. */
  counts: Record<string, number>;
  /** Ballots that answered this question. */
  answered: number;
  mean?: number | null;
}
export interface Tally {
  ballots: number;
  questions: QuestionTally[];
}

/**
 * Published results wait this long after closing, so a ballot checked just before the close
 * (and still in its batch) is committed before the count; ballots are refused from closing on.
 */
export const PUBLISH_GRACE_MS = 60_000;

/** A poll id as Halyq makes them; anything else is a 404 without a query. */
export const POLL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function titles(p: PollRow): Texts {
  return { kk: p.title_kk, ru: p.title_ru, en: p.title_en };
}
export function descriptions(p: PollRow): Texts {
  return { kk: p.description_kk, ru: p.description_ru, en: p.description_en };
}

/** The text in `locale`, else the first given (with its language, for `lang`). */
export function pick(texts: Texts, locale: Locale): { text: string; lang: Locale } {
  const own = texts[locale];
  if (own) return { text: own, lang: locale };
  for (const l of ["kk", "ru", "en"] as const) {
    const v = texts[l];
    if (v) return { text: v, lang: l };
  }
  return { text: "", lang: locale };
}

const parsed = new Map<string, Question[]>();

/** A poll's questions; the parse is kept by text, as the ballot path reads them for every ballot. */
export function questionsOf(p: Pick<PollRow, "questions">): Question[] {
  let q = parsed.get(p.questions);
  if (!q) {
    q = JSON.parse(p.questions) as Question[];
    if (parsed.size > 200) parsed.clear();
    parsed.set(p.questions, q);
  }
  return q;
}

export function phaseOf(
  p: Pick<PollRow, "status" | "opens_at" | "closes_at">,
  now: Date,
): PollPhase {
  if (p.status === "draft") return "draft";
  if (p.status === "published") return "published";
  const t = now.toISOString();
  if (t < p.opens_at) return "scheduled";
  if (t < p.closes_at) return "open";
  return "closed";
}

/** The life cycle as one table: which staff action is allowed in which phase. */
export const TRANSITIONS = {
  edit: ["draft"],
  schedule: ["draft"],
  close: ["open", "scheduled"],
  publish: ["closed"],
} as const satisfies Record<string, readonly PollPhase[]>;
export type PollAction = keyof typeof TRANSITIONS;

export function allowed(action: PollAction, phase: PollPhase): boolean {
  return (TRANSITIONS[action] as readonly PollPhase[]).includes(phase);
}

/** Territory containment lives in the platform (budgets use it too). */
export { isWithin, katoPrefix };

/** Who is asking to vote, as the eligibility rule sees them. */
export interface Voter {
  kind: "citizen" | "staff";
  /** Whether the identity is verified (e-ID or in person); a declared IIN does not count. */
  verified: boolean;
  residence: string | null;
}

export type Refusal = "staff_account" | "identity_not_verified" | "no_residence" | "not_resident";

/**
 * Whether a poll counts each person once, and so needs a verified identity: votes and
 * referendums, and any poll limited to a territory. A survey for everyone needs only an account.
 */
export function needsVerifiedIdentity(poll: Pick<PollRow, "kind" | "eligibility">): boolean {
  return poll.kind !== "survey" || poll.eligibility === "territory";
}

/**
 * Whether a poll may show a count while it runs: only surveys. A vote or referendum's counts
 * are published after closing, since a live count read before and after someone votes tells
 * their choice.
 */
export function mayShowLiveResults(poll: Pick<PollRow, "kind">): boolean {
  return poll.kind === "survey";
}

/** The message key of a refusal (the identity one is shared with every other capability). */
export function refusalKey(reason: Refusal): string {
  return reason === "identity_not_verified"
    ? "errors.identity_not_verified"
    : `polls.refusal.${reason}`;
}

/**
 * Whether a person may cast a ballot. Votes, referendums and territory polls need a verified
 * identity (e-ID or in person, never only declared); surveys for everyone need only a
 * citizen's account. Territory polls need a registered address (from the eID) within the
 * territory. Staff accounts act for a body, not as voters.
 */
export function refusal(
  poll: Pick<PollRow, "kind" | "eligibility" | "territory_code">,
  voter: Voter,
): Refusal | null {
  if (voter.kind !== "citizen") return "staff_account";
  if (needsVerifiedIdentity(poll) && !voter.verified) return "identity_not_verified";
  if (poll.eligibility === "territory") {
    if (!voter.residence) return "no_residence";
    if (!isWithin(voter.residence, poll.territory_code ?? "")) return "not_resident";
  }
  return null;
}

const MAX_TEXT = 2000;

/** A submitted ballot, checked against the poll's questions. */
export interface CheckedBallot {
  answers: Answers;
  texts: { questionId: string; body: string }[];
}

/**
 * Checks a ballot as a form or the API gives it (`raw` by question id: option id(s), a scale
 * value, or text). A vote's one question must be answered; survey questions may be skipped,
 * but a ballot must answer at least one.
 */
export function checkBallot(
  poll: Pick<PollRow, "kind" | "questions">,
  raw: Record<string, unknown>,
): { ok: true; ballot: CheckedBallot } | { ok: false; issues: FieldIssue[] } {
  const questions = questionsOf(poll);
  const issues: FieldIssue[] = [];
  const answers: Answers = {};
  const texts: CheckedBallot["texts"] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) issues.push({ field: "ballot", key: "polls.errors.unknown_question" });
  }
  for (const q of questions) {
    const field = `q-${q.id}`;
    const v = raw[q.id];
    const empty = v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (poll.kind !== "survey") issues.push({ field, key: "polls.errors.choose_one" });
      continue;
    }
    const ids = new Set(q.options.map((o) => o.id));
    if (q.kind === "single") {
      if (typeof v !== "string" || !ids.has(v))
        issues.push({ field, key: "polls.errors.choose_one" });
      else answers[q.id] = v;
    } else if (q.kind === "multiple") {
      const list = Array.isArray(v) ? v : [v];
      if (
        !list.every((x) => typeof x === "string" && ids.has(x)) ||
        new Set(list).size !== list.length
      )
        issues.push({ field, key: "polls.errors.choose_some" });
      else answers[q.id] = [...(list as string[])].sort();
    } else if (q.kind === "scale") {
      const n =
        typeof v === "number" ? v : typeof v === "string" && /^\d{1,2}$/.test(v) ? Number(v) : NaN;
      const max = q.scaleMax ?? 5;
      if (!Number.isInteger(n) || n < 1 || n > max)
        issues.push({ field, key: "polls.errors.scale", params: { max } });
      else answers[q.id] = n;
    } else {
      const body = typeof v === "string" ? v.trim() : "";
      if (typeof v !== "string") issues.push({ field, key: "polls.errors.text" });
      else if (body.length > MAX_TEXT)
        issues.push({ field, key: "polls.errors.text_long", params: { max: MAX_TEXT } });
      else if (body) texts.push({ questionId: q.id, body });
    }
  }
  if (issues.length === 0 && Object.keys(answers).length === 0 && texts.length === 0)
    issues.push({ field: `q-${questions[0]?.id ?? "1"}`, key: "polls.errors.empty" });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, ballot: { answers, texts } };
}

/** Tallies ballots' answers per question; exact counts, computed from the ballots themselves. */
export function tally(
  questions: Question[],
  ballots: Iterable<Answers>,
  texts: Map<string, number>,
): Tally {
  const out = questions.map<QuestionTally>((q) => {
    const counts: Record<string, number> = {};
    if (q.kind === "scale") for (let i = 1; i <= (q.scaleMax ?? 5); i++) counts[String(i)] = 0;
    else for (const o of q.options) counts[o.id] = 0;
    return { questionId: q.id, kind: q.kind, counts, answered: 0 };
  });
  let n = 0;
  const sums = out.map(() => 0);
  for (const a of ballots) {
    n++;
    out.forEach((t, i) => {
      const v = a[t.questionId];
      if (v === undefined) return;
      t.answered++;
      if (Array.isArray(v)) for (const x of v) t.counts[x] = (t.counts[x] ?? 0) + 1;
      else {
        t.counts[String(v)] = (t.counts[String(v)] ?? 0) + 1;
        if (typeof v === "number") sums[i] = (sums[i] ?? 0) + v;
      }
    });
  }
  out.forEach((t, i) => {
    if (t.kind === "scale")
      t.mean = t.answered > 0 ? Math.round(((sums[i] ?? 0) / t.answered) * 100) / 100 : null;
    if (t.kind === "text") t.answered = texts.get(t.questionId) ?? 0;
  });
  return { ballots: n, questions: out };
}
