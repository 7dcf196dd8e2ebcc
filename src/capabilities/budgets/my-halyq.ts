import type { Principal } from "../../kernel/permissions.js";
import type { AppContext, MyHalyqSection, PageView } from "../../platform/manifest.js";
import { proposalsByAuthor } from "./proposal.repository.js";

const SHOWN = 10;

/**
 * A citizen's participatory budget proposals for "My Halyq", each with its status and what to
 * do next: a draft to finish (also among the actions), a support link to share.
 */
export async function myProposals(
  ctx: AppContext,
  principal: Principal,
  { t, locale }: PageView,
): Promise<MyHalyqSection | null> {
  if (principal.kind !== "citizen") return null;
  const rows = await proposalsByAuthor(ctx.db.kysely, principal.accountId, SHOWN);
  if (rows.length === 0) return null;
  const href = (p: (typeof rows)[number]) => `/budgets/${p.cycle_id}/proposals/${p.id}`;
  const title = (p: (typeof rows)[number]) => p.title || t("budgets.proposals.untitled");
  return {
    key: "budgets",
    heading: t("budgets.proposals.my_halyq.heading"),
    actions: rows
      .filter((p) => p.status === "draft")
      .map((p) => ({
        text: t("budgets.proposals.my_halyq.finish_action", { title: title(p) }),
        href: `${href(p)}/edit`,
      })),
    items: rows.map((p) => ({
      title: p.number !== null ? `№${p.number}. ${title(p)}` : title(p),
      ...(p.language !== locale && p.title ? { lang: p.language } : {}),
      href: href(p),
      status: t(`budgets.proposal_status.${p.status}`),
      ...(p.status === "draft"
        ? { next: t("budgets.proposals.my_halyq.finish") }
        : p.status === "collecting"
          ? { next: t("budgets.proposals.my_halyq.share", { count: p.supports_count }) }
          : {}),
    })),
    empty: t("budgets.proposals.my_halyq.none"),
  };
}
