import { describe, expect, it } from "vitest";
import { Policy, type Principal, ROLES } from "../../kernel/permissions.js";
import { identityPolicies } from "./policies.js";

const policy = new Policy();
for (const [action, rule] of Object.entries(identityPolicies)) policy.define(action, rule);

const staff = (role: (typeof ROLES)[number], agencyId: string): Principal => ({
  accountId: `acc-${role}`,
  kind: "staff",
  grants: [{ role, agencyId }],
  secondFactor: true,
});
const citizen: Principal = { accountId: "acc-c", kind: "citizen", grants: [], secondFactor: false };

/**
 * The desk's actions on people's accounts, role × body: own (the body the desk is in), other
 * (another body's desk), and a citizen. ok: allowed; anything else refused.
 */
const TABLE: Record<string, Record<string, [own: boolean, other: boolean]>> = {
  "identity.verify_in_person": {
    registrar: [true, false],
    executor: [false, false],
    head: [false, false],
    moderator: [false, false],
    analyst: [false, false],
    admin: [false, false],
  },
  "identity.find_applicant": {
    registrar: [true, false],
    executor: [false, false],
    head: [true, false],
    moderator: [false, false],
    analyst: [false, false],
    admin: [false, false],
  },
};

describe("identity's desk policies (role × body)", () => {
  for (const [action, rows] of Object.entries(TABLE)) {
    for (const role of ROLES) {
      it(`${action}: ${role}`, () => {
        const [own, other] = rows[role] ?? [false, false];
        expect(policy.can(staff(role, "ag-1"), action, { agencyId: "ag-1" })).toBe(own);
        expect(policy.can(staff(role, "ag-2"), action, { agencyId: "ag-1" })).toBe(other);
        // Staff without the second factor act nowhere.
        const unverified = { ...staff(role, "ag-1"), secondFactor: false };
        expect(policy.can(unverified, action, { agencyId: "ag-1" })).toBe(false);
      });
    }
    it(`${action}: a citizen, nobody, no body`, () => {
      expect(policy.can(citizen, action, { agencyId: "ag-1" })).toBe(false);
      expect(policy.can(null, action, { agencyId: "ag-1" })).toBe(false);
      expect(policy.can(staff("registrar", "ag-1"), action, {})).toBe(false);
      expect(policy.can(staff("registrar", "ag-1"), action, { agencyId: "" })).toBe(false);
    });
  }
});
