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
  readonly #fallback: string | undefined;

  /** `fallback`: the code of the default jurisdiction (see `forJurisdiction`). */
  constructor(calendars: WorkingCalendar[], fallback?: string) {
    this.#calendars = new Map(calendars.map((c) => [c.rules.code, c]));
    this.#fallback = fallback;
  }

  /** The calendar of `code`, or undefined for a jurisdiction without rules. */
  get(code: string): WorkingCalendar | undefined {
    return this.#calendars.get(code);
  }

  /**
   * The working calendar (days, and through `rules.timeZone` the clock) a body of jurisdiction
   * `code` keeps: its own jurisdiction's; for a body without one, or of a jurisdiction Halyq has
   * no rules for, the default jurisdiction's (`DEFAULT_JURISDICTION`, Kazakhstan unless
   * configured), so its dates and terms still compute. Without `code`, the default's, for pages
   * that span bodies. This is the only fallback: code that needs a body's days or zone asks here
   * rather than naming a country itself. Throws when the default has no rules either, a setup
   * error no body's data can repair.
   */
  forJurisdiction(code?: string | null): WorkingCalendar {
    const own = code ? this.#calendars.get(code) : undefined;
    if (own) return own;
    const fallback = this.#fallback ? this.#calendars.get(this.#fallback) : undefined;
    if (fallback) return fallback;
    throw new RangeError(
      `No working calendar for jurisdiction "${code ?? ""}" nor for the default jurisdiction ` +
        `"${this.#fallback ?? ""}" (DEFAULT_JURISDICTION; known: ${this.codes().join(", ")})`,
    );
  }

  /** Codes of the known jurisdictions. */
  codes(): string[] {
    return [...this.#calendars.keys()];
  }

  /**
   * Rebuilds every calendar from the bundled years and `extraYears` (after an administrator
   * edits a year in the database): terms computed from then on in this process use them.
   */
  reload(extraYears: CalendarYear[]): void {
    for (const calendar of buildCalendars(extraYears))
      this.#calendars.set(calendar.rules.code, calendar);
  }
}

function buildCalendars(extraYears: CalendarYear[]): WorkingCalendar[] {
  const known = new Set(jurisdictionRules.map((r) => r.code));
  const unknown = extraYears.find((y) => !known.has(y.jurisdiction));
  if (unknown) {
    throw new RangeError(`No rules for jurisdiction "${unknown.jurisdiction}"`);
  }
  const years = [...builtInCalendarYears, ...extraYears];
  return jurisdictionRules.map(
    (rules) =>
      new WorkingCalendar(
        rules,
        years.filter((y) => y.jurisdiction === rules.code),
      ),
  );
}

/**
 * The registry of every known jurisdiction, built from the bundled official years plus
 * `extraYears` (imported later, e.g. from the database), which replace bundled years of the
 * same jurisdiction and year. Extra years for an unknown jurisdiction, or invalid ones, throw.
 * `fallback` is the default jurisdiction's code, whose calendar `forJurisdiction` gives a body
 * without known rules (none: such a body is an error).
 */
export function createCalendarRegistry(
  extraYears: CalendarYear[] = [],
  options: { fallback?: string } = {},
): CalendarRegistry {
  return new CalendarRegistry(buildCalendars(extraYears), options.fallback);
}
