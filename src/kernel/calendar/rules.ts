import type { CalendarYear, HolidayName } from "./calendar-year.js";
import { addDays, dayOfWeek, daysInYear, plainDate, yearOf } from "./plain-date.js";

/** A holiday on the same month and day every year, optionally only in a range of years. */
export interface FixedHoliday {
  month: number;
  day: number;
  name: HolidayName;
  /** Whether a weekend occurrence gives the next working day off. */
  movesWhenOnWeekend: boolean;
  /** First year the holiday exists (inclusive), when it was introduced by law. */
  fromYear?: number;
  /** Last year the holiday exists (inclusive), when it was abolished. */
  untilYear?: number;
}

/** A holiday on a concrete date, as produced for one year. */
export interface DatedHoliday {
  date: string;
  name: HolidayName;
  movesWhenOnWeekend: boolean;
}

/**
 * How a jurisdiction's calendar is built when no official data for a year is loaded: the
 * statutory holidays and the transfer rule, without the Government's ad-hoc swaps.
 */
export interface JurisdictionRules {
  code: string;
  /** IANA zone in which a registration's local date is taken. */
  timeZone: string;
  /** Days of the week that are rest days (0 = Sunday). */
  weekend: number[];
  fixedHolidays: FixedHoliday[];
  /** Holidays whose date changes every year (lunar feasts). */
  movableHolidays(year: number): DatedHoliday[];
}

const islamicFormat = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura", {
  timeZone: "UTC",
  day: "numeric",
  month: "numeric",
});

/**
 * Gregorian dates in `year` that fall on the given Islamic (Umm al-Qura) month and day; one
 * date usually, two in the years where the lunar year fits twice, none when it is skipped.
 * Moon sighting may put the announced feast a day off this computation.
 */
export function islamicDatesInYear(year: number, month: number, day: number): string[] {
  const found: string[] = [];
  for (const d of daysInYear(year)) {
    const p = islamicFormat.formatToParts(new Date(`${d}T12:00:00Z`));
    const m = Number(p.find((x) => x.type === "month")?.value);
    const dd = Number(p.find((x) => x.type === "day")?.value);
    if (m === month && dd === day) found.push(d);
  }
  return found;
}

/** All statutory holidays of `year` under `rules`, in date order. */
export function holidaysOf(rules: JurisdictionRules, year: number): DatedHoliday[] {
  const fixed = rules.fixedHolidays
    .filter((h) => (h.fromYear ?? year) <= year && year <= (h.untilYear ?? year))
    .map((h) => ({
      date: plainDate(year, h.month, h.day),
      name: h.name,
      movesWhenOnWeekend: h.movesWhenOnWeekend,
    }));
  return [...fixed, ...rules.movableHolidays(year)].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The fallback calendar of one year: statutory holidays, and for each one on a weekend that
 * moves, a day off on the next day that is neither weekend, holiday nor an earlier moved day
 * off, taken in date order. Neighbouring years are included so year-end transfers land right.
 */
export function generateYear(rules: JurisdictionRules, year: number): CalendarYear {
  const all = [year - 1, year, year + 1].flatMap((y) => holidaysOf(rules, y));
  const holidayDates = new Set(all.map((h) => h.date));
  const isWeekend = (d: string) => rules.weekend.includes(dayOfWeek(d));
  const moved = new Set<string>();
  const daysOff: CalendarYear["daysOff"] = [];
  for (const h of all) {
    if (!h.movesWhenOnWeekend || !isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || holidayDates.has(d) || moved.has(d)) d = addDays(d, 1);
    moved.add(d);
    if (yearOf(d) === year) {
      daysOff.push({ date: d, reason: `Day off moved from ${h.date} (${h.name.en})` });
    }
  }
  return {
    jurisdiction: rules.code,
    year,
    source: `Generated from the statutory rules of "${rules.code}"; no official data loaded`,
    holidays: all.filter((h) => yearOf(h.date) === year).map(({ date, name }) => ({ date, name })),
    daysOff,
    workingDays: [],
  };
}

const n = (kk: string, ru: string, en: string): HolidayName => ({ kk, ru, en });

const NEW_YEAR = n("Жаңа жыл", "Новый год", "New Year");
const WOMENS_DAY = n(
  "Халықаралық әйелдер күні",
  "Международный женский день",
  "International Women's Day",
);
const NAURYZ = n("Наурыз мейрамы", "Наурыз мейрамы", "Nauryz Meiramy");
const DEFENDER = n(
  "Отан қорғаушы күні",
  "День защитника Отечества",
  "Defender of the Fatherland Day",
);
const VICTORY = n("Жеңіс күні", "День Победы", "Victory Day");
const KZ_CONSTITUTION = n(
  "Қазақстан Республикасының Конституциясы күні",
  "День Конституции Республики Казахстан",
  "Constitution Day",
);
const KURBAN_AIT = n(
  "Құрбан айттың бірінші күні",
  "Первый день Курбан айта",
  "Kurban Ait (first day)",
);

const fixed = (
  month: number,
  day: number,
  name: HolidayName,
  movesWhenOnWeekend = true,
  years: { fromYear?: number; untilYear?: number } = {},
): FixedHoliday => ({ month, day, name, movesWhenOnWeekend, ...years });

/**
 * Kazakhstan (Law "On holidays in the Republic of Kazakhstan", art. 5): a holiday on a
 * weekend gives the next working day off, except Orthodox Christmas and Kurban Ait.
 * Constitution Day moves from 30 August to 15 March after the Constitution adopted at the
 * referendum of 15 March 2026 (art. 94); neither date is a holiday in 2026.
 */
export const kzRules: JurisdictionRules = {
  code: "kz",
  timeZone: "Asia/Almaty",
  weekend: [0, 6],
  fixedHolidays: [
    fixed(1, 1, NEW_YEAR),
    fixed(1, 2, NEW_YEAR),
    fixed(
      1,
      7,
      n("Православиелік Рождество", "Православное Рождество", "Orthodox Christmas"),
      false,
    ),
    fixed(3, 8, WOMENS_DAY),
    fixed(3, 15, KZ_CONSTITUTION, true, { fromYear: 2027 }),
    fixed(3, 21, NAURYZ),
    fixed(3, 22, NAURYZ),
    fixed(3, 23, NAURYZ),
    fixed(
      5,
      1,
      n(
        "Қазақстан халқының бірлігі мерекесі",
        "Праздник единства народа Казахстана",
        "Kazakhstan People's Unity Day",
      ),
    ),
    fixed(5, 7, DEFENDER),
    fixed(5, 9, VICTORY),
    fixed(7, 6, n("Астана күні", "День Столицы", "Capital City Day")),
    fixed(8, 30, KZ_CONSTITUTION, true, { untilYear: 2025 }),
    fixed(10, 25, n("Республика күні", "День Республики", "Republic Day")),
    fixed(12, 16, n("Тәуелсіздік күні", "День Независимости", "Independence Day")),
  ],
  movableHolidays: (year) =>
    islamicDatesInYear(year, 12, 10).map((date) => ({
      date,
      name: KURBAN_AIT,
      movesWhenOnWeekend: false,
    })),
};

const RU_NEW_YEAR = n("Жаңа жылдық демалыс", "Новогодние каникулы", "New Year holidays");

/**
 * Russia (Labour Code art. 112): a holiday on a weekend gives the next working day off. The
 * transfers of 1–8 January are set each year by Government decree, so the fallback does not
 * move them.
 */
export const ruRules: JurisdictionRules = {
  code: "ru",
  timeZone: "Europe/Moscow",
  weekend: [0, 6],
  fixedHolidays: [
    ...[1, 2, 3, 4, 5, 6, 8].map((day) => fixed(1, day, RU_NEW_YEAR, false)),
    fixed(1, 7, n("Рождество", "Рождество Христово", "Christmas"), false),
    fixed(2, 23, DEFENDER),
    fixed(3, 8, WOMENS_DAY),
    fixed(5, 1, n("Көктем және Еңбек мерекесі", "Праздник Весны и Труда", "Spring and Labour Day")),
    fixed(5, 9, VICTORY),
    fixed(6, 12, n("Ресей күні", "День России", "Russia Day")),
    fixed(11, 4, n("Халық бірлігі күні", "День народного единства", "Unity Day")),
  ],
  movableHolidays: () => [],
};
