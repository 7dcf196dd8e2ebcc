import { describe, expect, it } from "vitest";
import {
  allowed,
  checkBallot,
  isWithin,
  katoPrefix,
  mayShowLiveResults,
  type PollPhase,
  phaseOf,
  type Question,
  refusal,
  TRANSITIONS,
  tally,
} from "./poll.js";

describe("KATO territories", () => {
  it("takes a code's significant prefix by its level", () => {
    expect(katoPrefix("710000000")).toBe("71");
    expect(katoPrefix("711400000")).toBe("7114");
    expect(katoPrefix("711410000")).toBe("711410");
    expect(katoPrefix("711410123")).toBe("711410123");
    expect(katoPrefix("71141")).toBeNull();
    expect(katoPrefix("71141000x")).toBeNull();
  });
  it.each([
    ["711410000", "711410000", true],
    ["711410123", "711410000", true],
    ["711410000", "710000000", true],
    ["711310000", "710000000", true],
    ["711310000", "711410000", false],
    ["751710000", "710000000", false],
    ["711410000", "711410123", false],
    [null, "710000000", false],
    ["7114", "710000000", false],
  ] as const)("%s within %s: %s", (residence, territory, within) => {
    expect(isWithin(residence, territory)).toBe(within);
  });
});

describe("eligibility", () => {
  const vote = { kind: "vote", eligibility: "territory", territory_code: "711410000" };
  const survey = { kind: "survey", eligibility: "everyone", territory_code: null };
  const citizen = { kind: "citizen" as const, verified: true, residence: "711410000" };
  it("needs a verified identity for votes, an address within the territory, and a citizen's account", () => {
    expect(refusal(vote, citizen)).toBeNull();
    expect(refusal(vote, { ...citizen, verified: false })).toBe("identity_not_verified");
    expect(refusal(vote, { ...citizen, residence: null })).toBe("no_residence");
    expect(refusal(vote, { ...citizen, residence: "711310000" })).toBe("not_resident");
    expect(refusal(vote, { ...citizen, kind: "staff" })).toBe("staff_account");
    expect(refusal(survey, { ...citizen, verified: false, residence: null })).toBeNull();
    expect(
      refusal({ ...survey, kind: "referendum" }, { ...citizen, verified: false, residence: null }),
    ).toBe("identity_not_verified");
    expect(refusal({ ...survey, kind: "vote" }, { ...citizen, verified: false })).toBe(
      "identity_not_verified",
    );
  });
  it("shows live counts for surveys only", () => {
    expect(mayShowLiveResults({ kind: "survey" })).toBe(true);
    expect(mayShowLiveResults({ kind: "vote" })).toBe(false);
    expect(mayShowLiveResults({ kind: "referendum" })).toBe(false);
  });
});

describe("the life cycle", () => {
  const at = (status: string, opens: string, closes: string, now: string): PollPhase =>
    phaseOf({ status, opens_at: opens, closes_at: closes }, new Date(now));
  it("derives the phase from the status and the clock", () => {
    const o = "2025-03-19T04:00:00.000Z";
    const c = "2025-03-20T04:00:00.000Z";
    expect(at("draft", o, c, "2025-03-19T05:00:00Z")).toBe("draft");
    expect(at("scheduled", o, c, "2025-03-19T03:00:00Z")).toBe("scheduled");
    expect(at("scheduled", o, c, "2025-03-19T05:00:00Z")).toBe("open");
    expect(at("scheduled", o, c, "2025-03-20T04:00:00Z")).toBe("closed");
    expect(at("published", o, c, "2025-03-19T05:00:00Z")).toBe("published");
  });
  it("allows each staff action only in its phases", () => {
    const phases: PollPhase[] = ["draft", "scheduled", "open", "closed", "published"];
    for (const [action, ok] of Object.entries(TRANSITIONS))
      for (const phase of phases)
        expect(allowed(action as keyof typeof TRANSITIONS, phase), `${action} ${phase}`).toBe(
          (ok as readonly string[]).includes(phase),
        );
  });
});

describe("ballots and tallies", () => {
  const questions: Question[] = [
    {
      id: "1",
      kind: "single",
      text: { kk: null, ru: null, en: "Q" },
      options: [
        { id: "a", text: { kk: null, ru: null, en: "A" } },
        { id: "b", text: { kk: null, ru: null, en: "B" } },
      ],
    },
    {
      id: "2",
      kind: "multiple",
      text: { kk: null, ru: null, en: "M" },
      options: [
        { id: "a", text: { kk: null, ru: null, en: "A" } },
        { id: "b", text: { kk: null, ru: null, en: "B" } },
      ],
    },
    { id: "3", kind: "scale", scaleMax: 5, text: { kk: null, ru: null, en: "S" }, options: [] },
    { id: "4", kind: "text", text: { kk: null, ru: null, en: "T" }, options: [] },
  ];
  const survey = { kind: "survey", questions: JSON.stringify(questions) };
  it("checks answers against the questions", () => {
    const ok = checkBallot(survey, { "1": "a", "2": ["b", "a"], "3": "4", "4": " fine " });
    expect(ok).toEqual({
      ok: true,
      ballot: {
        answers: { "1": "a", "2": ["a", "b"], "3": 4 },
        texts: [{ questionId: "4", body: "fine" }],
      },
    });
    for (const bad of [
      { "1": "c" },
      { "2": ["a", "a"] },
      { "3": 6 },
      { "3": "0" },
      { "9": "a" },
      {},
    ])
      expect(checkBallot(survey, bad).ok, JSON.stringify(bad)).toBe(false);
    const vote = { kind: "vote", questions: JSON.stringify(questions.slice(0, 1)) };
    expect(checkBallot(vote, {}).ok).toBe(false);
  });
  it("counts exactly, with the scale's mean", () => {
    const r = tally(
      questions,
      [
        { "1": "a", "2": ["a", "b"], "3": 5 },
        { "1": "b", "3": 2 },
        { "1": "a", "2": ["b"] },
      ],
      new Map([["4", 2]]),
    );
    expect(r.ballots).toBe(3);
    expect(r.questions[0]?.counts).toEqual({ a: 2, b: 1 });
    expect(r.questions[1]?.counts).toEqual({ a: 1, b: 2 });
    expect(r.questions[1]?.answered).toBe(2);
    expect(r.questions[2]?.counts).toEqual({ "1": 0, "2": 1, "3": 0, "4": 0, "5": 1 });
    expect(r.questions[2]?.mean).toBe(3.5);
    expect(r.questions[3]?.answered).toBe(2);
  });
});
