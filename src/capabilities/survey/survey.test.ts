import { describe, expect, it } from "vitest";
import { emptyTally, localPath, PEW_2010, shareOf } from "./survey.js";

describe("the survey", () => {
  it("sends people back only to paths on this site", () => {
    for (const ok of ["/", "/appeals/KZ-1", "/petitions/1?done=signed"])
      expect(localPath(ok)).toBe(ok);
    for (const bad of [
      "//evil.kz",
      "https://evil.kz",
      "/\\evil.kz",
      "javascript:alert(1)",
      "",
      undefined,
      "/a b",
      `/${"x".repeat(600)}`,
    ])
      expect(localPath(bad)).toBe("/");
  });
  it("gives no share when nobody answered", () => {
    const t = emptyTally();
    expect(shareOf(t, "all")).toBeNull();
    t.total = 4;
    t.counts.all = 1;
    expect(shareOf(t, "all")).toBe(0.25);
  });
  it("keeps Pew's published figures and derives the remainder", () => {
    const { all, most, none, some } = PEW_2010.shares;
    expect([all, most, none, some]).toEqual([0.5, 0.28, 0.05, null]);
    expect(PEW_2010.remainder).toBeCloseTo(1 - 0.5 - 0.28 - 0.05, 10);
  });
});
