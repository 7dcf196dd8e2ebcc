import type { Principal } from "../../kernel/permissions.js";
import type {
  AppContext,
  MyHalyqAction,
  MyHalyqSection,
  PageView,
} from "../../platform/manifest.js";
import { formatDate } from "../../web/format.js";
import { isOpen } from "./appeal.js";
import { listApplicantAppeals } from "./appeal.repository.js";
import { organisationIdsOf } from "./commands/appeal-actions.js";
import { appealProfile } from "./profiles.js";

/** How many appeals "My Halyq" lists, newest first; "My appeals" has them all. */
const SHOWN = 10;

/**
 * A citizen's appeals in "My Halyq" (their own and their organisations'), each with its status
 * and the answer's due date; as actions, a correction the body asked for and an answer still
 * open to rating.
 */
export async function myAppeals(
  ctx: AppContext,
  principal: Principal,
  { t, locale }: PageView,
): Promise<MyHalyqSection | null> {
  if (principal.kind !== "citizen") return null;
  const rows = await listApplicantAppeals(
    ctx.db.kysely,
    principal.accountId,
    await organisationIdsOf(ctx, principal.accountId),
  );
  const now = ctx.clock.now().getTime();
  const date = (d: string) => formatDate(d, locale, "long");
  const href = (number: string) => `/appeals/${encodeURIComponent(number)}`;
  const actions: MyHalyqAction[] = [];
  for (const r of rows) {
    if (r.status === "awaiting_correction")
      actions.push({
        text: t("appeals.my_halyq.correct", { number: r.number }),
        href: href(r.number),
        ...(r.correction_due_on
          ? {
              when: t("appeals.my_halyq.correct_by", { date: date(r.correction_due_on) }),
              dueAt: r.correction_due_on,
            }
          : {}),
      });
    if (r.status === "answered" && !r.rated_at && r.answered_at) {
      const closes =
        Date.parse(r.answered_at) + appealProfile(r.jurisdiction).ratingWindowDays * 86_400_000;
      if (now <= closes)
        actions.push({
          text: t("appeals.my_halyq.rate", { number: r.number }),
          href: href(r.number),
        });
    }
  }
  return {
    key: "appeals",
    heading: t("appeals.my_halyq.heading"),
    actions,
    items: rows.slice(0, SHOWN).map((r) => ({
      title: `${r.number}: ${r.subject}`,
      ...(r.language !== locale ? { lang: r.language } : {}),
      href: href(r.number),
      status: t(`appeals.status.${r.status}`),
      ...(isOpen(r.status) ? { next: t("appeals.my_halyq.due", { date: date(r.due_on) }) } : {}),
    })),
    all: { href: "/appeals", label: t("appeals.my_halyq.all") },
    empty: t("appeals.my_halyq.none"),
  };
}
