import { describe, expect, it } from "vitest";
import {
  allowedFrom,
  nextStatus,
  overlap,
  PETITION_ACTIONS,
  PETITION_STATUSES,
  type PetitionAction,
  type PetitionStatus,
  TRANSITIONS,
  words,
} from "./petition.js";
import { DEFAULT_PROFILE, thresholdFor } from "./profiles.js";

const DRFT = "draft";
const GATH = "gathering";
const ADMS = "admissibility";
const REFU = "refused";
const COLL = "collecting";
const CONS = "consideration";
const DECI = "decided";
const EXPI = "expired";
const WDRN = "withdrawn";
const ____ = null;

const COLUMNS = [DRFT, GATH, ADMS, REFU, COLL, CONS, DECI, EXPI, WDRN] as const;

/**
 * The life cycle written out by hand: for each action and each state, the state it leads to,
 * or `____` when the action is refused there. An action that keeps the state repeats it.
 */
const EXPECTED: Record<PetitionAction, readonly (PetitionStatus | null)[]> = {
  //                          DRFT  GATH  ADMS  REFU  COLL  CONS  DECI  EXPI  WDRN
  start_gathering: /*      */ [GATH, ____, ____, ____, ____, ____, ____, ____, ____],
  join: /*                 */ [____, GATH, ____, ____, ____, ____, ____, ____, ____],
  submit: /*               */ [____, ADMS, ____, ____, ____, ____, ____, ____, ____],
  admit: /*                */ [____, ____, COLL, ____, ____, ____, ____, ____, ____],
  refuse: /*               */ [____, ____, REFU, ____, ____, ____, ____, ____, ____],
  reach_threshold: /*      */ [____, ____, ____, ____, CONS, ____, ____, ____, ____],
  expire: /*               */ [____, EXPI, ____, ____, EXPI, ____, ____, ____, ____],
  publish_draft_decision: /**/ [____, ____, ____, ____, ____, CONS, ____, ____, ____],
  comment: /*              */ [____, ____, ____, ____, ____, CONS, ____, ____, ____],
  decide: /*               */ [____, ____, ____, ____, ____, DECI, ____, ____, ____],
  withdraw: /*             */ [WDRN, WDRN, WDRN, ____, WDRN, WDRN, ____, ____, ____],
};

describe("the petition transition table", () => {
  it("has a row for every action and a column for every state", () => {
    expect([...COLUMNS]).toEqual([...PETITION_STATUSES]);
    expect(Object.keys(EXPECTED).sort()).toEqual([...PETITION_ACTIONS].sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...PETITION_ACTIONS].sort());
  });

  const cells = PETITION_ACTIONS.flatMap((action) =>
    PETITION_STATUSES.map((status, i) => ({ action, status, to: EXPECTED[action][i] ?? null })),
  );

  it.each(cells)("$action from $status → $to", ({ action, status, to }) => {
    expect(allowedFrom(action, status)).toBe(to !== null);
    expect(nextStatus(action, status)).toBe(to);
  });

  it("refuses every action from a state it does not know", () => {
    for (const action of PETITION_ACTIONS) {
      expect(allowedFrom(action, "")).toBe(false);
      expect(nextStatus(action, "DRAFT")).toBeNull();
    }
  });

  it("ends in refused, decided, expired and withdrawn: nothing leaves them", () => {
    for (const end of [REFU, DECI, EXPI, WDRN])
      for (const action of PETITION_ACTIONS) expect(allowedFrom(action, end)).toBe(false);
  });
});

describe("thresholds from data", () => {
  it("gives each level of body its number", () => {
    const p = DEFAULT_PROFILE;
    expect(
      thresholdFor(p, { kind: "akimat", level: "district", territory_code: "711410000" }),
    ).toBe(2500);
    expect(
      thresholdFor(p, { kind: "maslikhat", level: "district", territory_code: "711410000" }),
    ).toBe(5000);
    expect(thresholdFor(p, { kind: "ministry", level: "republic", territory_code: null })).toBe(
      50000,
    );
    // 1 % and 2 % of the population of the region (Astana: 1,350,000 in the data).
    expect(thresholdFor(p, { kind: "akimat", level: "region", territory_code: "710000000" })).toBe(
      13500,
    );
    expect(
      thresholdFor(p, { kind: "maslikhat", level: "region", territory_code: "710000000" }),
    ).toBe(27000);
    // Without a population figure the rule's fixed number applies.
    expect(thresholdFor(p, { kind: "akimat", level: "region", territory_code: "999" })).toBe(10000);
  });

  it("follows changed data", () => {
    const p = { ...DEFAULT_PROFILE, population: { "710000000": 2_000_000 } };
    expect(thresholdFor(p, { kind: "akimat", level: "region", territory_code: "710000000" })).toBe(
      20000,
    );
  });
});

describe("similar petitions by word overlap", () => {
  it("scores the share of shared words", () => {
    const a = words("Построить крытую спортивную площадку во дворах");
    expect(overlap(a, words("Крытую спортивную площадку у школы построить"))).toBeGreaterThan(0.5);
    expect(overlap(a, words("Открыть библиотеку по воскресеньям"))).toBe(0);
    expect(overlap(words(""), a)).toBe(0);
  });
});
