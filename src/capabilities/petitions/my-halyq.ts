import type { Principal } from "../../kernel/permissions.js";
import type {
  AppContext,
  MyHalyqAction,
  MyHalyqSection,
  PageView,
} from "../../platform/manifest.js";
import type { PetitionRow } from "./petition.js";
import { petitionsOf } from "./petition.repository.js";
import { day, plainDay } from "./web/components.js";

/** How many of a person's petitions "My Halyq" lists; "My petitions" has them all. */
const SHOWN = 10;

/** The petition's next date in words: the term of the stage it is in, if it has one. */
function nextDate(p: PetitionRow, { t, locale }: PageView): string | undefined {
  if (p.status === "gathering" && p.gathering_due_on)
    return t("petitions.my_halyq.gathering_until", { date: plainDay(p.gathering_due_on, locale) });
  if (p.status === "admissibility" && p.admissibility_due_on)
    return t("petitions.my_halyq.admissibility_by", {
      date: plainDay(p.admissibility_due_on, locale),
    });
  if (p.status === "collecting" && p.signing_closes_at)
    return t("petitions.open_now.closes", { date: day(p.signing_closes_at, locale) });
  if (p.status === "consideration" && p.consideration_due_on)
    return t("petitions.my_halyq.decision_by", { date: plainDay(p.consideration_due_on, locale) });
  return undefined;
}

/**
 * A citizen's petitions in "My Halyq": those they started or joined as a co-initiator, and, as
 * actions, their own drafts to finish and petitions still gathering co-initiators.
 */
export async function myPetitions(
  ctx: AppContext,
  principal: Principal,
  view: PageView,
): Promise<MyHalyqSection | null> {
  if (principal.kind !== "citizen") return null;
  const { t, locale } = view;
  const rows = await petitionsOf(ctx.db.kysely, principal.accountId);
  const href = (p: PetitionRow) => `/petitions/${encodeURIComponent(p.number)}`;
  const actions: MyHalyqAction[] = [];
  for (const p of rows) {
    if (p.initiator_account_id !== principal.accountId) continue;
    if (p.status === "draft")
      actions.push({
        text: t("petitions.my_halyq.finish_draft", { title: p.title }),
        href: href(p),
      });
    if (p.status === "gathering")
      actions.push({
        text: t("petitions.my_halyq.invite", { title: p.title }),
        href: href(p),
        ...(p.gathering_due_on
          ? {
              when: t("petitions.my_halyq.gathering_until", {
                date: plainDay(p.gathering_due_on, locale),
              }),
              dueAt: p.gathering_due_on,
            }
          : {}),
      });
  }
  return {
    key: "petitions",
    heading: t("petitions.my_halyq.heading"),
    actions,
    items: rows.slice(0, SHOWN).map((p) => {
      const next = nextDate(p, view);
      return {
        title: p.title,
        ...(p.language !== locale ? { lang: p.language } : {}),
        href: href(p),
        status: t(`petitions.status.${p.status}`),
        ...(next ? { next } : {}),
      };
    }),
    all: { href: "/petitions/mine", label: t("petitions.my_halyq.all") },
    empty: t("petitions.mine.none"),
  };
}
