import { describe, expect, it } from "vitest";
import { hasRole, Policy, type Principal } from "./permissions.js";

const citizen: Principal = { accountId: "c", kind: "citizen", grants: [], secondFactor: false };
const head: Principal = {
  accountId: "h",
  kind: "staff",
  grants: [{ role: "head", agencyId: "a1" }],
  secondFactor: true,
};

describe("policy", () => {
  const policy = new Policy();
  policy.define<{ agencyId: string }>("appeal.assign", (p, r) => hasRole(p, "head", r.agencyId));
  policy.define("throws", () => {
    throw new Error("bug");
  });

  it("allows what a rule allows", () => {
    expect(policy.can(head, "appeal.assign", { agencyId: "a1" })).toBe(true);
    expect(policy.can(head, "appeal.assign", { agencyId: "a2" })).toBe(false);
    expect(policy.can(citizen, "appeal.assign", { agencyId: "a1" })).toBe(false);
  });

  it("fails closed: unknown action, anonymous, staff without second factor, a rule that throws", () => {
    expect(policy.can(head, "no.such.action")).toBe(false);
    expect(policy.can(null, "appeal.assign", { agencyId: "a1" })).toBe(false);
    expect(policy.can({ ...head, secondFactor: false }, "appeal.assign", { agencyId: "a1" })).toBe(
      false,
    );
    expect(policy.can(head, "throws")).toBe(false);
    expect(policy.can(head, "appeal.assign")).toBe(false);
  });

  it("refuses a rule defined twice", () => {
    expect(() => policy.define("throws", () => true)).toThrow(/twice/);
  });
});
