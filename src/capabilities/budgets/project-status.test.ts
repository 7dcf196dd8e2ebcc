import { describe, expect, it } from "vitest";
import { anyLate, currentStage, isLate, projectStatus, type StageDates } from "./project-status.js";

const stage = (name: string, d: Partial<StageDates> = {}): StageDates => ({
  stage: name,
  planned_start: null,
  planned_end: null,
  actual_start: null,
  actual_end: null,
  ...d,
});
const four = (over: Record<string, Partial<StageDates>> = {}) =>
  ["procurement", "contract", "works", "acceptance"].map((n) => stage(n, over[n]));

describe("project status from its stages", () => {
  it("is planned with no actual start, in progress with any, completed at acceptance's end", () => {
    expect(projectStatus(four())).toBe("planned");
    expect(projectStatus(four({ works: { actual_start: "2026-05-01" } }))).toBe("in_progress");
    expect(
      projectStatus(
        four({ procurement: { actual_start: "2026-01-10", actual_end: "2026-02-01" } }),
      ),
    ).toBe("in_progress");
    expect(projectStatus(four({ acceptance: { actual_end: "2026-10-01" } }))).toBe("completed");
  });

  it("names the first stage without an actual end as current, none when all ended", () => {
    expect(currentStage(four())).toBe("procurement");
    const ended = { actual_start: "2026-01-01", actual_end: "2026-02-01" };
    expect(currentStage(four({ procurement: ended, contract: ended }))).toBe("works");
    // Order is the stages' own, whatever order the rows come in.
    expect(currentStage([...four({ procurement: ended })].reverse())).toBe("contract");
    expect(
      currentStage(four({ procurement: ended, contract: ended, works: ended, acceptance: ended })),
    ).toBeNull();
  });
});

describe("lateness", () => {
  it("is late past the planned end without an actual end, not on the planned end itself", () => {
    const s = stage("works", { planned_end: "2026-06-30" });
    expect(isLate(s, "2026-06-30")).toBe(false);
    expect(isLate(s, "2026-07-01")).toBe(true);
  });

  it("is late when it ended after its planned end, and on time when it ended by it", () => {
    expect(
      isLate(stage("works", { planned_end: "2026-06-30", actual_end: "2026-07-02" }), "2026-06-01"),
    ).toBe(true);
    expect(
      isLate(stage("works", { planned_end: "2026-06-30", actual_end: "2026-06-30" }), "2027-01-01"),
    ).toBe(false);
  });

  it("never flags a stage without a planned end, and finds any late stage of a project", () => {
    expect(isLate(stage("works"), "2030-01-01")).toBe(false);
    expect(anyLate(four({ contract: { planned_end: "2026-03-01" } }), "2026-03-02")).toBe(true);
    expect(anyLate(four({ contract: { planned_end: "2026-03-01" } }), "2026-02-02")).toBe(false);
  });
});
