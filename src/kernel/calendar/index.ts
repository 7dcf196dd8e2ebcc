import type { CalendarYear } from "./calendar-year.js";
import { builtInCalendarYears } from "./data/index.js";
import { type JurisdictionRules, kzRules, ruRules } from "./rules.js";
import { WorkingCalendar } from "./working-calendar.js";

export * from "./calendar-year.js";
export * from "./plain-date.js";
export * from "./rules.js";
export * from "./working-calendar.js";

/** Jurisdictions the platform knows how to compute working days for. */
export const jurisdictionRules: readonly JurisdictionRules[] = [kzRules, ruRules];

/** Working calendars by jurisdiction code, so each organisation uses its own country's days. */
export class CalendarRegistry {
  readonly #calendars: Map<string, WorkingCalendar>;

  constructor(calendars: WorkingCalendar[]) {
    this.#calendars = new Map(calendars.map((c) => [c.rules.code, c]));
  }

  /** The calendar of `code`, or undefined for a jurisdiction without rules. */
  get(code: string): WorkingCalendar | undefined {
    return this.#calendars.get(code);
  }

  /** Codes of the known jurisdictions. */
  codes(): string[] {
    return [...this.#calendars.keys()];
  }
}

/**
 * The registry of every known jurisdiction, built from the bundled official years plus
 * `extraYears` (imported later, e.g. from the database), which replace bundled years of the
 * same jurisdiction and year. Extra years for an unknown jurisdiction, or invalid ones, throw.
 */
export function createCalendarRegistry(extraYears: CalendarYear[] = []): CalendarRegistry {
  const known = new Set(jurisdictionRules.map((r) => r.code));
  const unknown = extraYears.find((y) => !known.has(y.jurisdiction));
  if (unknown) {
    throw new RangeError(`No rules for jurisdiction "${unknown.jurisdiction}"`);
  }
  const years = [...builtInCalendarYears, ...extraYears];
  return new CalendarRegistry(
    jurisdictionRules.map(
      (rules) =>
        new WorkingCalendar(
          rules,
          years.filter((y) => y.jurisdiction === rules.code),
        ),
    ),
  );
}
