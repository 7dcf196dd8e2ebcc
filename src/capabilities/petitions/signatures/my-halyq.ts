import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext, MyHalyqSection, PageView } from "../../../platform/manifest.js";
import { petitionsForSigning } from "../index.js";
import { formatInstant } from "./format.js";

/** How many signed petitions "My Halyq" lists, latest signature first. */
const SHOWN = 10;

/** The petitions a citizen signed (signatures still counted), for "My Halyq". */
export async function mySignatures(
  ctx: AppContext,
  principal: Principal,
  { t, locale }: PageView,
): Promise<MyHalyqSection | null> {
  if (principal.kind !== "citizen") return null;
  const db = ctx.db.kysely;
  const signed = await db
    .selectFrom("petition_signatures")
    .select(["petition_id", "signed_at"])
    .where("account_id", "=", principal.accountId)
    .where("invalidated_at", "is", null)
    .orderBy("signed_at", "desc")
    .limit(SHOWN)
    .execute();
  const petitions = new Map(
    (
      await petitionsForSigning(
        db,
        signed.map((s) => s.petition_id),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    key: "petition-signatures",
    heading: t("petition_signatures.my_halyq.heading"),
    actions: [],
    items: signed.flatMap((s) => {
      const p = petitions.get(s.petition_id);
      if (!p) return [];
      return [
        {
          title: p.title,
          ...(p.language !== locale ? { lang: p.language } : {}),
          href: `/petitions/${encodeURIComponent(p.number)}`,
          status: t(`petitions.status.${p.status}`),
          next: t("petition_signatures.my_halyq.signed_on", {
            date: formatInstant(s.signed_at, locale),
          }),
        },
      ];
    }),
    empty: t("petition_signatures.my_halyq.none"),
  };
}
