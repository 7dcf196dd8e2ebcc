import { describe, expect, it } from "vitest";
import { createCalendarRegistry, type WorkingCalendar } from "../../kernel/calendar/index.js";
import { nearestTerm, overdueBound, type TermRow, termBound } from "./nearest-term.js";
import { appealProfile } from "./profiles.js";

const calendar = createCalendarRegistry().get("kz") as WorkingCalendar;
const kz = appealProfile("kz");

const row = (over: Partial<TermRow>): TermRow => ({
  status: "registered",
  kind: "statement",
  procedure: "full",
  complaint_of_id: null,
  registered_on: "2026-12-07",
  due_on: "2026-12-28",
  extended_at: null,
  correction_due_on: null,
  ...over,
});
const at = (r: TermRow, today: string) => nearestTerm(r, calendar, kz, today);

describe("the nearest term of an appeal (Kazakhstan, December 2026)", () => {
  it("is the 3-working-day redirect term while nobody has taken the appeal into work", () => {
    expect(at(row({}), "2026-12-07")).toEqual({
      kind: "redirect",
      on: "2026-12-10",
      overdue: false,
    });
    expect(at(row({}), "2026-12-11")).toEqual({
      kind: "redirect",
      on: "2026-12-10",
      overdue: true,
    });
    // 16 December (Independence Day) is not counted: Friday 11th + 3 working days is Thursday 17th.
    expect(at(row({ registered_on: "2026-12-11" }), "2026-12-11")?.on).toBe("2026-12-17");
  });

  it("is the answer term once assigned, and says when that term was extended", () => {
    expect(at(row({ status: "in_progress" }), "2026-12-11")).toEqual({
      kind: "answer",
      on: "2026-12-28",
      overdue: false,
    });
    expect(
      at(
        row({
          status: "awaiting_approval",
          extended_at: "2026-12-20T05:00:00Z",
          due_on: "2027-02-19",
        }),
        "2026-12-21",
      ),
    ).toEqual({ kind: "extended", on: "2027-02-19", overdue: false });
  });

  it("is the forwarding term of a complaint filed with the body that acted", () => {
    const complaint = row({ kind: "complaint", complaint_of_id: "a-1", due_on: "2026-12-10" });
    expect(at(complaint, "2026-12-08")).toEqual({
      kind: "forward",
      on: "2026-12-10",
      overdue: false,
    });
    // The higher body's own review is an answer, not a forward.
    const review = { ...complaint, procedure: "complaint_review", due_on: "2027-01-05" };
    expect(at({ ...review, status: "in_progress" }, "2026-12-08")?.kind).toBe("answer");
  });

  it("is the applicant's correction term, then the body's term to return the appeal", () => {
    const waiting = row({ status: "awaiting_correction", correction_due_on: "2026-12-14" });
    expect(at(waiting, "2026-12-14")).toEqual({
      kind: "correction",
      on: "2026-12-14",
      overdue: false,
    });
    expect(at(waiting, "2026-12-15")).toEqual({ kind: "return", on: "2026-12-18", overdue: false });
    expect(at(waiting, "2026-12-21")?.overdue).toBe(true);
  });

  it("is none for a closed appeal", () => {
    for (const status of ["answered", "redirected", "returned", "withdrawn"]) {
      expect(at(row({ status }), "2026-12-08")).toBeNull();
    }
  });

  it("gives the filter bounds that agree with the terms day by day", () => {
    const today = "2026-12-08";
    const cases = [
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-07",
      "2026-12-08",
      "2026-12-11",
    ];
    for (const limit of ["2026-12-07", "2026-12-10", "2026-12-11", "2026-12-17"]) {
      const b = termBound(calendar, kz, today, limit);
      for (const registered_on of cases) {
        const term = at(row({ registered_on, due_on: "2027-01-30" }), today);
        expect(registered_on <= b.registeredBy, `${registered_on} by ${limit}`).toBe(
          (term?.on ?? "9999") <= limit,
        );
      }
      for (const correction_due_on of cases) {
        const term = at(
          row({ status: "awaiting_correction", correction_due_on, due_on: "2027-01-30" }),
          today,
        );
        const byBound =
          correction_due_on >= today
            ? correction_due_on <= limit
            : correction_due_on <= b.correctionBy;
        expect(byBound, `correction ${correction_due_on} by ${limit}`).toBe(
          (term?.on ?? "9999") <= limit,
        );
      }
    }
    expect(overdueBound(calendar, kz, today).limit).toBe("2026-12-07");
  });
});
