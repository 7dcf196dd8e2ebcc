import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  APPEAL_KINDS,
  APPEAL_STATUSES,
  type AppealAction,
  type AppealStatus,
  allowedFrom,
  isOpen,
  nextStatus,
  OPEN_STATUSES,
  procedureOf,
  statusAfterCorrection,
  TRANSITIONS,
} from "./appeal.js";

const REGD = "registered";
const PROG = "in_progress";
const CORR = "awaiting_correction";
const APPR = "awaiting_approval";
const ANSW = "answered";
const REDI = "redirected";
const RETU = "returned";
const TERM = "terminated";
const WDRN = "withdrawn";
const ATTD = "attached";
const ____ = null;

/** The columns of the table below, in this order. */
const COLUMNS = [REGD, PROG, CORR, APPR, ANSW, REDI, RETU, TERM, WDRN, ATTD] as const;

/**
 * The life cycle written out by hand: for each action and each state, the state it leads to,
 * or `____` when the action is refused there. An action that keeps the state repeats it.
 */
const EXPECTED: Record<AppealAction, readonly (AppealStatus | null)[]> = {
  //                    REGD  PROG  CORR  APPR  ANSW  REDI  RETU  TERM  WDRN  ATTD
  assign: /*         */ [PROG, PROG, ____, ____, ____, ____, ____, ____, ____, ____],
  redirect: /*       */ [REDI, REDI, ____, ____, ____, ____, ____, ____, ____, ____],
  forward: /*        */ [REDI, REDI, ____, ____, ____, ____, ____, ____, ____, ____],
  "request-correction": [CORR, CORR, ____, ____, ____, ____, ____, ____, ____, ____],
  correct: /*        */ [____, ____, CORR, ____, ____, ____, ____, ____, ____, ____],
  return: /*         */ [RETU, RETU, RETU, ____, ____, ____, ____, ____, ____, ____],
  terminate: /*      */ [TERM, TERM, TERM, TERM, ____, ____, ____, ____, ____, ____],
  extend: /*         */ [REGD, PROG, CORR, APPR, ____, ____, ____, ____, ____, ____],
  answer: /*         */ [____, APPR, ____, ____, ____, ____, ____, ____, ____, ____],
  approve: /*        */ [____, ____, ____, ANSW, ____, ____, ____, ____, ____, ____],
  "send-back": /*    */ [____, ____, ____, PROG, ____, ____, ____, ____, ____, ____],
  withdraw: /*       */ [WDRN, WDRN, WDRN, WDRN, ____, ____, ____, ____, ____, ____],
  rate: /*           */ [____, ____, ____, ____, ANSW, ____, ____, ____, ____, ____],
  complain: /*       */ [REGD, PROG, CORR, APPR, ANSW, ____, RETU, TERM, ____, ____],
  publish: /*        */ [REGD, PROG, CORR, APPR, ANSW, REDI, RETU, TERM, ____, ____],
  note: /*           */ [REGD, PROG, CORR, APPR, ____, ____, ____, ____, ____, ____],
  control: /*        */ [REGD, PROG, CORR, APPR, ____, ____, ____, ____, ____, ____],
  categorise: /*     */ [REGD, PROG, CORR, APPR, ____, ____, ____, ____, ____, ____],
  satisfy: /*        */ [ANSW, ANSW, ____, ____, ____, ____, ____, ____, ____, ____],
};

describe("the transition table", () => {
  it("has a row for every action and a column for every state", () => {
    expect([...COLUMNS]).toEqual([...APPEAL_STATUSES]);
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
    for (const row of Object.values(EXPECTED)) expect(row).toHaveLength(APPEAL_STATUSES.length);
  });

  const cells = ACTIONS.flatMap((action) =>
    APPEAL_STATUSES.map((status, i) => ({ action, status, to: EXPECTED[action][i] ?? null })),
  );

  it.each(cells)("$action from $status → $to", ({ action, status, to }) => {
    expect(allowedFrom(action, status)).toBe(to !== null);
    expect(nextStatus(action, status)).toBe(to);
  });

  it("refuses every action from a state it does not know", () => {
    for (const action of ACTIONS) {
      expect(allowedFrom(action, "draft")).toBe(false);
      expect(allowedFrom(action, "")).toBe(false);
      expect(nextStatus(action, "REGISTERED" as AppealStatus)).toBeNull();
    }
  });

  it("never leads into a state outside the closed list", () => {
    for (const action of ACTIONS) {
      const to = TRANSITIONS[action].to;
      if (to !== null) expect(APPEAL_STATUSES).toContain(to);
      for (const from of TRANSITIONS[action].from) expect(APPEAL_STATUSES).toContain(from);
    }
  });

  it("allows no step at all on a withdrawn or attached appeal", () => {
    for (const action of ACTIONS) {
      expect(allowedFrom(action, WDRN)).toBe(false);
      expect(allowedFrom(action, ATTD)).toBe(false);
    }
  });

  it("leaves answered, redirected, returned and terminated appeals closed to further steps of the body", () => {
    const bodySteps: AppealAction[] = [
      "assign",
      "redirect",
      "forward",
      "request-correction",
      "return",
      "terminate",
      "extend",
      "answer",
      "approve",
      "send-back",
    ];
    for (const status of [ANSW, REDI, RETU, TERM] as const) {
      for (const action of bodySteps) expect(allowedFrom(action, status)).toBe(false);
    }
  });
});

describe("open states", () => {
  it("are exactly those in which a decision is still owed", () => {
    expect([...OPEN_STATUSES]).toEqual([REGD, PROG, CORR, APPR]);
    const expected: Record<AppealStatus, boolean> = {
      registered: true,
      in_progress: true,
      awaiting_correction: true,
      awaiting_approval: true,
      answered: false,
      redirected: false,
      returned: false,
      terminated: false,
      withdrawn: false,
      attached: false,
    };
    for (const status of APPEAL_STATUSES) expect(isOpen(status)).toBe(expected[status]);
    expect(isOpen("unknown")).toBe(false);
  });
});

describe("procedures and corrections", () => {
  it("puts statements and complaints in the full procedure and the rest in the simplified one", () => {
    const expected = {
      statement: "full",
      complaint: "full",
      report: "simplified",
      proposal: "simplified",
      response: "simplified",
      information_request: "simplified",
    } as const;
    for (const kind of APPEAL_KINDS) expect(procedureOf(kind)).toBe(expected[kind]);
  });

  it("sends a corrected appeal back to its executor, or to the registry when nobody holds it", () => {
    expect(statusAfterCorrection("account-1")).toBe(PROG);
    expect(statusAfterCorrection(null)).toBe(REGD);
  });
});
