import type { Locale } from "../../kernel/i18n.js";

/**
 * Month names as a heading names a month on its own (the nominative: «қаңтар 2026»,
 * «январь 2026», "January 2026"), written here rather than asked of ICU, whose Kazakh
 * standalone form differs between Node versions.
 */
const LONG: Record<Locale, readonly string[]> = {
  kk: [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
  ],
  ru: [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

/** Short names for a chart's axis, where twelve months share 640 units. */
const SHORT: Record<Locale, readonly string[]> = {
  kk: ["қаң", "ақп", "нау", "сәу", "мам", "мау", "шіл", "там", "қыр", "қаз", "қар", "жел"],
  ru: ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

function parts(month: string): { year: string; index: number } | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const index = m ? Number(m[2]) - 1 : -1;
  return m && index >= 0 && index < 12 ? { year: m[1] as string, index } : undefined;
}

/** A month (`YYYY-MM`) by its name and year, e.g. «қаңтар 2026»; anything else as given. */
export function monthName(month: string, locale: Locale): string {
  const p = parts(month);
  return p ? `${LONG[locale][p.index]} ${p.year}` : month;
}

/**
 * A month on a chart's axis: its short name, with the year on the first month shown and on
 * every January («қаң 2026», «ақп», …).
 */
export function monthTick(month: string, locale: Locale, first: boolean): string {
  const p = parts(month);
  if (!p) return month;
  const name = SHORT[locale][p.index] as string;
  return first || p.index === 0 ? `${name} ${p.year}` : name;
}
