import { describe, expect, it } from "vitest";
import { isDelayed, isStageLate } from "./accountability.js";

describe("late stages and delayed projects", () => {
  const today = "2025-03-19";
  it("a stage is late past its planned end with no actual end, or ended after it", () => {
    expect(isStageLate({ planned_end: "2025-03-18", actual_end: null }, today)).toBe(true);
    expect(isStageLate({ planned_end: "2025-03-19", actual_end: null }, today)).toBe(false);
    expect(isStageLate({ planned_end: "2025-03-01", actual_end: "2025-03-02" }, today)).toBe(true);
    expect(isStageLate({ planned_end: "2025-03-01", actual_end: "2025-03-01" }, today)).toBe(false);
    expect(isStageLate({ planned_end: null, actual_end: null }, today)).toBe(false);
  });
  it("a project is delayed when any stage is late, on time otherwise (and with no stages)", () => {
    expect(isDelayed([], today)).toBe(false);
    expect(
      isDelayed(
        [
          { planned_end: "2025-02-01", actual_end: "2025-01-30" },
          { planned_end: "2025-04-01", actual_end: null },
        ],
        today,
      ),
    ).toBe(false);
    expect(
      isDelayed(
        [
          { planned_end: "2025-02-01", actual_end: "2025-01-30" },
          { planned_end: "2025-03-01", actual_end: null },
        ],
        today,
      ),
    ).toBe(true);
  });
});
