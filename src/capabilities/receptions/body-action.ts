import type { AppContext, BodyAction, BodyRef, PageView } from "../../platform/manifest.js";

/**
 * "Book a reception" on a body's page (the manifest's `bodyActions`), when the body has a free
 * reception time ahead; nothing for a body that does not receive.
 */
export async function bookReceptionAction(
  ctx: AppContext,
  body: BodyRef,
  view: PageView,
): Promise<BodyAction | null> {
  const free = await ctx.db.kysely
    .selectFrom("reception_slots")
    .select("id")
    .where("agency_id", "=", body.id)
    .where("starts_at", ">", ctx.clock.now().toISOString())
    .where("booking_id", "is", null)
    .limit(1)
    .executeTakeFirst();
  return free
    ? { href: `/agencies/${body.slug}/reception`, text: view.t("receptions.body_action") }
    : null;
}
