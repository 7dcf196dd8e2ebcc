/**
 * Personal reception (APPK art. 90): states, the one transition table, closed lists, and the
 * pure rules of schedules and slots. No database, no clock.
 */
import { addDays, isPlainDate } from "../../kernel/calendar/index.js";
import type { FieldIssue } from "../../kernel/result.js";
import { isSafeHttpsUrl } from "../../kernel/safe-url.js";
import { localToUtc } from "../../kernel/time/local-time.js";

/** Where a booking or walk-in ticket stands; every outcome is final. */
export const BOOKING_STATUSES = [
  "booked",
  "waiting",
  "cancelled",
  "redirected",
  "resolved",
  "appeal",
  "no_show",
  "refused",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** What the official records after a reception (or a walk-in). */
export const OUTCOMES = ["resolved", "appeal", "no_show", "refused"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type BookingStep =
  | "cancel"
  | "move"
  | "clarify"
  | "answer"
  | "advise"
  | "redirect"
  | Outcome;

/** The one transition table: from a state, by a step, to a state (absent: refused with 409). */
const TRANSITIONS: Record<BookingStatus, Partial<Record<BookingStep, BookingStatus>>> = {
  booked: {
    cancel: "cancelled",
    move: "booked",
    clarify: "booked",
    answer: "booked",
    advise: "booked",
    redirect: "redirected",
    resolved: "resolved",
    appeal: "appeal",
    no_show: "no_show",
    refused: "refused",
  },
  waiting: {
    clarify: "waiting",
    resolved: "resolved",
    appeal: "appeal",
    no_show: "no_show",
    refused: "refused",
  },
  cancelled: {},
  redirected: {},
  resolved: {},
  appeal: {},
  no_show: {},
  refused: {},
};

export function nextStatus(from: string, step: BookingStep): BookingStatus | null {
  return TRANSITIONS[from as BookingStatus]?.[step] ?? null;
}

/**
 * Why an official refuses to record what was said as an appeal: a closed list (APPK art. 89,
 * 91), each decision also carrying the official's own words.
 */
export const REFUSAL_REASONS = [
  "not_identified",
  "repeat_without_new_arguments",
  "decided_by_court",
  "insulting_or_threatening",
  "not_an_appeal",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Appeal kinds an official may record an unresolved reception as. */
export const RECEPTION_APPEAL_KINDS = ["statement", "complaint", "proposal", "report"] as const;

/** Booking and moving are public writes: a person (by address) may try a few dozen a minute. */
export const WRITE_LIMIT = { max: 60, timeWindow: "1 minute" };

export const MAX_QUESTION = 1000;
export const MAX_NOTE = 2000;
export const MAX_SLOTS = 400;

/** A schedule as typed into the form or the API, still text. */
export interface ScheduleInput {
  firstDay: string;
  weeks: string;
  startTime: string;
  endTime: string;
  slotMinutes: string;
  place: string;
  onlineUrl: string;
  topics: string[];
}

export interface CheckedSchedule {
  days: string[];
  startTime: string;
  endTime: string;
  slotMinutes: number;
  place: string | null;
  onlineUrl: string | null;
  topics: string[];
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Checks a schedule: a real first day, 1–12 weekly repeats, hours in order, a slot length of
 * 10–120 minutes that fits, a place or an https link, topics among the body's categories.
 * Days the calendar says are not working days are left out (`isWorkingDay`).
 */
export function checkSchedule(
  input: ScheduleInput,
  knownTopics: readonly string[],
  isWorkingDay: (day: string) => boolean,
): { ok: CheckedSchedule } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const add = (field: string, key: string, params?: Record<string, number>) =>
    issues.push({ field, key: `receptions.validation.${key}`, ...(params ? { params } : {}) });
  if (!isPlainDate(input.firstDay)) add("firstDay", "date");
  const weeks = /^\d{1,2}$/.test(input.weeks) ? Number(input.weeks) : Number.NaN;
  if (!(weeks >= 1 && weeks <= 12)) add("weeks", "weeks");
  if (!TIME.test(input.startTime)) add("startTime", "time");
  if (!TIME.test(input.endTime)) add("endTime", "time");
  else if (TIME.test(input.startTime) && minutesOf(input.endTime) <= minutesOf(input.startTime))
    add("endTime", "end_before_start");
  const slot = /^\d{1,3}$/.test(input.slotMinutes) ? Number(input.slotMinutes) : Number.NaN;
  if (!(slot >= 10 && slot <= 120)) add("slotMinutes", "slot_length");
  const place = input.place.trim();
  const url = input.onlineUrl.trim();
  if (place.length > 300) add("place", "too_long", { max: 300 });
  if (url && !isSafeHttpsUrl(url)) add("onlineUrl", "url");
  if (!place && !url) add("place", "place_required");
  const topics = [...new Set(input.topics.filter(Boolean))];
  if (topics.some((t) => !knownTopics.includes(t))) add("topics", "topic_unknown");
  if (topics.length === 0) add("topics", "topics_required");
  if (issues.length > 0) return { issues };
  const days: string[] = [];
  for (let w = 0; w < weeks; w++) {
    const day = addDays(input.firstDay, 7 * w);
    if (isWorkingDay(day)) days.push(day);
  }
  if (days.length === 0)
    return { issues: [{ field: "firstDay", key: "receptions.validation.no_working_day" }] };
  const perDay = Math.floor((minutesOf(input.endTime) - minutesOf(input.startTime)) / slot);
  if (perDay < 1)
    return { issues: [{ field: "slotMinutes", key: "receptions.validation.slot_length" }] };
  if (perDay * days.length > MAX_SLOTS)
    return {
      issues: [
        { field: "weeks", key: "receptions.validation.too_many_slots", params: { max: MAX_SLOTS } },
      ],
    };
  return {
    ok: {
      days,
      startTime: input.startTime,
      endTime: input.endTime,
      slotMinutes: slot,
      place: place || null,
      onlineUrl: url || null,
      topics,
    },
  };
}

/** The slots of a schedule as UTC instants: back to back from the start, each fitting before the end. */
export function slotsOf(
  s: CheckedSchedule,
  timeZone: string,
): { startsAt: string; endsAt: string }[] {
  const out: { startsAt: string; endsAt: string }[] = [];
  const step = s.slotMinutes * 60_000;
  for (const day of s.days) {
    const start = localToUtc(`${day}T${s.startTime}`, timeZone);
    const end = localToUtc(`${day}T${s.endTime}`, timeZone);
    if (!start || !end) continue;
    for (let t = start.getTime(); t + step <= end.getTime(); t += step)
      out.push({ startsAt: new Date(t).toISOString(), endsAt: new Date(t + step).toISOString() });
  }
  return out;
}

/** Checks the short question a person brings. */
export function checkQuestion(question: string, field = "question"): FieldIssue[] {
  const q = question.trim();
  if (!q) return [{ field, key: "receptions.validation.question_required" }];
  if (q.length > MAX_QUESTION)
    return [{ field, key: "receptions.validation.too_long", params: { max: MAX_QUESTION } }];
  return [];
}

/** The median of numbers (null for none). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
