import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { isLocale, type Locale, translator } from "../../kernel/i18n.js";
import type { AppContext } from "../../kernel/manifest.js";
import { enqueueMail } from "../../mail/outbox.js";
import type { PetitionRow } from "./petition.js";

export const MILESTONES = [
  "submitted",
  "admitted",
  "refused",
  "threshold_reached",
  "draft_decision",
  "decided",
  "expired",
  "withdrawn",
] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * Tells the initiator and every co-initiator of a milestone, each in their language, through
 * the outbox in the caller's transaction (nobody hears of a change that rolled back). Accounts
 * without a confirmed address or that chose no e-mail get nothing.
 */
export async function notifyMilestone(
  trx: Kysely<Database>,
  ctx: AppContext,
  petition: PetitionRow,
  milestone: Milestone,
): Promise<number> {
  const people = await trx
    .selectFrom("accounts")
    .select(["email", "email_confirmed_at", "notify_email", "language"])
    .where((eb) =>
      eb.or([
        eb("id", "=", petition.initiator_account_id),
        eb(
          "id",
          "in",
          eb
            .selectFrom("petition_co_initiators")
            .select("account_id")
            .where("petition_id", "=", petition.id),
        ),
      ]),
    )
    .where("deleted_at", "is", null)
    .execute();
  let sent = 0;
  for (const a of people) {
    if (!a.email || !a.email_confirmed_at || Number(a.notify_email) !== 1) continue;
    const language: Locale = isLocale(a.language) ? a.language : "kk";
    const t = translator(ctx.catalogues, language);
    const params = {
      number: petition.number,
      title: petition.title,
      link: `${ctx.config.publicUrl}/petitions/${petition.number}`,
    };
    await enqueueMail(trx, ctx.clock, {
      to: a.email,
      subject: t(`petitions.notify.${milestone}.subject`, params),
      text: `${t(`petitions.notify.${milestone}.body`, params)}\n\n${params.link}`,
    });
    sent++;
  }
  return sent;
}
