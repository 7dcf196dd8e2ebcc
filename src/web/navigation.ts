import type { Policy, Principal } from "../kernel/permissions.js";
import type { NavigationItem } from "../platform/manifest.js";

/**
 * Whether the navigation offers `item` to `principal` (null: a visitor). Fails closed: a staff
 * link needs a staff session past its second factor, and the role or action the item names.
 * Public links are for visitors and citizens; staff see their own pages instead.
 */
export function offers(item: NavigationItem, principal: Principal | null, policy: Policy): boolean {
  const staff = principal?.kind === "staff";
  // The account area is a signed-in person's: a visitor is offered only "Sign in" there.
  if (item.place === "account" && !principal) return false;
  if (item.audience === "public" && staff) return false;
  if (item.audience === "staff" && !(staff && principal?.secondFactor)) return false;
  if (item.roles) {
    const roles = item.roles;
    if (!principal?.grants.some((g) => roles.includes(g.role))) return false;
    if (principal.kind === "staff" && !principal.secondFactor) return false;
  }
  if (item.action && !policy.can(principal, item.action)) return false;
  return true;
}

export interface NavigationFor {
  /** The header's menu, in menu order. */
  menu: NavigationItem[];
  /** The participation channels, for their landing page. */
  participation: NavigationItem[];
  /** One level down: the footer and the home page. */
  more: NavigationItem[];
  /** The header's account area, before the account and sign-out. */
  account: NavigationItem[];
}

/** The links `principal` may follow, by where they appear. */
export function navigationFor(
  items: readonly NavigationItem[],
  principal: Principal | null,
  policy: Policy,
): NavigationFor {
  const shown = items.filter((item) => offers(item, principal, policy));
  const at = (place: NonNullable<NavigationItem["place"]>) =>
    shown.filter((item) => (item.place ?? "menu") === place);
  const menu = at("menu")
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.order ?? 100) - (b.item.order ?? 100) || a.i - b.i)
    .map((x) => x.item);
  return {
    menu,
    participation: at("participation"),
    more: at("more"),
    account: at("account"),
  };
}

/**
 * Where a signed-in person starts when no page asked for them: a citizen on "My Halyq", staff
 * on the first page of their own menu (their office inbox; an administrator with no other role
 * on Administration), staff with no page of their own on their account.
 */
export function landingFor(
  items: readonly NavigationItem[],
  principal: Principal,
  policy: Policy,
): string {
  if (principal.kind !== "staff") return "/my";
  const first = navigationFor(items, principal, policy).menu.find((i) => i.audience === "staff");
  return first?.href ?? "/account";
}

/** The navigation item a path belongs to (the longest link that is the path or its parent). */
export function itemForPath(
  items: readonly NavigationItem[],
  path: string,
): NavigationItem | undefined {
  const bare = path.split("?")[0] ?? "/";
  return items
    .filter((item) => item.href !== "/" && (bare === item.href || bare.startsWith(`${item.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
