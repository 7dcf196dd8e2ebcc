import type { FieldIssue } from "../../kernel/result.js";

/** Where a question stands; `published` means public and waiting for its answer. */
export const QUESTION_STATUSES = [
  "pending",
  "rejected",
  "published",
  "answered",
  "registered_as_appeal",
] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** Statuses the public sees; the others only the asker and the body's moderators. */
export const PUBLIC_STATUSES: readonly QuestionStatus[] = ["published", "answered"];

export type QuestionStep = "approve" | "reject" | "answer" | "register" | "register_published";

/** The one transition table: the status each step needs and the one it leads to. */
export const TRANSITIONS: Record<QuestionStep, { from: QuestionStatus; to: QuestionStatus }> = {
  approve: { from: "pending", to: "published" },
  reject: { from: "pending", to: "rejected" },
  answer: { from: "published", to: "answered" },
  // Registered as an appeal of the body, waiting or published: it leaves the dialogue.
  register: { from: "pending", to: "registered_as_appeal" },
  register_published: { from: "published", to: "registered_as_appeal" },
};

/** The step that registers a question in `status` as an appeal, or null when it cannot be. */
export function registerStep(status: string): "register" | "register_published" | null {
  if (nextStatus(status, "register")) return "register";
  if (nextStatus(status, "register_published")) return "register_published";
  return null;
}

/** The kinds of appeal a staff member may register a dialogue question as. */
export const QUESTION_APPEAL_KINDS = ["statement", "proposal"] as const;
export type QuestionAppealKind = (typeof QUESTION_APPEAL_KINDS)[number];

/** The status `step` leads to from `status`, or null when the step is not open there. */
export function nextStatus(status: string, step: QuestionStep): QuestionStatus | null {
  const t = TRANSITIONS[step];
  return t.from === status ? t.to : null;
}

export function isPublic(status: string): boolean {
  return (PUBLIC_STATUSES as readonly string[]).includes(status);
}

/**
 * Why a question is not published: a closed list, published with the rules, so a refusal is
 * never an opinion about the question.
 */
export const REJECT_REASONS = [
  "offensive",
  "personal_data",
  "not_a_question",
  "duplicate",
  "not_competent",
  "advertising",
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export function isRejectReason(value: unknown): value is RejectReason {
  return (REJECT_REASONS as readonly unknown[]).includes(value);
}

export const SUBJECT_MAX = 200;
export const TEXT_MAX = 5000;

/** The problems with a subject and text as a person wrote them (trimmed first). */
export function questionIssues(subject: string, text: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!subject) issues.push({ field: "subject", key: "dialogue.errors.subject_missing" });
  else if (subject.length > SUBJECT_MAX)
    issues.push({
      field: "subject",
      key: "dialogue.errors.subject_long",
      params: { max: SUBJECT_MAX },
    });
  if (!text) issues.push({ field: "text", key: "dialogue.errors.text_missing" });
  else if (text.length > TEXT_MAX)
    issues.push({ field: "text", key: "dialogue.errors.text_long", params: { max: TEXT_MAX } });
  return issues;
}

export const ANSWER_MAX = 20000;

export function answerIssues(text: string): FieldIssue[] {
  if (!text) return [{ field: "text", key: "dialogue.errors.answer_missing" }];
  if (text.length > ANSWER_MAX)
    return [{ field: "text", key: "dialogue.errors.answer_long", params: { max: ANSWER_MAX } }];
  return [];
}

/** A person as the public sees them: given name and the initial of the surname. */
export function publicName(givenName: string, surname: string): string {
  const initial = surname.trim().slice(0, 1);
  return initial ? `${givenName.trim()} ${initial}.` : givenName.trim();
}

/** The middle of the values (the mean of the two middle ones for an even count); null when none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return value;
}
