import type { Locale } from "../i18n.js";
import { kazakhCase } from "./kazakh.js";

/**
 * The one formatter of dates, times, numbers and periods for every page, e-mail and SMS, in
 * Kazakh, Russian and English. Calendar dates (`YYYY-MM-DD`) are dates on the body's own clock
 * and are written as they are; instants are always written on the wall clock of a time zone the
 * caller names (the body's), never in UTC. Kazakh dates take the official form «2027 жылғы
 * 7 наурыз», and the phrases «…7 наурызға дейін», «…7 наурыздан бастап», «…7 наурызда» carry the
 * case ending the month name needs, so no template has to attach a suffix to a date.
 */

export type DateStyle = "full" | "long" | "medium";
/** "by/until" (до, дейін), "from/since" (с, бастап), "on" (the day something happens). */
export type DatePhrase = "until" | "from" | "on";
/** A date (`YYYY-MM-DD`), or an instant (a `Date` or ISO 8601 text with a time). */
export type Instant = Date | string;

const KK_MONTHS = [
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
];
const KK_WEEKDAYS = ["жексенбі", "дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі"];
const RU_MONTHS = [
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
];
const RU_MONTHS_GENITIVE = [
  "января",
  "февраля",
  "марта",
  "апреля",
  "мая",
  "июня",
  "июля",
  "августа",
  "сентября",
  "октября",
  "ноября",
  "декабря",
];
const EN_MONTHS = [
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
];

const PLAIN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

interface Ymd {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

function ymd(date: string): Ymd {
  const m = PLAIN.exec(date);
  if (!m) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(t.getTime()) || t.getUTCDate() !== Number(m[3]))
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), weekday: t.getUTCDay() };
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, options);
    cache.set(key, f);
  }
  return f;
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function dateIn(instant: Instant, timeZone: string): string {
  const f = dtf("en", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const p = Object.fromEntries(f.formatToParts(toDate(instant)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

function toDate(instant: Instant): Date {
  if (instant instanceof Date) return instant;
  if (PLAIN.test(instant)) return new Date(`${instant}T00:00:00Z`);
  return new Date(instant);
}

function kkLong(d: Ymd): string {
  return `${d.year} жылғы ${d.day} ${KK_MONTHS[d.month - 1]}`;
}

/**
 * A calendar date in words: full "Sunday, 7 March 2027" / «воскресенье, 7 марта 2027 г.» /
 * «2027 жылғы 7 наурыз, жексенбі»; long without the weekday; medium "7 Mar 2027" /
 * «7 мар. 2027 г.» / «2027 ж. 7 нау.» for tables.
 */
export function formatDate(date: string, locale: Locale, style: DateStyle = "full"): string {
  const d = ymd(date);
  if (locale === "kk") {
    if (style === "full") return `${kkLong(d)}, ${KK_WEEKDAYS[d.weekday]}`;
    if (style === "long") return kkLong(d);
  }
  if (locale === "kk" && style === "medium")
    return dtf("kk", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" }).format(
      toDate(date),
    );
  return dtf(locale, { timeZone: "UTC", dateStyle: style }).format(toDate(date));
}

/**
 * A date as a phrase a sentence can take whole, with no suffix or preposition to add:
 * - until: "by 7 March 2027" / «до 7 марта 2027 г.» / «2027 жылғы 7 наурызға дейін»;
 * - from: "from 7 March 2027" / «с 7 марта 2027 г.» / «2027 жылғы 7 наурыздан бастап»;
 * - on: "on 7 March 2027" / «7 марта 2027 г.» / «2027 жылғы 7 наурызда».
 */
export function formatDatePhrase(date: string, locale: Locale, phrase: DatePhrase): string {
  const d = ymd(date);
  if (locale === "kk") {
    const month = KK_MONTHS[d.month - 1] as string;
    const head = `${d.year} жылғы ${d.day}`;
    if (phrase === "until") return `${head} ${kazakhCase(month, "dative")} дейін`;
    if (phrase === "from") return `${head} ${kazakhCase(month, "ablative")} бастап`;
    return `${head} ${kazakhCase(month, "locative")}`;
  }
  const long = formatDate(date, locale, "long");
  if (locale === "ru")
    return phrase === "until" ? `до ${long}` : phrase === "from" ? `с ${long}` : long;
  return `${phrase === "until" ? "by" : phrase === "from" ? "from" : "on"} ${long}`;
}

/**
 * Message parameters for one date: `{name}` the long date, `{nameBy}`, `{nameFrom}` and
 * `{nameOn}` the phrases. A template picks the one its sentence needs («жауап {dueBy}»).
 */
export function dateParams(name: string, date: string, locale: Locale): Record<string, string> {
  return {
    [name]: formatDate(date, locale, "long"),
    [`${name}By`]: formatDatePhrase(date, locale, "until"),
    [`${name}From`]: formatDatePhrase(date, locale, "from"),
    [`${name}On`]: formatDatePhrase(date, locale, "on"),
  };
}

/** The time of day of an instant on the clock of `timeZone`, 24-hour: "15:30". */
export function formatTime(instant: Instant, locale: Locale, timeZone: string): string {
  return dtf(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    toDate(instant),
  );
}

/**
 * An instant as a date and time on the clock of `timeZone`: "7 March 2027 at 15:30" /
 * «7 марта 2027 г. в 15:30» / «2027 жылғы 7 наурыз, 15:30» (full adds the weekday).
 */
export function formatDateTime(
  instant: Instant,
  locale: Locale,
  timeZone: string,
  style: "full" | "long" = "long",
): string {
  if (locale === "kk")
    return `${formatDate(dateIn(instant, timeZone), "kk", style)}, ${formatTime(instant, locale, timeZone)}`;
  return dtf(locale, { timeZone, dateStyle: style, timeStyle: "short", hourCycle: "h23" }).format(
    toDate(instant),
  );
}

/** The date an instant falls on in `timeZone`, in words ("7 March 2027"). */
export function formatInstantDate(
  instant: Instant,
  locale: Locale,
  timeZone: string,
  style: DateStyle = "long",
): string {
  return formatDate(dateIn(instant, timeZone), locale, style);
}

/**
 * When an event (a meeting, a reception slot) runs, on the body's clock: "Tuesday, 1 April 2025
 * at 15:00–17:00" / «вторник, 1 апреля 2025 г. в 15:00–17:00» / «2025 жылғы 1 сәуір, сейсенбі,
 * 15:00–17:00». An event that ends on another day shows both dates.
 */
export function formatEventTime(
  event: { starts_at: string; ends_at: string; time_zone: string },
  locale: Locale,
): string {
  const zone = event.time_zone;
  const sameDay = dateIn(event.starts_at, zone) === dateIn(event.ends_at, zone);
  const start = formatDateTime(event.starts_at, locale, zone, "full");
  const end = sameDay
    ? formatTime(event.ends_at, locale, zone)
    : formatDateTime(event.ends_at, locale, zone, "full");
  return sameDay ? `${start}–${end}` : `${start} – ${end}`;
}

/** A month (`YYYY-MM` or any date in it) as a label: "January 2026" / «январь 2026» / «қаңтар 2026». */
export function formatMonth(month: string, locale: Locale): string {
  const m = MONTH.exec(month) ?? MONTH.exec(month.slice(0, 7));
  if (!m) throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(month)}`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  const names = locale === "kk" ? KK_MONTHS : locale === "ru" ? RU_MONTHS : EN_MONTHS;
  const name = names[index];
  if (!name) throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(month)}`);
  return `${name} ${year}`;
}

/** Short month names for a chart's axis, where twelve months share a phone's width. */
const SHORT_MONTHS: Record<Locale, readonly string[]> = {
  kk: ["қаң", "ақп", "нау", "сәу", "мам", "мау", "шіл", "там", "қыр", "қаз", "қар", "жел"],
  ru: ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

/**
 * A month (`YYYY-MM`) on a chart's axis: its short name, with the year on the first month
 * shown and on every January («қаң 2026», «ақп», …).
 */
export function formatMonthTick(month: string, locale: Locale, first: boolean): string {
  const m = MONTH.exec(month);
  const index = m ? Number(m[2]) - 1 : -1;
  const name = SHORT_MONTHS[locale][index];
  if (!m || !name) throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(month)}`);
  return first || index === 0 ? `${name} ${m[1]}` : name;
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A span of whole days, both ends included: a whole month is its month label, otherwise
 * "7–9 March 2027", "7 March – 9 April 2027", "30 December 2026 – 9 January 2027" (and the same
 * in ru and kk: «7–9 марта 2027 г.», «2027 жылғы 7–9 наурыз»).
 */
export function formatPeriod(period: { from: string; to: string }, locale: Locale): string {
  const f = ymd(period.from);
  const t = ymd(period.to);
  if (period.from === period.to) return formatDate(period.from, locale, "long");
  const sameYear = f.year === t.year;
  const sameMonth = sameYear && f.month === t.month;
  if (sameMonth && f.day === 1 && t.day === lastDay(t.year, t.month))
    return formatMonth(period.from, locale);
  const dash = "\u2013";
  if (locale === "kk") {
    if (sameMonth) return `${f.year} жылғы ${f.day}${dash}${t.day} ${KK_MONTHS[t.month - 1]}`;
    if (sameYear)
      return `${f.year} жылғы ${f.day} ${KK_MONTHS[f.month - 1]} ${dash} ${t.day} ${KK_MONTHS[t.month - 1]}`;
    return `${kkLong(f)} ${dash} ${kkLong(t)}`;
  }
  if (locale === "ru") {
    if (sameMonth) return `${f.day}${dash}${t.day} ${RU_MONTHS_GENITIVE[t.month - 1]} ${t.year} г.`;
    if (sameYear)
      return `${f.day} ${RU_MONTHS_GENITIVE[f.month - 1]} ${dash} ${t.day} ${RU_MONTHS_GENITIVE[t.month - 1]} ${t.year} г.`;
    return `${formatDate(period.from, locale, "long")} ${dash} ${formatDate(period.to, locale, "long")}`;
  }
  if (sameMonth) return `${f.day}${dash}${t.day} ${EN_MONTHS[t.month - 1]} ${t.year}`;
  if (sameYear)
    return `${f.day} ${EN_MONTHS[f.month - 1]} ${dash} ${t.day} ${EN_MONTHS[t.month - 1]} ${t.year}`;
  return `${formatDate(period.from, locale, "long")} ${dash} ${formatDate(period.to, locale, "long")}`;
}

export interface NumberOptions {
  /** Digits after the decimal sign, at most (0 unless given). */
  maximumFractionDigits?: number;
  minimumFractionDigits?: number;
  /** "percent" reads the number as a ratio: 0.123 → "12.3%" / «12,3 %». */
  style?: "decimal" | "percent";
}

const numberCache = new Map<string, Intl.NumberFormat>();

/**
 * A number, the same on pages and in messages: "20,000" in English, «20 000» with a no-break
 * space in Kazakh and Russian.
 */
export function formatNumber(n: number, locale: Locale, options: NumberOptions = {}): string {
  const key = `${locale}|${options.style ?? ""}|${options.maximumFractionDigits ?? ""}|${options.minimumFractionDigits ?? ""}`;
  let f = numberCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "en" ? "en-GB" : locale, {
      style: options.style ?? "decimal",
      maximumFractionDigits: options.maximumFractionDigits ?? (options.style === "percent" ? 1 : 0),
      ...(options.minimumFractionDigits !== undefined
        ? { minimumFractionDigits: options.minimumFractionDigits }
        : {}),
    });
    numberCache.set(key, f);
  }
  // Some ICU versions group with a narrow no-break space; one format everywhere.
  return f.format(n).replace(/\u202f/g, "\u00a0");
}

/** The noun forms a count can take; Russian needs one/few/many, Kazakh and English less. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const pluralCache = new Map<Locale, Intl.PluralRules>();

/** Which plural form a number takes in a language ("one", "few", "many", "other"). */
export function pluralCategory(n: number, locale: Locale): Intl.LDMLPluralRule {
  let p = pluralCache.get(locale);
  if (!p) {
    p = new Intl.PluralRules(locale);
    pluralCache.set(locale, p);
  }
  return p.select(n);
}

/**
 * A number with its noun in the right form: formatCount(3, "ru", { one: "рабочий день", few:
 * "рабочих дня", many: "рабочих дней", other: "рабочего дня" }) → «3 рабочих дня».
 */
export function formatCount(n: number, locale: Locale, forms: PluralForms): string {
  const noun = forms[pluralCategory(n, locale)] ?? forms.other;
  return `${formatNumber(n, locale, { maximumFractionDigits: 2 })} ${noun}`;
}

export { type KazakhCase, kazakhCase } from "./kazakh.js";
