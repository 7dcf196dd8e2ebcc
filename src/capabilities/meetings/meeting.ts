import type { FieldIssue } from "../../kernel/result.js";
import { isSafeHttpsUrl } from "../../kernel/safe-url.js";
import type { MeetingsTable } from "./meetings.table.js";

export const MEETING_KINDS = ["hearing", "assembly", "conference"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Who may register: anyone signed in, residents of a territory (as they declare), or named delegates. */
export const ELIGIBILITIES = ["everyone", "residents", "delegates"] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];

export const QUESTION_KINDS = ["question", "position"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const FOLLOW_UP_KINDS = ["appeal", "draft", "petition"] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export type MeetingRow = MeetingsTable;

/**
 * Where a meeting is in time: registration and questions are open until it starts; the
 * minutes may be published once it has ended.
 */
export type MeetingPhase = "upcoming" | "in_progress" | "ended";

export function phaseOf(m: Pick<MeetingRow, "starts_at" | "ends_at">, now: Date): MeetingPhase {
  const t = now.toISOString();
  if (t < m.starts_at) return "upcoming";
  if (t < m.ends_at) return "in_progress";
  return "ended";
}

/** A registration's states; one table says which step leads where. */
export type RegistrationStatus = "confirmed" | "waiting" | "cancelled";
export type RegistrationStep = "register" | "promote" | "cancel";

const TRANSITIONS: Record<
  RegistrationStatus | "none",
  Partial<Record<RegistrationStep, RegistrationStatus[]>>
> = {
  none: { register: ["confirmed", "waiting"] },
  cancelled: { register: ["confirmed", "waiting"] },
  waiting: { promote: ["confirmed"], cancel: ["cancelled"] },
  confirmed: { cancel: ["cancelled"] },
};

/** The states `step` may lead to from `from` (none: the step is not allowed). */
export function nextStates(
  from: RegistrationStatus | "none",
  step: RegistrationStep,
): RegistrationStatus[] {
  return TRANSITIONS[from][step] ?? [];
}

/** An appeal number as Halyq writes them (letters, digits and dashes). */
export const APPEAL_NUMBER = /^[A-Z0-9][A-Z0-9-]{2,79}$/;

/** A lower-cased e-mail address that looks deliverable, or null. */
export function normaliseEmail(value: string): string | null {
  const v = value.trim().toLowerCase();
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(v) && v.length <= 254 ? v : null;
}

/** The three-language texts of a meeting; a reader sees their language, or the first one given. */
export type Texts = { kk: string | null; ru: string | null; en: string | null };

export function titles(m: MeetingRow): Texts {
  return { kk: m.title_kk, ru: m.title_ru, en: m.title_en };
}
export function agendas(m: MeetingRow): Texts {
  return { kk: m.agenda_kk, ru: m.agenda_ru, en: m.agenda_en };
}

/** The text in `locale`, else the first given (with its language, for a `lang` attribute). */
export function pick(texts: Texts, locale: "kk" | "ru" | "en"): { text: string; lang: string } {
  const own = texts[locale];
  if (own) return { text: own, lang: locale };
  for (const l of ["kk", "ru", "en"] as const) {
    const v = texts[l];
    if (v) return { text: v, lang: l };
  }
  return { text: "", lang: locale };
}

/** What a body fills in to announce a meeting (as text, the way forms send it). */
export interface AnnounceInput {
  agencyId: string;
  kind: string;
  title: Texts;
  agenda: Texts;
  place: string;
  onlineUrl: string;
  /** `YYYY-MM-DD` in the body's zone. */
  date: string;
  /** `HH:MM`. */
  startTime: string;
  endTime: string;
  capacity: string;
  eligibility: string;
  territoryCode: string;
  /** Delegates' e-mail addresses, one a line (or separated by commas). */
  delegates: string;
}

export const LIMITS = { title: 200, agenda: 10000, place: 300, text: 2000, minutes: 50000 };

/** The problems with an announcement that need no database; times are checked by the command. */
export function checkAnnouncement(input: AnnounceInput): {
  issues: FieldIssue[];
  delegates: string[];
} {
  const issues: FieldIssue[] = [];
  const add = (field: string, key: string, params?: Record<string, string | number>) =>
    issues.push(params ? { field, key, params } : { field, key });
  if (!(MEETING_KINDS as readonly string[]).includes(input.kind))
    add("kind", "meetings.validation.kind");
  if (!input.title.kk && !input.title.ru && !input.title.en)
    add("title-kk", "meetings.validation.title");
  for (const l of ["kk", "ru", "en"] as const) {
    if ((input.title[l]?.length ?? 0) > LIMITS.title)
      add(`title-${l}`, "meetings.validation.too_long", { max: LIMITS.title });
    if ((input.agenda[l]?.length ?? 0) > LIMITS.agenda)
      add(`agenda-${l}`, "meetings.validation.too_long", { max: LIMITS.agenda });
  }
  if (!input.agenda.kk && !input.agenda.ru && !input.agenda.en)
    add("agenda-kk", "meetings.validation.agenda");
  if (!input.place && !input.onlineUrl) add("place", "meetings.validation.place_or_url");
  if (input.place.length > LIMITS.place)
    add("place", "meetings.validation.too_long", { max: LIMITS.place });
  if (input.onlineUrl && !isSafeHttpsUrl(input.onlineUrl))
    add("onlineUrl", "meetings.validation.url");
  if (!/^\d{1,5}$/.test(input.capacity) || Number(input.capacity) < 1)
    add("capacity", "meetings.validation.capacity");
  if (!(ELIGIBILITIES as readonly string[]).includes(input.eligibility))
    add("eligibility", "meetings.validation.eligibility");
  const delegates: string[] = [];
  if (input.eligibility === "delegates") {
    const parts = input.delegates
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = parts.filter((p) => normaliseEmail(p) === null);
    if (parts.length === 0) add("delegates", "meetings.validation.delegates");
    else if (bad.length > 0)
      add("delegates", "meetings.validation.delegate_email", { email: bad[0] ?? "" });
    else if (parts.length > 2000) add("delegates", "meetings.validation.delegates_many");
    for (const p of parts) {
      const e = normaliseEmail(p);
      if (e && !delegates.includes(e)) delegates.push(e);
    }
  }
  return { issues, delegates };
}
