import { describe, expect, it } from "vitest";
import { createCalendarRegistry, type WorkingCalendar } from "../../kernel/calendar/index.js";
import {
  complaintWindowEnd,
  endOfTerm,
  extensionLimit,
  extensionProblem,
  localTime,
  registrationDay,
} from "./deadlines.js";
import { appealProfile } from "./profiles.js";

const calendars = createCalendarRegistry();
const calendarOf = (code: string): WorkingCalendar => {
  const c = calendars.get(code);
  if (!c) throw new Error(`no calendar ${code}`);
  return c;
};
const kzCal = calendarOf("kz");
const ruCal = calendarOf("ru");
const kz = appealProfile("kz");
const ru = appealProfile("ru");

/** An instant given as wall-clock time in Almaty (UTC+5 all year since March 2024). */
const almaty = (local: string) => new Date(`${local}+05:00`);
/** An instant given as wall-clock time in Moscow (UTC+3). */
const moscow = (local: string) => new Date(`${local}+03:00`);

/** Registration day and due date of a statement received at `at`, as filing computes them. */
function kzTerm(at: Date) {
  const registeredOn = registrationDay(at, kz, kzCal);
  return { registeredOn, dueOn: endOfTerm(kzCal, registeredOn, kz.consideration.statement) };
}
function ruTerm(at: Date) {
  const registeredOn = registrationDay(at, ru, ruCal);
  return { registeredOn, dueOn: endOfTerm(ruCal, registeredOn, ru.consideration.statement) };
}

describe("registration day (APPK art. 64 p.3)", () => {
  it("is the day of arrival during office hours, counted in Almaty", () => {
    expect(localTime(almaty("2025-03-19T10:00:00"), kz.timeZone)).toBe("10:00");
    expect(registrationDay(almaty("2025-03-19T10:00:00"), kz, kzCal)).toBe("2025-03-19");
    expect(registrationDay(almaty("2025-03-19T18:29:00"), kz, kzCal)).toBe("2025-03-19");
    // 01:00 in Almaty is still the previous day in UTC: the body's own day counts.
    expect(registrationDay(new Date("2025-03-18T20:00:00Z"), kz, kzCal)).toBe("2025-03-19");
  });

  it("moves to the next working day after the office closes", () => {
    expect(registrationDay(almaty("2025-03-19T18:30:00"), kz, kzCal)).toBe("2025-03-20");
    expect(registrationDay(almaty("2025-03-19T19:00:00"), kz, kzCal)).toBe("2025-03-20");
    // Thursday evening before Nauryz: Friday 21 to Tuesday 25 March are days off.
    expect(registrationDay(almaty("2025-03-20T19:00:00"), kz, kzCal)).toBe("2025-03-26");
  });

  it("moves from a Saturday, a Sunday or a holiday to the next working day", () => {
    expect(registrationDay(almaty("2025-03-15T11:00:00"), kz, kzCal)).toBe("2025-03-17");
    expect(registrationDay(almaty("2025-03-16T11:00:00"), kz, kzCal)).toBe("2025-03-17");
    expect(registrationDay(almaty("2025-03-21T11:00:00"), kz, kzCal)).toBe("2025-03-26");
    expect(registrationDay(almaty("2025-12-16T11:00:00"), kz, kzCal)).toBe("2025-12-17");
  });

  it("follows the Government's swaps: Friday 3 January 2025 off, Sunday 5 January worked", () => {
    expect(registrationDay(almaty("2025-01-03T11:00:00"), kz, kzCal)).toBe("2025-01-05");
    expect(registrationDay(almaty("2025-01-05T11:00:00"), kz, kzCal)).toBe("2025-01-05");
  });

  it("uses Moscow time and office hours under the Russian profile", () => {
    expect(registrationDay(moscow("2025-03-19T17:59:00"), ru, ruCal)).toBe("2025-03-19");
    expect(registrationDay(moscow("2025-03-19T18:00:00"), ru, ruCal)).toBe("2025-03-20");
    // 20:30 in Almaty is 18:30 in Moscow: late for Moscow, still the same day by clock.
    expect(registrationDay(almaty("2025-03-19T20:30:00"), ru, ruCal)).toBe("2025-03-20");
  });
});

describe("consideration term in Kazakhstan: 15 working days from the day after registration", () => {
  it("registered Wednesday 19 March 2025 is due Monday 14 April 2025 (Nauryz skipped)", () => {
    expect(kzTerm(almaty("2025-03-19T10:00:00"))).toEqual({
      registeredOn: "2025-03-19",
      dueOn: "2025-04-14",
    });
  });

  it("after hours on 19 March: registered on the 20th, due 15 April", () => {
    expect(kzTerm(almaty("2025-03-19T19:00:00"))).toEqual({
      registeredOn: "2025-03-20",
      dueOn: "2025-04-15",
    });
  });

  it("on Saturday 15 March: registered Monday 17 March, due 10 April", () => {
    expect(kzTerm(almaty("2025-03-15T12:00:00"))).toEqual({
      registeredOn: "2025-03-17",
      dueOn: "2025-04-10",
    });
  });

  const across: [string, string, string, string][] = [
    // [what is skipped, registered on, due on, why]
    [
      "New Year 2025",
      "2024-12-27",
      "2025-01-22",
      "1, 2, 3 (swap) and 7 January off; Sunday 5 worked",
    ],
    ["Nauryz", "2025-03-19", "2025-04-14", "21 March and the moved 24, 25 March off"],
    ["1, 7 and 9 May", "2025-04-28", "2025-05-22", "three holidays inside the term"],
    ["Kurban Ait 2025", "2025-05-30", "2025-06-23", "Friday 6 June off"],
    ["Capital City Day", "2025-07-04", "2025-07-28", "Sunday 6 July moves the day off to Monday 7"],
    [
      "30 August",
      "2025-08-29",
      "2025-09-22",
      "Saturday 30 August moves the day off to Monday 1 September",
    ],
    [
      "25 October",
      "2025-10-24",
      "2025-11-17",
      "Saturday 25 October moves the day off to Monday 27",
    ],
    [
      "16 December and New Year 2026",
      "2025-12-15",
      "2026-01-09",
      "16 Dec, 1, 2 and 7 Jan off; 17 Dec worked",
    ],
  ];

  it.each(across)("across %s: %s → %s (%s)", (_name, registeredOn, dueOn) => {
    expect(endOfTerm(kzCal, registeredOn, kz.consideration.statement)).toBe(dueOn);
    expect(kzCal.workingDaysBetween(registeredOn, dueOn)).toBe(15);
    expect(kzCal.isWorkingDay(dueOn)).toBe(true);
  });

  it("treats 1 December and 17 December as working days (since 2022)", () => {
    expect(kzCal.isWorkingDay("2025-12-01")).toBe(true);
    expect(kzCal.isWorkingDay("2025-12-17")).toBe(true);
    expect(kzCal.isWorkingDay("2025-12-16")).toBe(false);
  });

  it("is the same for every kind of appeal", () => {
    for (const term of Object.values(kz.consideration)) {
      expect(endOfTerm(kzCal, "2025-03-19", term)).toBe("2025-04-14");
    }
  });
});

describe("consideration term in Russia: 30 calendar days, a day off moves it", () => {
  it("registered 19 March 2025 is due Friday 18 April 2025", () => {
    expect(ruTerm(moscow("2025-03-19T10:00:00"))).toEqual({
      registeredOn: "2025-03-19",
      dueOn: "2025-04-18",
    });
  });

  it("a term ending on Saturday 19 April moves to Monday 21 April", () => {
    expect(ruTerm(moscow("2025-03-19T18:30:00"))).toEqual({
      registeredOn: "2025-03-20",
      dueOn: "2025-04-21",
    });
  });

  it("a term ending on Victory Day (Friday 9 May) moves to Monday 12 May", () => {
    expect(endOfTerm(ruCal, "2025-04-09", ru.consideration.statement)).toBe("2025-05-12");
  });

  it("a term ending on Russia Day (Thursday 12 June) moves to Friday 13 June", () => {
    expect(endOfTerm(ruCal, "2025-05-13", ru.consideration.statement)).toBe("2025-06-13");
  });

  it("a term ending on a working day stays there", () => {
    expect(endOfTerm(ruCal, "2025-02-10", ru.consideration.statement)).toBe("2025-03-12");
  });
});

describe("redirect term", () => {
  it("is 3 working days in Kazakhstan (Nauryz skipped)", () => {
    expect(endOfTerm(kzCal, "2025-03-19", kz.redirect)).toBe("2025-03-27");
    expect(endOfTerm(kzCal, "2025-04-14", kz.redirect)).toBe("2025-04-17");
  });

  it("is 7 calendar days in Russia", () => {
    expect(endOfTerm(ruCal, "2025-03-19", ru.redirect)).toBe("2025-03-26");
    // 7 days from Friday 2 May is Friday 9 May (Victory Day): moves to Monday 12 May.
    expect(endOfTerm(ruCal, "2025-05-02", ru.redirect)).toBe("2025-05-12");
  });
});

describe("extension (art. 76 p.3): at most two months from the decision, once", () => {
  it("runs to the same day two months later", () => {
    expect(extensionLimit(kzCal, kz, "2025-03-19")).toBe("2025-05-19");
    expect(extensionLimit(kzCal, kz, "2025-04-10")).toBe("2025-06-10");
  });

  it("moves to the next working day when two months later is a day off", () => {
    // 7 July 2025 is the Monday off for Capital City Day.
    expect(extensionLimit(kzCal, kz, "2025-05-07")).toBe("2025-07-08");
    // 19 October 2025 is a Sunday.
    expect(extensionLimit(kzCal, kz, "2025-08-19")).toBe("2025-10-20");
  });

  it("stops at the end of a shorter month", () => {
    expect(extensionLimit(kzCal, kz, "2024-12-31")).toBe("2025-02-28");
  });

  it("under 59-FZ prolongs the term itself by at most 30 days, whenever it is decided", () => {
    // Due Friday 18 April 2025: at most to Monday 19 May (18 May is a Sunday).
    expect(extensionLimit(ruCal, ru, "2025-04-01", "2025-04-18")).toBe("2025-05-19");
    expect(extensionLimit(ruCal, ru, "2025-04-17", "2025-04-18")).toBe("2025-05-19");
    expect(
      extensionProblem(ruCal, ru, {
        today: "2025-04-01",
        dueOn: "2025-04-18",
        extensionsSoFar: 0,
        until: "2025-05-20",
      }),
    ).toBe("beyond_limit");
  });

  const base = { today: "2025-03-19", dueOn: "2025-04-14", extensionsSoFar: 0 };
  it("accepts a date after the due date and within the limit", () => {
    expect(extensionProblem(kzCal, kz, { ...base, until: "2025-04-15" })).toBeNull();
    expect(extensionProblem(kzCal, kz, { ...base, until: "2025-05-19" })).toBeNull();
  });

  it("refuses a date beyond two months, not later than the term, or not a date", () => {
    expect(extensionProblem(kzCal, kz, { ...base, until: "2025-05-20" })).toBe("beyond_limit");
    expect(extensionProblem(kzCal, kz, { ...base, until: "2025-04-14" })).toBe("not_later");
    expect(extensionProblem(kzCal, kz, { ...base, until: "2025-04-01" })).toBe("not_later");
    expect(extensionProblem(kzCal, kz, { ...base, until: "2025-02-30" })).toBe("invalid_date");
    expect(extensionProblem(kzCal, kz, { ...base, until: "19.05.2025" })).toBe("invalid_date");
  });

  it("refuses a second extension whatever the date", () => {
    expect(extensionProblem(kzCal, kz, { ...base, extensionsSoFar: 1, until: "2025-04-20" })).toBe(
      "no_more",
    );
  });
});

describe("complaint window (art. 92): three months", () => {
  it("ends three months after the answer", () => {
    expect(complaintWindowEnd(kz, "2025-04-14")).toBe("2025-07-14");
    expect(complaintWindowEnd(kz, "2025-11-30")).toBe("2026-02-28");
    expect(complaintWindowEnd(kz, "2023-11-30")).toBe("2024-02-29");
  });

  it("the higher body decides within 20 working days, the acting body forwards within 3", () => {
    expect(endOfTerm(kzCal, "2025-03-19", kz.complaint.decide)).toBe("2025-04-21");
    expect(endOfTerm(kzCal, "2025-03-19", kz.complaint.forward)).toBe("2025-03-27");
  });
});
