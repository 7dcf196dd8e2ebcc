import { dayOfWeek, type WorkingCalendar } from "../../kernel/calendar/index.js";
import type { Locale } from "../../kernel/i18n.js";

export interface YearSummary {
  year: number;
  official: boolean;
  source: string;
  workingDays: number;
  holidays: { date: string; name: Record<Locale, string> }[];
  nonWorkingWeekdays: { date: string; holiday?: string; reason?: string }[];
  workingWeekendDays: { date: string; reason: string }[];
}

/** A year of a calendar as people read it: holidays, extra days off, working weekends. */
export function describeYear(calendar: WorkingCalendar, year: number): YearSummary {
  const data = calendar.yearData(year);
  const holidayNames = new Map(data.holidays.map((h) => [h.date, h.name.en]));
  const nonWorkingWeekdays = [
    ...data.holidays
      .filter((h) => !calendar.rules.weekend.includes(dayOfWeek(h.date)))
      .map((h) => ({ date: h.date, holiday: h.name.en })),
    ...data.daysOff.map((d) => ({ date: d.date, reason: d.reason })),
  ]
    .filter((d) => !calendar.isWorkingDay(d.date))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  return {
    year,
    official: calendar.hasDataFor(year),
    source: data.source,
    workingDays: calendar.workingDaysInYear(year),
    holidays: data.holidays
      .map((h) => ({ date: h.date, name: h.name }))
      .sort((a, b) => (a.date < b.date ? -1 : 1)),
    nonWorkingWeekdays: nonWorkingWeekdays.map((d) =>
      holidayNames.has(d.date) ? { ...d, holiday: holidayNames.get(d.date) as string } : d,
    ),
    workingWeekendDays: [...data.workingDays].sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
}
