/**
 * The legal numbers of appeal handling, per jurisdiction. Code never hard-codes a term: it
 * reads the profile of the body's jurisdiction. Kazakhstan (APPK) is the default; Russia
 * (Federal Law 59-FZ) is the second profile.
 */

import type { AppealKind } from "./appeal.js";

/** A length of time: working days from the calendar, or calendar days. */
export interface Term {
  days: number;
  unit: "working" | "calendar";
}

export interface AppealProfile {
  jurisdiction: string;
  /** Where the body's day is counted (registration date, "after hours"). */
  timeZone: string;
  /** Office hours; an appeal arriving outside them is registered on the next working day. */
  officeHours: { opens: string; closes: string };
  /** Consideration term per kind, counted from the day after registration (or arrival). */
  consideration: Record<AppealKind, Term>;
  /** Redirect to the competent body within this term of registration. */
  redirect: Term;
  /** Return or termination is decided within this term. */
  returnOrTerminate: Term;
  /** The term given to fix a defective appeal, unless the head names another. */
  correction: Term;
  /**
   * An extension runs at most this long, counted from the day of the decision to extend (APPK
   * art. 76 p.3) or from the current due date (59-FZ art. 12 p.2: the term is prolonged).
   */
  extension: {
    maxMonths: number;
    maxDays: number;
    unit: "working" | "calendar";
    times: number;
    countedFrom: "decision" | "due";
  };
  complaint: {
    /** Months after the answer (or the silence) within which a complaint may be filed. */
    fileWithinMonths: number;
    /** The body that acted forwards it to the higher body within this term. */
    forward: Term;
    /** The higher body decides within this term, never extended. */
    decide: Term;
  };
  /** Days after the answer in which the applicant may rate it. */
  ratingWindowDays: number;
  /** Working days before a term ends when the executor and head are reminded. */
  reminderDaysBefore: number;
  /**
   * Working days after the term passed (and the body's head was told) when an appeal still
   * undecided is reported to the higher body's heads.
   */
  higherBodyEscalationDays: number;
  /** Anonymous filings of the simplified procedure are terminated (APPK art. 88). */
  terminateAnonymousSimplified: boolean;
}

const kz: AppealProfile = {
  jurisdiction: "kz",
  timeZone: "Asia/Almaty",
  officeHours: { opens: "09:00", closes: "18:30" },
  consideration: {
    statement: { days: 15, unit: "working" },
    complaint: { days: 15, unit: "working" },
    report: { days: 15, unit: "working" },
    proposal: { days: 15, unit: "working" },
    response: { days: 15, unit: "working" },
    information_request: { days: 15, unit: "working" },
  },
  redirect: { days: 3, unit: "working" },
  returnOrTerminate: { days: 3, unit: "working" },
  correction: { days: 5, unit: "working" },
  extension: { maxMonths: 2, maxDays: 0, unit: "calendar", times: 1, countedFrom: "decision" },
  complaint: {
    fileWithinMonths: 3,
    forward: { days: 3, unit: "working" },
    decide: { days: 20, unit: "working" },
  },
  ratingWindowDays: 30,
  reminderDaysBefore: 2,
  higherBodyEscalationDays: 3,
  terminateAnonymousSimplified: true,
};

const thirty: Term = { days: 30, unit: "calendar" };
const ru: AppealProfile = {
  jurisdiction: "ru",
  timeZone: "Europe/Moscow",
  officeHours: { opens: "09:00", closes: "18:00" },
  consideration: {
    statement: thirty,
    complaint: thirty,
    report: thirty,
    proposal: thirty,
    response: thirty,
    information_request: thirty,
  },
  redirect: { days: 7, unit: "calendar" },
  returnOrTerminate: { days: 7, unit: "calendar" },
  correction: { days: 7, unit: "calendar" },
  extension: { maxMonths: 0, maxDays: 30, unit: "calendar", times: 1, countedFrom: "due" },
  complaint: {
    fileWithinMonths: 3,
    forward: { days: 7, unit: "calendar" },
    decide: thirty,
  },
  ratingWindowDays: 30,
  reminderDaysBefore: 2,
  higherBodyEscalationDays: 3,
  terminateAnonymousSimplified: true,
};

const profiles = new Map<string, AppealProfile>([
  ["kz", kz],
  ["ru", ru],
]);

/** The profile of a jurisdiction; an unknown one falls back to Kazakhstan's (the default). */
export function appealProfile(jurisdiction: string): AppealProfile {
  return profiles.get(jurisdiction) ?? kz;
}

export function knownProfiles(): string[] {
  return [...profiles.keys()];
}
