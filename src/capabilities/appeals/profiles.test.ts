import { describe, expect, it } from "vitest";
import { createCalendarRegistry } from "../../kernel/calendar/index.js";
import { APPEAL_KINDS } from "./appeal.js";
import { appealProfile, knownProfiles } from "./profiles.js";

describe("appeal profiles", () => {
  it("ship Kazakhstan and Russia, and fall back to Kazakhstan for an unknown jurisdiction", () => {
    expect(knownProfiles().sort()).toEqual(["kz", "ru"]);
    expect(appealProfile("xx").jurisdiction).toBe("kz");
    expect(appealProfile("").jurisdiction).toBe("kz");
  });

  it("give every kind a consideration term in every profile", () => {
    for (const code of knownProfiles()) {
      const profile = appealProfile(code);
      expect(Object.keys(profile.consideration).sort()).toEqual([...APPEAL_KINDS].sort());
      for (const kind of APPEAL_KINDS) {
        const term = profile.consideration[kind];
        expect(Number.isInteger(term.days) && term.days > 0).toBe(true);
      }
    }
  });

  it("hold the numbers of the APPK for Kazakhstan", () => {
    const kz = appealProfile("kz");
    for (const kind of APPEAL_KINDS) {
      expect(kz.consideration[kind]).toEqual({ days: 15, unit: "working" });
    }
    expect(kz.redirect).toEqual({ days: 3, unit: "working" });
    expect(kz.returnOrTerminate).toEqual({ days: 3, unit: "working" });
    expect(kz.extension).toMatchObject({ maxMonths: 2, maxDays: 0, times: 1 });
    expect(kz.complaint).toEqual({
      fileWithinMonths: 3,
      forward: { days: 3, unit: "working" },
      decide: { days: 20, unit: "working" },
    });
    expect(kz.terminateAnonymousSimplified).toBe(true);
  });

  it("hold the numbers of Federal Law 59-FZ for Russia", () => {
    const ru = appealProfile("ru");
    for (const kind of APPEAL_KINDS) {
      expect(ru.consideration[kind]).toEqual({ days: 30, unit: "calendar" });
    }
    expect(ru.redirect).toEqual({ days: 7, unit: "calendar" });
    expect(ru.extension).toMatchObject({ maxMonths: 0, maxDays: 30, times: 1 });
  });

  it("count each jurisdiction's day in the same time zone as its working calendar", () => {
    const calendars = createCalendarRegistry();
    for (const code of knownProfiles()) {
      const profile = appealProfile(code);
      expect(calendars.get(code)?.rules.timeZone).toBe(profile.timeZone);
      expect(profile.officeHours.opens < profile.officeHours.closes).toBe(true);
      expect(profile.officeHours.closes).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
    }
  });
});
