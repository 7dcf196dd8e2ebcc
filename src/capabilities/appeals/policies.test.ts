import { describe, expect, it } from "vitest";
import { Policy, type Principal, type RoleGrant } from "../../kernel/permissions.js";
import { ACTIONS } from "./appeal.js";
import { type AppealResource, appealPolicies, isApplicant } from "./policies.js";

const AGENCY = "ag-1";
const OTHER_AGENCY = "ag-2";
const ORG = "org-1";

const policy = new Policy();
for (const [action, rule] of Object.entries(appealPolicies)) policy.define(action, rule);

const citizen = (accountId: string): Principal => ({
  accountId,
  kind: "citizen",
  grants: [],
  secondFactor: false,
});
const staff = (accountId: string, ...grants: RoleGrant[]): Principal => ({
  accountId,
  kind: "staff",
  grants,
  secondFactor: true,
});

/** Who asks, and the organisations they represent (looked up before the policy is asked). */
const ROLES: Record<string, { principal: Principal; memberOf: string[] }> = {
  applicant: { principal: citizen("acc-applicant"), memberOf: [] },
  representative: { principal: citizen("acc-rep"), memberOf: [ORG] },
  "representative of another organisation": {
    principal: citizen("acc-rep2"),
    memberOf: ["org-2"],
  },
  "other citizen": { principal: citizen("acc-other"), memberOf: [] },
  registrar: { principal: staff("acc-reg", { role: "registrar", agencyId: AGENCY }), memberOf: [] },
  executor: { principal: staff("acc-ex", { role: "executor", agencyId: AGENCY }), memberOf: [] },
  "assigned executor": {
    principal: staff("acc-assigned", { role: "executor", agencyId: AGENCY }),
    memberOf: [],
  },
  "co-executor": {
    principal: staff("acc-co", { role: "executor", agencyId: AGENCY }),
    memberOf: [],
  },
  "substitute of the assigned executor": {
    principal: staff("acc-sub", { role: "executor", agencyId: AGENCY }),
    memberOf: [],
  },
  head: { principal: staff("acc-head", { role: "head", agencyId: AGENCY }), memberOf: [] },
  analyst: { principal: staff("acc-an", { role: "analyst", agencyId: AGENCY }), memberOf: [] },
  moderator: { principal: staff("acc-mod", { role: "moderator", agencyId: AGENCY }), memberOf: [] },
  "admin of the body": {
    principal: staff("acc-adm", { role: "admin", agencyId: AGENCY }),
    memberOf: [],
  },
  "system admin": { principal: staff("acc-sys", { role: "admin", agencyId: null }), memberOf: [] },
  "head of another body": {
    principal: staff("acc-head2", { role: "head", agencyId: OTHER_AGENCY }),
    memberOf: [],
  },
  "executor of another body assigned here": {
    principal: staff("acc-assigned", { role: "executor", agencyId: OTHER_AGENCY }),
    memberOf: [],
  },
  "head without the second factor": {
    principal: { ...staff("acc-head", { role: "head", agencyId: AGENCY }), secondFactor: false },
    memberOf: [],
  },
  "staff account that is also the applicant": {
    principal: staff("acc-applicant", { role: "registrar", agencyId: OTHER_AGENCY }),
    memberOf: [ORG],
  },
};

const HEAD_STEPS = [
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
  "note",
  "control",
  "categorise",
  "satisfy",
];
const APPLICANT_STEPS = ["correct", "withdraw", "rate", "complain", "publish"];

/** Everything each role may do on the appeal below; anything not listed must be refused. */
const ALLOWED: Record<keyof typeof ROLES, string[]> = {
  applicant: ["file", "view", ...APPLICANT_STEPS],
  representative: ["file", "view", ...APPLICANT_STEPS],
  "representative of another organisation": ["file"],
  "other citizen": ["file"],
  registrar: ["view", "inbox", "register"],
  executor: ["view", "inbox"],
  "assigned executor": ["view", "inbox", "answer", "note"],
  "co-executor": ["view", "inbox", "note"],
  "substitute of the assigned executor": ["view", "inbox", "answer", "note"],
  head: ["view", "inbox", "register", "templates", ...HEAD_STEPS],
  analyst: ["view", "inbox"],
  moderator: [],
  "admin of the body": ["templates"],
  "system admin": ["templates"],
  "head of another body": [],
  "executor of another body assigned here": [],
  "head without the second factor": [],
  "staff account that is also the applicant": [],
};

/**
 * An appeal of the body, filed by the applicant for ORG, assigned to acc-assigned with acc-co
 * as co-executor; acc-sub substitutes for acc-assigned from 1 to 11 December, today is the 7th.
 */
const appeal = (memberOf: string[], today = "2026-12-07"): AppealResource => ({
  agencyId: AGENCY,
  applicantAccountId: "acc-applicant",
  organisationId: ORG,
  executorId: "acc-assigned",
  coExecutorIds: ["acc-co"],
  substitutions: [
    { absentId: "acc-assigned", substituteId: "acc-sub", from: "2026-12-01", until: "2026-12-11" },
  ],
  today,
  memberOf,
});

const ALL = ["file", "view", "inbox", "register", "templates", ...ACTIONS];
/** Actions on a body as a whole, asked with the body as the resource. */
const ON_BODY = ["inbox", "register", "templates"];

describe("appeal policies", () => {
  it("define a rule for filing, viewing, the inbox, registering, the response templates and every action, nothing else", () => {
    expect(Object.keys(appealPolicies).sort()).toEqual(ALL.map((a) => `appeal.${a}`).sort());
  });

  const cells = Object.keys(ROLES).flatMap((role) =>
    ALL.map((action) => ({ role, action, allowed: ALLOWED[role]?.includes(action) ?? false })),
  );
  it.each(cells)("$role × $action → $allowed", ({ role, action, allowed }) => {
    const who = ROLES[role];
    if (!who) throw new Error(role);
    const resource = ON_BODY.includes(action) ? { agencyId: AGENCY } : appeal(who.memberOf);
    expect(policy.can(who.principal, `appeal.${action}`, resource)).toBe(allowed);
  });

  it("refuses everything to nobody", () => {
    for (const action of ALL) {
      expect(policy.can(null, `appeal.${action}`, appeal([]))).toBe(false);
      expect(policy.can(undefined, `appeal.${action}`, { agencyId: AGENCY })).toBe(false);
    }
  });

  it("refuses an action nobody defined", () => {
    expect(policy.can(ROLES.head?.principal, "appeal.delete", appeal([]))).toBe(false);
  });
});

describe("substitution", () => {
  const sub = ROLES["substitute of the assigned executor"]?.principal;
  const co = ROLES["co-executor"]?.principal;
  it.each([
    ["the day before it starts", "2026-11-30", false],
    ["its first day", "2026-12-01", true],
    ["its last day", "2026-12-11", true],
    ["the day after it ends", "2026-12-12", false],
    ["no date at all", "", false],
    ["a malformed date", "7 December", false],
  ])("on %s the substitute may answer: %s", (_name, today, allowed) => {
    const r = appeal([], today);
    expect(policy.can(sub, "appeal.answer", r)).toBe(allowed);
    expect(policy.can(sub, "appeal.note", r)).toBe(allowed);
  });
  it("makes nobody else a substitute, and never lets a co-executor answer", () => {
    const r = appeal([]);
    expect(policy.can(co, "appeal.answer", r)).toBe(false);
    expect(policy.can(co, "appeal.note", { ...r, coExecutorIds: [] })).toBe(false);
    // A substitute of another body's executor, or whose grant is elsewhere, gets nothing.
    const elsewhere = staff("acc-sub", { role: "executor", agencyId: OTHER_AGENCY });
    expect(policy.can(elsewhere, "appeal.answer", r)).toBe(false);
    // Substituting for a co-executor gives the co-executor's rights only.
    const forCo: AppealResource = {
      ...r,
      substitutions: [
        { absentId: "acc-co", substituteId: "acc-sub", from: "2026-12-01", until: "2026-12-11" },
      ],
    };
    expect(policy.can(sub, "appeal.note", forCo)).toBe(true);
    expect(policy.can(sub, "appeal.answer", forCo)).toBe(false);
  });
});

describe("fail closed on malformed resources", () => {
  const head = staff("acc-head", { role: "head", agencyId: AGENCY });
  const applicant = citizen("acc-applicant");
  const throwing = Object.defineProperty({ memberOf: [] }, "agencyId", {
    get() {
      throw new Error("broken resource");
    },
  });
  const malformed: [string, unknown][] = [
    ["nothing", undefined],
    ["null", null],
    ["a bare id", AGENCY],
    ["a number", 42],
    ["an array", [AGENCY]],
    ["an empty object", {}],
    ["a numeric agency", { agencyId: 1, memberOf: [] }],
    ["a null agency", { agencyId: null, memberOf: [] }],
    ["an array agency", { agencyId: [AGENCY], memberOf: [] }],
    ["a getter that throws", throwing],
  ];
  // An appeal action also needs the organisations looked up: without them, nothing is decided.
  const notAnAppeal: [string, unknown][] = [
    ["no memberOf", { agencyId: AGENCY, applicantAccountId: "acc-applicant" }],
    ["memberOf as a string", { agencyId: AGENCY, organisationId: ORG, memberOf: ORG }],
  ];

  it.each(malformed)("refuses every action on %s", (_name, resource) => {
    for (const action of ALL.filter((a) => a !== "file")) {
      expect(policy.can(head, `appeal.${action}`, resource)).toBe(false);
      expect(policy.can(applicant, `appeal.${action}`, resource)).toBe(false);
    }
  });

  it.each(notAnAppeal)("refuses every step on an appeal with %s", (_name, resource) => {
    for (const action of ["view", ...ACTIONS]) {
      expect(policy.can(head, `appeal.${action}`, resource)).toBe(false);
      expect(policy.can(applicant, `appeal.${action}`, resource)).toBe(false);
    }
  });

  it("does not take an account id that matches nothing as ownership", () => {
    const orphan: AppealResource = {
      agencyId: AGENCY,
      applicantAccountId: null,
      organisationId: null,
      executorId: null,
      memberOf: [],
    };
    for (const action of APPLICANT_STEPS) {
      expect(policy.can(applicant, `appeal.${action}`, orphan)).toBe(false);
    }
    // An unassigned appeal is answered by the head only, not by any executor.
    expect(policy.can(ROLES.executor?.principal, "appeal.answer", orphan)).toBe(false);
    expect(policy.can(head, "appeal.answer", orphan)).toBe(true);
  });
});

describe("isApplicant", () => {
  it("is the filer or a representative of the organisation it was filed for, never staff", () => {
    const r = appeal([]);
    expect(isApplicant(citizen("acc-applicant"), r)).toBe(true);
    expect(isApplicant(citizen("acc-rep"), { ...r, memberOf: [ORG] })).toBe(true);
    expect(isApplicant(citizen("acc-rep"), { ...r, memberOf: ["org-2"] })).toBe(false);
    expect(isApplicant(citizen("acc-rep"), { ...r, organisationId: null, memberOf: [ORG] })).toBe(
      false,
    );
    expect(isApplicant(staff("acc-applicant"), r)).toBe(false);
  });
});
