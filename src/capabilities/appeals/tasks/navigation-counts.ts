import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext, NavigationCount, PageView } from "../../../platform/manifest.js";
import { myTasks, openTaskCount } from "./counters.js";

/**
 * The count beside the staff's "My tasks" and inbox links: the appeals waiting for the
 * person's own step in all their bodies (one grouped query per page).
 */
export async function taskNavigationCounts(
  ctx: AppContext,
  principal: Principal,
  { t }: PageView,
): Promise<NavigationCount[]> {
  if (principal.kind !== "staff" || !principal.secondFactor) return [];
  const count = openTaskCount(await myTasks(ctx, principal));
  if (count === 0) return [];
  const text = t("appeals.tasks.nav_count", { count });
  return [{ href: "/office/appeals", count, text }];
}
