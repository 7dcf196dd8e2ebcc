import type { WorkingCalendar } from "../../../kernel/calendar/index.js";

const DAY_MS = 86_400_000;
const dayNumber = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * A working calendar's answers, read once per year into a table: what counting working days
 * for every appeal (a rebuild reads millions) needs to be fast. Answers exactly as the calendar
 * it wraps (each day's "working or not" is the calendar's own).
 */
export class FastCalendar {
  readonly #calendar: WorkingCalendar;
  readonly #years = new Map<number, Uint8Array>();
  readonly #prefix = new Map<number, Int32Array>();
  readonly #before = new Map<number, number>();

  constructor(calendar: WorkingCalendar) {
    this.#calendar = calendar;
  }

  #working(n: number): boolean {
    const date = new Date(n * DAY_MS);
    const year = date.getUTCFullYear();
    let table = this.#years.get(year);
    if (!table) {
      const start = Date.UTC(year, 0, 1) / DAY_MS;
      const end = Date.UTC(year + 1, 0, 1) / DAY_MS;
      table = new Uint8Array(end - start);
      for (let i = 0; i < table.length; i++) {
        table[i] = this.#calendar.isWorkingDay(dateOf(start + i)) ? 1 : 0;
      }
      this.#years.set(year, table);
    }
    return table[n - Date.UTC(year, 0, 1) / DAY_MS] === 1;
  }

  isWorkingDay(d: string): boolean {
    return this.#working(dayNumber(d));
  }

  nextWorkingDay(d: string): string {
    let n = dayNumber(d) + 1;
    while (!this.#working(n)) n++;
    return dateOf(n);
  }

  workingDayOnOrAfter(d: string): string {
    return this.isWorkingDay(d) ? d : this.nextWorkingDay(d);
  }

  addWorkingDays(from: string, count: number): string {
    if (!Number.isInteger(count) || count < 0) return this.#calendar.addWorkingDays(from, count);
    let n = dayNumber(from);
    for (let left = count; left > 0; left--) {
      n++;
      while (!this.#working(n)) n++;
    }
    return dateOf(n);
  }

  /** Working days in (a, b]; negative when b is before a. */
  workingDaysBetween(a: string, b: string): number {
    const x = dayNumber(a);
    const y = dayNumber(b);
    if (x > y) return -this.workingDaysBetween(b, a);
    return this.#upTo(y) - this.#upTo(x);
  }

  /** Working days from the first of January of `n`'s year to `n`, plus those of the years between. */
  #upTo(n: number): number {
    this.#working(n);
    const year = new Date(n * DAY_MS).getUTCFullYear();
    let prefix = this.#prefix.get(year);
    if (!prefix) {
      const table = this.#years.get(year) as Uint8Array;
      prefix = new Int32Array(table.length);
      let sum = 0;
      for (let i = 0; i < table.length; i++) {
        sum += table[i] as number;
        prefix[i] = sum;
      }
      this.#prefix.set(year, prefix);
    }
    // Years before `year`, counted from 2000 (any fixed start gives the same differences).
    let before = this.#before.get(year);
    if (before === undefined) {
      before = 0;
      for (let y = 2000; y < year; y++) {
        this.#working(Date.UTC(y, 0, 1) / DAY_MS);
        before += (this.#prefix.get(y) ?? this.#makePrefix(y)).at(-1) ?? 0;
      }
      this.#before.set(year, before);
    }
    return before + (prefix[n - Date.UTC(year, 0, 1) / DAY_MS] ?? 0);
  }

  #makePrefix(year: number): Int32Array {
    this.#upTo(Date.UTC(year, 0, 1) / DAY_MS);
    return this.#prefix.get(year) as Int32Array;
  }
}

const cache = new WeakMap<WorkingCalendar, WorkingCalendar>();

/** The fast form of a calendar, made once per calendar. */
export function fastCalendar(calendar: WorkingCalendar): WorkingCalendar {
  let fast = cache.get(calendar);
  if (!fast) {
    fast = new FastCalendar(calendar) as unknown as WorkingCalendar;
    cache.set(calendar, fast);
  }
  return fast;
}
