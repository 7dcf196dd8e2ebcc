import { type CalendarYear, type HolidayName, validateCalendarYear } from "./calendar-year.js";
import { addDays, compare, dayOfWeek, daysInYear, isPlainDate, parts } from "./plain-date.js";
import { generateYear, type JurisdictionRules } from "./rules.js";

/** What a date is, for display next to a deadline. */
export interface DayDescription {
  working: boolean;
  holiday?: HolidayName;
  reason?: string;
}

interface YearIndex {
  holidays: Map<string, HolidayName>;
  daysOff: Map<string, string>;
  workingDays: Map<string, string>;
}

/**
 * Working days of one jurisdiction. Official data is used for the years it covers; other
 * years fall back to the statutory rules, so deadlines far ahead still compute (less surely).
 */
export class WorkingCalendar {
  readonly rules: JurisdictionRules;
  readonly #data = new Map<number, CalendarYear>();
  readonly #generated = new Map<number, CalendarYear>();
  readonly #index = new Map<number, YearIndex>();

  /** Later entries for the same year replace earlier ones; invalid data throws. */
  constructor(rules: JurisdictionRules, years: CalendarYear[]) {
    this.rules = rules;
    for (const y of years) {
      if (y.jurisdiction !== rules.code) {
        throw new RangeError(`Calendar ${y.jurisdiction}-${y.year} given to "${rules.code}"`);
      }
      const problems = validateCalendarYear(y, rules.weekend);
      if (problems.length > 0) {
        throw new RangeError(
          `Invalid calendar ${y.jurisdiction}-${y.year}: ${problems.join("; ")}`,
        );
      }
      this.#data.set(y.year, y);
    }
  }

  /** Whether official data (rather than the fallback rules) covers `year`. */
  hasDataFor(year: number): boolean {
    return this.#data.has(year);
  }

  /** The calendar used for `year`: the loaded data, or the generated fallback. */
  yearData(year: number): CalendarYear {
    const data = this.#data.get(year);
    if (data) return data;
    let generated = this.#generated.get(year);
    if (!generated) {
      generated = generateYear(this.rules, year);
      this.#generated.set(year, generated);
    }
    return generated;
  }

  #yearIndex(year: number): YearIndex {
    let idx = this.#index.get(year);
    if (!idx) {
      const y = this.yearData(year);
      idx = {
        holidays: new Map(y.holidays.map((h) => [h.date, h.name])),
        daysOff: new Map(y.daysOff.map((h) => [h.date, h.reason])),
        workingDays: new Map(y.workingDays.map((h) => [h.date, h.reason])),
      };
      this.#index.set(year, idx);
    }
    return idx;
  }

  /** What `d` is: working or not, and the holiday or transfer that makes it so. */
  describe(d: string): DayDescription {
    const idx = this.#yearIndex(parts(d).year);
    const swap = idx.workingDays.get(d);
    if (swap !== undefined) return { working: true, reason: swap };
    const holiday = idx.holidays.get(d);
    if (holiday) return { working: false, holiday };
    const dayOff = idx.daysOff.get(d);
    if (dayOff !== undefined) return { working: false, reason: dayOff };
    return { working: !this.rules.weekend.includes(dayOfWeek(d)) };
  }

  /** Whether state bodies work on `d`. */
  isWorkingDay(d: string): boolean {
    return this.describe(d).working;
  }

  /** The first working day strictly after `d`. */
  nextWorkingDay(d: string): string {
    let next = addDays(d, 1);
    while (!this.isWorkingDay(next)) next = addDays(next, 1);
    return next;
  }

  /** `d` itself when working, else the next working day: a term ending on a day off moves. */
  workingDayOnOrAfter(d: string): string {
    return this.isWorkingDay(d) ? d : this.nextWorkingDay(d);
  }

  /**
   * The day reached by counting `n` working days, starting with the day after `from` (the
   * day of registration is not counted). `n = 0` returns `from` unchanged.
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`Working days must be a non-negative integer, got ${n}`);
    }
    if (!isPlainDate(from)) throw new RangeError(`Not a calendar date: ${JSON.stringify(from)}`);
    let d = from;
    for (let left = n; left > 0; left--) d = this.nextWorkingDay(d);
    return d;
  }

  /**
   * Working days in (a, b]: the inverse of addWorkingDays, so that
   * `workingDaysBetween(from, addWorkingDays(from, n)) === n`. Negative when b is before a.
   */
  workingDaysBetween(a: string, b: string): number {
    const order = compare(a, b);
    if (order > 0) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let d = a; compare(d, b) < 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }

  /** Number of working days in `year`, the figure published in production calendars. */
  workingDaysInYear(year: number): number {
    let count = 0;
    for (const d of daysInYear(year)) if (this.isWorkingDay(d)) count++;
    return count;
  }
}
