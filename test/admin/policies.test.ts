import { describe, expect, it } from "vitest";
import {
  adminPolicies,
  canManageAccount,
  canManageSome,
} from "../../src/capabilities/admin/policies.js";
import { Policy, type Principal, type RoleGrant } from "../../src/kernel/permissions.js";

const policy = new Policy();
for (const [action, rule] of Object.entries(adminPolicies)) policy.define(action, rule);

const staff = (grants: RoleGrant[], secondFactor = true): Principal => ({
  accountId: "x",
  kind: "staff",
  grants,
  secondFactor,
});
const system = staff([{ role: "admin", agencyId: null }]);
const adminA = staff([{ role: "admin", agencyId: "A" }]);
const headA = staff([{ role: "head", agencyId: "A" }]);
const citizen: Principal = {
  accountId: "c",
  kind: "citizen",
  grants: [{ role: "admin", agencyId: null }],
  secondFactor: true,
};

describe("admin policies", () => {
  it("admin.access: system admins and body admins only", () => {
    expect(policy.can(system, "admin.access")).toBe(true);
    expect(policy.can(adminA, "admin.access")).toBe(true);
    expect(policy.can(headA, "admin.access")).toBe(false);
    expect(policy.can(citizen, "admin.access")).toBe(false);
    expect(policy.can(null, "admin.access")).toBe(false);
    expect(policy.can(staff(system.grants, false), "admin.access")).toBe(false);
  });

  it("agency.manage: system admins only", () => {
    expect(policy.can(system, "agency.manage")).toBe(true);
    expect(policy.can(adminA, "agency.manage")).toBe(false);
    expect(policy.can(citizen, "agency.manage")).toBe(false);
  });

  it("staff.manage: a body's admin within the body, never system-wide; malformed resources refused", () => {
    expect(policy.can(system, "staff.manage", { agencyId: "B" })).toBe(true);
    expect(policy.can(system, "staff.manage", { agencyId: null })).toBe(true);
    expect(policy.can(adminA, "staff.manage", { agencyId: "A" })).toBe(true);
    expect(policy.can(adminA, "staff.manage", { agencyId: "B" })).toBe(false);
    expect(policy.can(adminA, "staff.manage", { agencyId: null })).toBe(false);
    expect(policy.can(headA, "staff.manage", { agencyId: "A" })).toBe(false);
    expect(policy.can(adminA, "staff.manage")).toBe(false);
    expect(policy.can(adminA, "staff.manage", { agencyId: 7 })).toBe(false);
    expect(policy.can(system, "staff.manage", {})).toBe(false);
  });

  it("acting on a whole account needs authority over every role it holds", () => {
    const mixed: RoleGrant[] = [
      { role: "executor", agencyId: "A" },
      { role: "analyst", agencyId: "B" },
    ];
    expect(canManageSome(policy, adminA, mixed)).toBe(true);
    expect(canManageAccount(policy, adminA, mixed)).toBe(false);
    expect(canManageAccount(policy, system, mixed)).toBe(true);
    expect(canManageAccount(policy, adminA, [])).toBe(false);
    expect(canManageSome(policy, adminA, [{ role: "admin", agencyId: null }])).toBe(false);
  });
});
