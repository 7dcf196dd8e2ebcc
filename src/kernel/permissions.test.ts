import { describe, expect, it } from "vitest";
import { identityVerified } from "./identity-assurance.js";
import {
  hasRole,
  hasVerifiedIdentity,
  isVerifiedCitizen,
  Policy,
  type Principal,
} from "./permissions.js";

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

describe("identity assurance in the policy", () => {
  const policy = new Policy();
  policy.define("poll.vote", (p) => isVerifiedCitizen(p));
  policy.define("appeal.file", (p) => p.kind === "citizen");

  it("counts e-ID and in-person identities as verified; declared or missing never", () => {
    expect(identityVerified("eid")).toBe(true);
    expect(identityVerified("in_person")).toBe(true);
    expect(identityVerified("declared")).toBe(false);
    expect(identityVerified(null)).toBe(false);
    expect(identityVerified("EID")).toBe(false);
    expect(hasVerifiedIdentity(citizen)).toBe(false);
    expect(hasVerifiedIdentity({ ...citizen, identity: "in_person" })).toBe(true);
  });

  it("says when a refusal is only the identity's level, so the answer can say how to verify", () => {
    expect(policy.refusal({ ...citizen, identity: "declared" }, "poll.vote")).toBe(
      "identity_not_verified",
    );
    expect(policy.refusal(citizen, "poll.vote")).toBe("identity_not_verified");
    expect(policy.refusal({ ...citizen, identity: "eid" }, "poll.vote")).toBeNull();
    expect(policy.refusal({ ...head, identity: "declared" }, "poll.vote")).toBe("forbidden");
    expect(policy.refusal(null, "poll.vote")).toBe("forbidden");
    expect(policy.refusal({ ...citizen, identity: "declared" }, "appeal.file")).toBeNull();
  });
});
