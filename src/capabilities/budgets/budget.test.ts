import { describe, expect, it } from "vitest";
import {
  ageFromIin,
  type Candidate,
  checkAmount,
  checkChoices,
  countTerritory,
  datesInOrder,
  phaseAt,
  residentRefusal,
} from "./budget.js";

const cycle = {
  announcement_at: "2026-01-14T19:00:00.000Z",
  proposals_at: "2026-01-19T19:00:00.000Z",
  review_at: "2026-03-01T19:00:00.000Z",
  voting_at: "2026-03-31T19:00:00.000Z",
  results_at: "2026-04-30T19:00:00.000Z",
  implementation_at: "2026-12-31T19:00:00.000Z",
  closed_at: "2027-12-31T19:00:00.000Z",
};

describe("phases by the clock", () => {
  it.each([
    ["2026-01-01T00:00:00.000Z", "draft"],
    ["2026-01-14T19:00:00.000Z", "announcement"],
    ["2026-02-10T00:00:00.000Z", "proposals"],
    ["2026-03-15T00:00:00.000Z", "review"],
    ["2026-04-10T00:00:00.000Z", "voting"],
    ["2026-04-30T18:59:59.999Z", "voting"],
    ["2026-05-10T00:00:00.000Z", "results"],
    ["2027-05-10T00:00:00.000Z", "implementation"],
    ["2028-05-10T00:00:00.000Z", "closed"],
  ])("at %s the cycle is in %s", (now, phase) => {
    expect(phaseAt(cycle, new Date(now))).toBe(phase);
  });

  it("checks that the dates are in order", () => {
    expect(datesInOrder(cycle)).toBe(true);
    expect(datesInOrder({ ...cycle, voting_at: "2026-02-01T00:00:00.000Z" })).toBe(false);
  });
});

describe("eligibility of a resident", () => {
  // Born 1 January 1990 and 1 January 2010 (valid check digits).
  const adult = "900101300017";
  const teen = "100101500012";
  it("reads the age from the IIN", () => {
    expect(ageFromIin(adult, "2026-12-07")).toBe(36);
    expect(ageFromIin("123", "2026-12-07")).toBeNull();
  });
  const base = { kind: "citizen" as const, verified: true, residence: "711410000" };
  it("refuses in order: staff, identity, age, residence, territory", () => {
    expect(residentRefusal({ ...base, iin: adult }, "711410000", "2026-12-07", 18)).toBeNull();
    expect(
      residentRefusal({ ...base, kind: "staff", iin: adult }, "711410000", "2026-12-07", 18),
    ).toBe("staff_account");
    expect(
      residentRefusal({ ...base, verified: false, iin: adult }, "711410000", "2026-12-07", 18),
    ).toBe("identity_not_verified");
    expect(residentRefusal({ ...base, iin: teen }, "711410000", "2026-12-07", 18)).toBe(
      "under_age",
    );
    expect(
      residentRefusal({ ...base, residence: null, iin: adult }, "711410000", "2026-12-07", 18),
    ).toBe("no_residence");
    expect(residentRefusal({ ...base, iin: adult }, "711310000", "2026-12-07", 18)).toBe(
      "not_resident",
    );
    // A city-wide territory contains its districts.
    expect(residentRefusal({ ...base, iin: adult }, "710000000", "2026-12-07", 18)).toBeNull();
  });
});

const candidates: Candidate[] = [
  { id: "a", territory: "T", cost: 60, number: 1 },
  { id: "b", territory: "T", cost: 50, number: 2 },
  { id: "c", territory: "T", cost: 30, number: 3 },
  { id: "d", territory: "T", cost: 30, number: 4 },
  { id: "x", territory: "U", cost: 10, number: 5 },
];

describe("a ballot's choices", () => {
  it("fits the amount under the knapsack rule", () => {
    expect(checkChoices("knapsack", 100, "T", candidates, ["a", "c"])).toEqual({
      ok: true,
      ids: ["a", "c"],
      total: 90,
    });
    expect(checkChoices("knapsack", 100, "T", candidates, ["a", "b"])).toMatchObject({
      ok: false,
      code: "OVER_BUDGET",
      total: 110,
    });
    expect(checkChoices("approval", 100, "T", candidates, ["a", "b"])).toMatchObject({ ok: true });
  });
  it("refuses an empty choice and a project of another territory", () => {
    expect(checkChoices("knapsack", 100, "T", candidates, [])).toMatchObject({ code: "EMPTY" });
    expect(checkChoices("knapsack", 100, "T", candidates, ["x"])).toMatchObject({
      code: "NOT_CANDIDATE",
    });
  });
  it("counts a project chosen twice once", () => {
    expect(checkChoices("knapsack", 100, "T", candidates, ["c", "c"])).toMatchObject({
      ok: true,
      ids: ["c"],
      total: 30,
    });
  });
});

describe("the winners of a territory", () => {
  it("takes the most voted first, skips one that no longer fits and tries the next", () => {
    const r = countTerritory("knapsack", 0, 100, "T", candidates, [
      ["a"],
      ["a"],
      ["a"],
      ["b"],
      ["b"],
      ["c"],
    ]);
    // a (3 votes, 60) wins; b (2, 50) no longer fits; c (1, 30) fits; d has no votes.
    expect(r.projects.map((p) => [p.id, p.votes, p.winner])).toEqual([
      ["a", 3, true],
      ["b", 2, false],
      ["c", 1, true],
      ["d", 0, false],
    ]);
    expect(r.allocated).toBe(90);
    expect(r.ballots).toBe(6);
  });
  it("breaks ties by the lower cost, then by the earlier number", () => {
    const r = countTerritory("knapsack", 0, 1000, "T", candidates, [["a", "b", "c", "d"]]);
    expect(r.projects.map((p) => p.id)).toEqual(["c", "d", "b", "a"]);
  });
  it("needs the minimum of votes under the approval rule", () => {
    const r = countTerritory("approval", 2, 1000, "T", candidates, [["a", "b"], ["a"]]);
    expect(r.projects.filter((p) => p.winner).map((p) => p.id)).toEqual(["a"]);
  });
  it("gives the same result whatever the order of the ballots", () => {
    const ballots = [["a"], ["b", "c"], ["d"], ["c"], ["a", "d"]];
    const one = countTerritory("knapsack", 0, 100, "T", candidates, ballots);
    const two = countTerritory("knapsack", 0, 100, "T", candidates, [...ballots].reverse());
    expect(two).toEqual(one);
  });
});

describe("amounts", () => {
  it("takes whole tenge with spaces, refuses the rest", () => {
    expect(checkAmount("amount", "15 000 000")).toBe(15_000_000);
    expect(checkAmount("amount", 42)).toBe(42);
    expect(checkAmount("amount", "1.5")).toMatchObject({ field: "amount" });
    expect(checkAmount("amount", "0")).toMatchObject({ field: "amount" });
    expect(checkAmount("amount", "-3")).toMatchObject({ field: "amount" });
  });
});
