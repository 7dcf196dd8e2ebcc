import { describe, expect, it } from "vitest";
import { Policy, type Principal } from "../kernel/permissions.js";
import type { NavigationItem } from "../platform/manifest.js";
import { itemForPath, navigationFor, offers } from "./navigation.js";

const policy = new Policy();
policy.define("admin.access", (p: Principal) => p.grants.some((g) => g.role === "admin"));

const head: Principal = {
  accountId: "a",
  kind: "staff",
  grants: [{ role: "head", agencyId: "b" }],
  secondFactor: true,
};
const citizen: Principal = { accountId: "c", kind: "citizen", grants: [], secondFactor: false };

const items: NavigationItem[] = [
  { href: "/statistics", labelKey: "s", audience: "public", order: 50 },
  { href: "/appeals", labelKey: "a", audience: "public", order: 10 },
  { href: "/polls", labelKey: "p", audience: "public", place: "participation" },
  { href: "/calendar", labelKey: "c", place: "more" },
  { href: "/office/appeals", labelKey: "oa", audience: "staff", roles: ["head", "registrar"] },
  { href: "/office/identity", labelKey: "oi", audience: "staff", roles: ["registrar"] },
  { href: "/admin", labelKey: "ad", audience: "staff", roles: ["admin"], action: "admin.access" },
  { href: "/office/unknown", labelKey: "u", audience: "staff", action: "nobody.defined" },
];

describe("navigation by role", () => {
  it("gives visitors and citizens the public menu in its order, and no office page", () => {
    for (const who of [null, citizen]) {
      const nav = navigationFor(items, who, policy);
      expect(nav.menu.map((i) => i.href)).toEqual(["/appeals", "/statistics"]);
      expect(nav.participation.map((i) => i.href)).toEqual(["/polls"]);
      expect(nav.more.map((i) => i.href)).toEqual(["/calendar"]);
    }
  });

  it("gives staff only the pages their roles or actions open, failing closed", () => {
    expect(navigationFor(items, head, policy).menu.map((i) => i.href)).toEqual(["/office/appeals"]);
    // Before the second factor, nothing of the office.
    expect(navigationFor(items, { ...head, secondFactor: false }, policy).menu).toEqual([]);
    // A role alone is not enough where an action is named too, and an undefined action opens nothing.
    const admin = { ...head, grants: [{ role: "admin" as const, agencyId: null }] };
    expect(navigationFor(items, admin, policy).menu.map((i) => i.href)).toEqual(["/admin"]);
    expect(offers(items[7] as NavigationItem, admin, policy)).toBe(false);
  });

  it("finds the section a path belongs to by its longest link", () => {
    expect(itemForPath(items, "/office/appeals/X-1?tab=2")?.href).toBe("/office/appeals");
    expect(itemForPath(items, "/office/appealsX")).toBeUndefined();
  });
});
