import { forbidden, notFound, ok } from "../../../kernel/result.js";
import type { ModerationItem, ModerationSource } from "../../../platform/manifest.js";
import { collectingPetitions, petitionsForSigning } from "../index.js";
import { invalidateSignatures } from "./commands.js";
import { formatCount } from "./format.js";
import { bursts, SOURCES, sourceColumn } from "./repository.js";

/** As many valid signatures from one source as the office's burst page calls a burst. */
export const SUSPICIOUS_MIN = 5;
const ITEMS_MAX = 500;

/** A signature with the body its petition is addressed to; undefined for none. */
async function signatureOf(ctx: Parameters<ModerationSource["items"]>[0], id: string) {
  const s = await ctx.db.kysely
    .selectFrom("petition_signatures")
    .select(["id", "petition_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!s) return undefined;
  const [petition] = await petitionsForSigning(ctx.db.kysely, [s.petition_id]);
  return petition ? { ...s, agency_id: petition.agency_id } : undefined;
}

/**
 * Suspicious signatures in the moderation queue: the valid signatures of a body's collecting
 * petitions that came in a burst (at least SUSPICIOUS_MIN from one address, network or e-mail
 * domain). The signer is shown as the burst page shows them — by the source, never by name or
 * IIN. Hiding invalidates the one signature with the queue's reason (audited, the count drops);
 * letting it stand changes nothing here (the queue records the review).
 */
export const signatureModeration: ModerationSource = {
  kind: "signature",
  async items(ctx, agencyIds, view) {
    const db = ctx.db.kysely;
    const items = new Map<string, ModerationItem>();
    for (const petition of await collectingPetitions(db, agencyIds, 200)) {
      for (const source of SOURCES) {
        for (const b of await bursts(db, petition.id, source, "0000", SUSPICIOUS_MIN)) {
          const rows = await db
            .selectFrom("petition_signatures")
            .select(["id", "signed_at"])
            .where("petition_id", "=", petition.id)
            .where("invalidated_at", "is", null)
            .where(sourceColumn(source), "=", b.value)
            .orderBy("signed_at")
            .orderBy("id")
            .limit(ITEMS_MAX)
            .execute();
          const text = view.t(`petition_signatures.queue.text.${source}`, {
            value: b.value,
            count: formatCount(b.signatures, view.locale),
          });
          for (const r of rows) {
            if (items.has(r.id)) continue;
            items.set(r.id, {
              kind: "signature",
              id: r.id,
              agencyId: petition.agency_id,
              source: {
                title: `${petition.number}: ${petition.title}`,
                href: `/office/petitions/${encodeURIComponent(petition.number)}/signatures?window=all`,
                ...(petition.language && petition.language !== view.locale
                  ? { lang: petition.language }
                  : {}),
              },
              text,
              at: r.signed_at,
              pending: false,
            });
            if (items.size >= ITEMS_MAX) return [...items.values()];
          }
        }
      }
    }
    return [...items.values()];
  },
  async hide(ctx, principal, id, reason) {
    const s = await signatureOf(ctx, id);
    if (!s) return notFound();
    if (!ctx.policy.can(principal, "petition_signatures.moderate", { agencyId: s.agency_id }))
      return forbidden();
    const count = await invalidateSignatures(ctx, principal, s.petition_id, {
      signatureId: id,
      reason,
    });
    return count === 1 ? ok({ id }) : notFound();
  },
  async approve(ctx, principal, id) {
    const s = await signatureOf(ctx, id);
    if (!s) return notFound();
    if (!ctx.policy.can(principal, "petition_signatures.moderate", { agencyId: s.agency_id }))
      return forbidden();
    return ok({ id });
  },
};
