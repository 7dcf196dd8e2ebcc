import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { dateParams } from "../../kernel/format/index.js";
import { type Catalogues, type Locale, translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import { mailContacts, staffWithRole } from "../identity/index.js";
import type { PetitionRow } from "./petition.js";
import { optedInSigners } from "./signatures/index.js";

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

/** Milestones that signers who asked to hear about the petition are told of too. */
const FOR_SIGNERS: readonly Milestone[] = [
  "threshold_reached",
  "draft_decision",
  "decided",
  "expired",
  "withdrawn",
];

/**
 * Tells the initiator and every co-initiator of a milestone (and, after publication, the
 * signers who opted in), each in their language, through the outbox in the caller's
 * transaction (nobody hears of a change that rolled back). Accounts without a confirmed
 * address or that chose no e-mail get nothing.
 */
export async function notifyMilestone(
  trx: Kysely<Database>,
  ctx: AppContext,
  petition: PetitionRow,
  milestone: Milestone,
): Promise<number> {
  const co = await trx
    .selectFrom("petition_co_initiators")
    .select("account_id")
    .where("petition_id", "=", petition.id)
    .execute();
  const ids = new Set([petition.initiator_account_id, ...co.map((c) => c.account_id)]);
  if (FOR_SIGNERS.includes(milestone))
    for (const id of await optedInSigners(trx, petition.id)) ids.add(id);
  const all = [...ids];
  let sent = 0;
  for (let i = 0; i < all.length; i += 500) {
    const people = await mailContacts(trx, all.slice(i, i + 500));
    for (const a of people.values()) {
      if (!a.notifyEmail) continue;
      const t = translator(ctx.catalogues, a.language);
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
  }
  return sent;
}

/**
 * Tells the addressed body's heads and moderators that a petition waits for its admissibility
 * decision, with the term, in each person's language (in the caller's transaction).
 */
export async function notifyBodyOfSubmission(
  trx: Kysely<Database>,
  ctx: AppContext,
  petition: PetitionRow,
): Promise<number> {
  const [heads, moderators] = await Promise.all([
    staffWithRole(trx, petition.agency_id, "head"),
    staffWithRole(trx, petition.agency_id, "moderator"),
  ]);
  const staff = await mailContacts(
    trx,
    [...heads, ...moderators].map((s) => s.id),
  );
  let sent = 0;
  for (const a of staff.values()) {
    if (!a.notifyEmail) continue;
    const texts = submissionTexts(ctx.catalogues, a.language, petition);
    await enqueueMail(trx, ctx.clock, {
      to: a.email,
      subject: texts.subject,
      text: `${texts.body}\n\n${ctx.config.publicUrl}/office/petitions/${petition.number}`,
    });
    sent++;
  }
  return sent;
}

/** The mail to a body's staff that a petition waits for its admissibility decision, with the term in words. */
export function submissionTexts(
  catalogues: Catalogues,
  language: Locale,
  petition: Pick<PetitionRow, "number" | "title" | "admissibility_due_on">,
): { subject: string; body: string } {
  const t = translator(catalogues, language);
  const params = {
    number: petition.number,
    title: petition.title,
    ...(petition.admissibility_due_on
      ? dateParams("due", petition.admissibility_due_on, language)
      : { due: "", dueBy: "" }),
  };
  return {
    subject: t("petitions.notify.staff_submitted.subject", params),
    body: t("petitions.notify.staff_submitted.body", params),
  };
}
