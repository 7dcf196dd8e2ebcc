import { describe, expect, it } from "vitest";
import { type Catalogues, translator } from "../i18n.js";
import {
  dateParams,
  formatCount,
  formatDate,
  formatDatePhrase,
  formatDateTime,
  formatEventTime,
  formatInstantDate,
  formatMonth,
  formatMonthTick,
  formatNumber,
  formatPeriod,
  formatTime,
  kazakhCase,
} from "./index.js";

const NBSP = "\u00a0";

/** Each month of 2027 on the 7th: [nominative, dative, ablative, locative] in Kazakh, genitive in Russian, English. */
const MONTHS: [string, string, string, string, string, string][] = [
  ["қаңтар", "қаңтарға", "қаңтардан", "қаңтарда", "января", "January"],
  ["ақпан", "ақпанға", "ақпаннан", "ақпанда", "февраля", "February"],
  ["наурыз", "наурызға", "наурыздан", "наурызда", "марта", "March"],
  ["сәуір", "сәуірге", "сәуірден", "сәуірде", "апреля", "April"],
  ["мамыр", "мамырға", "мамырдан", "мамырда", "мая", "May"],
  ["маусым", "маусымға", "маусымнан", "маусымда", "июня", "June"],
  ["шілде", "шілдеге", "шілдеден", "шілдеде", "июля", "July"],
  ["тамыз", "тамызға", "тамыздан", "тамызда", "августа", "August"],
  ["қыркүйек", "қыркүйекке", "қыркүйектен", "қыркүйекте", "сентября", "September"],
  ["қазан", "қазанға", "қазаннан", "қазанда", "октября", "October"],
  ["қараша", "қарашаға", "қарашадан", "қарашада", "ноября", "November"],
  ["желтоқсан", "желтоқсанға", "желтоқсаннан", "желтоқсанда", "декабря", "December"],
];

describe("date phrases, every month in every language", () => {
  MONTHS.forEach(([kk, dative, ablative, locative, ru, en], i) => {
    const date = `2027-${String(i + 1).padStart(2, "0")}-07`;
    it(`${date}`, () => {
      expect(kazakhCase(kk, "dative")).toBe(dative);
      expect(kazakhCase(kk, "ablative")).toBe(ablative);
      expect(kazakhCase(kk, "locative")).toBe(locative);

      expect(formatDate(date, "kk", "long")).toBe(`2027 жылғы 7 ${kk}`);
      expect(formatDatePhrase(date, "kk", "until")).toBe(`2027 жылғы 7 ${dative} дейін`);
      expect(formatDatePhrase(date, "kk", "from")).toBe(`2027 жылғы 7 ${ablative} бастап`);
      expect(formatDatePhrase(date, "kk", "on")).toBe(`2027 жылғы 7 ${locative}`);

      expect(formatDate(date, "ru", "long")).toBe(`7 ${ru} 2027 г.`);
      expect(formatDatePhrase(date, "ru", "until")).toBe(`до 7 ${ru} 2027 г.`);
      expect(formatDatePhrase(date, "ru", "from")).toBe(`с 7 ${ru} 2027 г.`);
      expect(formatDatePhrase(date, "ru", "on")).toBe(`7 ${ru} 2027 г.`);

      expect(formatDate(date, "en", "long")).toBe(`7 ${en} 2027`);
      expect(formatDatePhrase(date, "en", "until")).toBe(`by 7 ${en} 2027`);
      expect(formatDatePhrase(date, "en", "from")).toBe(`from 7 ${en} 2027`);
      expect(formatDatePhrase(date, "en", "on")).toBe(`on 7 ${en} 2027`);

      for (const locale of ["kk", "ru", "en"] as const)
        for (const phrase of ["until", "from", "on"] as const) {
          const text = formatDatePhrase(date, locale, phrase);
          expect(text).not.toMatch(/\d{4}-\d{2}/);
          // No weekday inside a phrase.
          expect(text).not.toMatch(/жексенбі|воскресенье|Sunday|,/);
        }
    });
  });

  it("a month label never reads 2026-01", () => {
    expect(formatMonth("2026-01", "en")).toBe("January 2026");
    expect(formatMonth("2026-01", "ru")).toBe("январь 2026");
    expect(formatMonth("2026-01", "kk")).toBe("қаңтар 2026");
    expect(formatMonthTick("2026-01", "kk", false)).toBe("қаң 2026");
    expect(formatMonthTick("2026-03", "ru", false)).toBe("мар");
    expect(formatMonthTick("2026-03", "en", true)).toBe("Mar 2026");
    expect(formatMonth("2026-09-15", "kk")).toBe("қыркүйек 2026");
  });
});

describe("dates", () => {
  it("full, long and medium", () => {
    expect(formatDate("2027-03-07", "en")).toBe("Sunday, 7 March 2027");
    expect(formatDate("2027-03-07", "ru")).toBe(`воскресенье, 7 марта 2027 г.`);
    expect(formatDate("2027-03-07", "kk")).toBe("2027 жылғы 7 наурыз, жексенбі");
    expect(formatDate("2027-03-07", "en", "medium")).toBe("7 Mar 2027");
    expect(formatDate("2027-03-07", "kk", "medium")).toContain("нау");
    expect(() => formatDate("2027-02-30", "en")).toThrow(RangeError);
  });

  it("instants on the body's clock, never in UTC", () => {
    // 20:30 UTC on 6 March is 01:30 on 7 March in Almaty (UTC+5).
    const at = "2027-03-06T20:30:00.000Z";
    expect(formatTime(at, "ru", "Asia/Almaty")).toBe("01:30");
    expect(formatInstantDate(at, "en", "Asia/Almaty")).toBe("7 March 2027");
    expect(formatDateTime(at, "en", "Asia/Almaty")).toBe("7 March 2027 at 01:30");
    expect(formatDateTime(at, "kk", "Asia/Almaty")).toBe("2027 жылғы 7 наурыз, 01:30");
    expect(formatDateTime(at, "ru", "Asia/Almaty")).toContain("7 марта 2027");
    expect(formatDateTime(at, "ru", "Asia/Almaty")).toContain("01:30");
  });

  it("an event's time range", () => {
    const e = {
      starts_at: "2025-04-01T10:00:00.000Z",
      ends_at: "2025-04-01T12:00:00.000Z",
      time_zone: "Asia/Almaty",
    };
    expect(formatEventTime(e, "en")).toBe("Tuesday, 1 April 2025 at 15:00–17:00");
    expect(formatEventTime(e, "kk")).toBe("2025 жылғы 1 сәуір, сейсенбі, 15:00–17:00");
    expect(formatEventTime(e, "ru")).toMatch(/^вторник, 1 апреля 2025.*15:00–17:00$/);
    const overnight = { ...e, ends_at: "2025-04-01T20:00:00.000Z" };
    expect(formatEventTime(overnight, "en")).toBe(
      "Tuesday, 1 April 2025 at 15:00 – Wednesday, 2 April 2025 at 01:00",
    );
  });

  it("periods", () => {
    expect(formatPeriod({ from: "2027-03-07", to: "2027-03-09" }, "en")).toBe("7–9 March 2027");
    expect(formatPeriod({ from: "2027-03-07", to: "2027-03-09" }, "ru")).toBe(`7–9 марта 2027 г.`);
    expect(formatPeriod({ from: "2027-03-07", to: "2027-03-09" }, "kk")).toBe(
      "2027 жылғы 7–9 наурыз",
    );
    expect(formatPeriod({ from: "2027-03-07", to: "2027-04-09" }, "en")).toBe(
      "7 March – 9 April 2027",
    );
    expect(formatPeriod({ from: "2027-03-07", to: "2027-04-09" }, "kk")).toBe(
      "2027 жылғы 7 наурыз – 9 сәуір",
    );
    expect(formatPeriod({ from: "2026-12-30", to: "2027-01-09" }, "en")).toBe(
      "30 December 2026 – 9 January 2027",
    );
    expect(formatPeriod({ from: "2026-01-01", to: "2026-01-31" }, "ru")).toBe("январь 2026");
    expect(formatPeriod({ from: "2026-01-05", to: "2026-01-05" }, "en")).toBe("5 January 2026");
  });

  it("message parameters for a date", () => {
    expect(dateParams("due", "2027-03-07", "kk")).toEqual({
      due: "2027 жылғы 7 наурыз",
      dueBy: "2027 жылғы 7 наурызға дейін",
      dueFrom: "2027 жылғы 7 наурыздан бастап",
      dueOn: "2027 жылғы 7 наурызда",
    });
  });
});

describe("numbers and counts", () => {
  it("one number format on pages and in messages", () => {
    expect(formatNumber(20000, "kk")).toBe(`20${NBSP}000`);
    expect(formatNumber(20000, "ru")).toBe(`20${NBSP}000`);
    expect(formatNumber(20000, "en")).toBe("20,000");
    expect(formatNumber(1234567, "ru")).toBe(`1${NBSP}234${NBSP}567`);
    expect(formatNumber(12.345, "en", { maximumFractionDigits: 1 })).toBe("12.3");
    expect(formatNumber(12.345, "ru", { maximumFractionDigits: 1 })).toBe("12,3");
    expect(formatNumber(0.123, "en", { style: "percent" })).toBe("12.3%");
    expect(formatNumber(0.123, "ru", { style: "percent" })).toBe(`12,3${NBSP}%`);
  });

  const days = {
    one: "рабочий день",
    few: "рабочих дня",
    many: "рабочих дней",
    other: "рабочего дня",
  };
  it.each([
    [1, "1 рабочий день"],
    [2, "2 рабочих дня"],
    [5, "5 рабочих дней"],
    [11, "11 рабочих дней"],
    [21, "21 рабочий день"],
    [22, "22 рабочих дня"],
  ])("Russian plural of %i", (n, text) => {
    expect(formatCount(n, "ru", days)).toBe(text);
  });

  it.each([
    [1, "1 working day"],
    [2, "2 working days"],
    [5, "5 working days"],
    [11, "11 working days"],
    [21, "21 working days"],
  ])("English plural of %i", (n, text) => {
    expect(formatCount(n, "en", { one: "working day", other: "working days" })).toBe(text);
  });

  it.each([1, 2, 5, 11, 21])("Kazakh keeps the noun singular after %i", (n) => {
    expect(formatCount(n, "kk", { other: "жұмыс күні" })).toBe(`${n} жұмыс күні`);
  });

  it("a large count is grouped", () => {
    expect(formatCount(20000, "ru", days)).toBe(`20${NBSP}000 рабочих дней`);
  });
});

describe("the translator with formatted values", () => {
  const catalogues: Catalogues = {
    kk: new Map([["k", "Жауап {dueBy}."]]),
    ru: new Map([
      ["k", "Ответ должен быть дан {dueBy}."],
      ["n", "{n, plural, one {# подпись} few {# подписи} many {# подписей} other {# подписи}}"],
    ]),
    en: new Map([["k", "The answer is due {dueBy}."]]),
  };
  it("takes no second full stop after «г.» and groups plural numbers", () => {
    const ru = translator(catalogues, "ru");
    expect(ru("k", dateParams("due", "2027-03-07", "ru"))).toBe(
      `Ответ должен быть дан до 7 марта 2027 г.`,
    );
    expect(ru("n", { n: 20000 })).toBe(`20${NBSP}000 подписей`);
    expect(ru("n", { n: 21 })).toBe("21 подпись");
    const en = translator(
      { ...catalogues, en: new Map([["m", "At most {max} characters in {year}."]]) },
      "en",
    );
    expect(en("m", { max: 20000, year: 2026 })).toBe("At most 20,000 characters in 2026.");
    expect(translator(catalogues, "kk")("k", dateParams("due", "2027-03-07", "kk"))).toBe(
      "Жауап 2027 жылғы 7 наурызға дейін.",
    );
    expect(translator(catalogues, "en")("k", dateParams("due", "2027-03-07", "en"))).toBe(
      "The answer is due by 7 March 2027.",
    );
  });
});
