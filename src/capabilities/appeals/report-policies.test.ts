import { describe, expect, it } from "vitest";
import { Policy, type Principal, type RoleGrant } from "../../kernel/permissions.js";
import { reportPolicies } from "./report-policies.js";

const AGENCY = "ag-1";
const policy = new Policy();
for (const [action, rule] of Object.entries(reportPolicies)) policy.define(action, rule);

const staff = (...grants: RoleGrant[]): Principal => ({
  accountId: "acc",
  kind: "staff",
  grants,
  secondFactor: true,
});
const WHO: Record<string, Principal> = {
  citizen: { accountId: "acc", kind: "citizen", grants: [], secondFactor: false },
  registrar: staff({ role: "registrar", agencyId: AGENCY }),
  executor: staff({ role: "executor", agencyId: AGENCY }),
  head: staff({ role: "head", agencyId: AGENCY }),
  analyst: staff({ role: "analyst", agencyId: AGENCY }),
  moderator: staff({ role: "moderator", agencyId: AGENCY }),
  "admin of the body": staff({ role: "admin", agencyId: AGENCY }),
  "system admin": staff({ role: "admin", agencyId: null }),
  "head of another body": staff({ role: "head", agencyId: "ag-2" }),
  "analyst of another body": staff({ role: "analyst", agencyId: "ag-2" }),
  "head without the second factor": {
    ...staff({ role: "head", agencyId: AGENCY }),
    secondFactor: false,
  },
};

/** What each may do with the body's registers and reports; everything else is refused. */
const ALLOWED: Record<string, string[]> = {
  registrar: ["export", "personal_data"],
  executor: ["export", "personal_data"],
  head: ["export", "personal_data", "reports"],
  analyst: ["export", "reports"],
};
const ACTIONS = ["export", "personal_data", "reports"];

describe("the register and report policies", () => {
  it("define the export, personal data and reports rules, nothing else", () => {
    expect(Object.keys(reportPolicies).sort()).toEqual(ACTIONS.map((a) => `appeal.${a}`));
  });

  const cells = Object.keys(WHO).flatMap((who) =>
    ACTIONS.map((action) => ({ who, action, allowed: ALLOWED[who]?.includes(action) ?? false })),
  );
  it.each(cells)("$who × $action → $allowed", ({ who, action, allowed }) => {
    expect(policy.can(WHO[who], `appeal.${action}`, { agencyId: AGENCY })).toBe(allowed);
  });

  it.each([undefined, null, AGENCY, {}, { agencyId: 1 }, { agencyId: [AGENCY] }])(
    "refuses everything on a malformed body %#",
    (resource) => {
      for (const action of ACTIONS) {
        expect(policy.can(WHO.head, `appeal.${action}`, resource)).toBe(false);
      }
    },
  );
});
