import { addDays, toPlainDate } from "../../kernel/calendar/index.js";
import type { Principal } from "../../kernel/permissions.js";
import type {
  AppContext,
  MyHalyqAction,
  MyHalyqSection,
  PageView,
} from "../../platform/manifest.js";
import { formatDate } from "../../web/format.js";
import { agencyById, bookingsOfAccount, findSlots } from "./reception.repository.js";
import { nameIn, slotTime } from "./web/common.js";

/** How many bookings "My Halyq" lists, latest first; "My receptions" has them all. */
const SHOWN = 10;

/**
 * A citizen's reception bookings, each with its status and time; as an action, a reception
 * booked for today or tomorrow (in the body's zone).
 */
export async function myBookings(
  ctx: AppContext,
  principal: Principal,
  { t, locale }: PageView,
): Promise<MyHalyqSection | null> {
  if (principal.kind !== "citizen") return null;
  const db = ctx.db.kysely;
  const bookings = (await bookingsOfAccount(db, principal.accountId)).slice(0, SHOWN);
  if (bookings.length === 0) return null;
  const [slots, agencies] = await Promise.all([
    findSlots(
      db,
      bookings.flatMap((b) => (b.slot_id ? [b.slot_id] : [])),
    ),
    Promise.all([...new Set(bookings.map((b) => b.agency_id))].map((id) => agencyById(db, id))),
  ]);
  const bodies = new Map(agencies.flatMap((a) => (a ? [[a.id, a] as const] : [])));
  const now = ctx.clock.now();
  const actions: MyHalyqAction[] = [];
  const items = bookings.map((b) => {
    const slot = b.slot_id ? slots.get(b.slot_id) : undefined;
    const body = bodies.get(b.agency_id);
    const bodyName = body ? nameIn(body, locale) : "";
    const href = `/reception/bookings/${b.id}`;
    const when = slot ? slotTime(slot, locale) : formatDate(b.day, locale, "long");
    const ahead = b.status === "booked" && (slot ? slot.ends_at > now.toISOString() : false);
    if (ahead && slot) {
      const today = toPlainDate(now, slot.time_zone);
      const day = toPlainDate(new Date(slot.starts_at), slot.time_zone);
      if (day <= addDays(today, 1))
        actions.push({
          text: t(day <= today ? "receptions.my_halyq.today" : "receptions.my_halyq.tomorrow", {
            body: bodyName,
          }),
          href,
          when,
          dueAt: slot.starts_at,
        });
    }
    return {
      title: t("receptions.my_halyq.item", { body: bodyName }),
      href,
      status: t(`receptions.status.${b.status}`),
      ...(ahead ? { next: when } : {}),
    };
  });
  return {
    key: "receptions",
    heading: t("receptions.my_halyq.heading"),
    actions,
    items,
    all: { href: "/reception/mine", label: t("receptions.my_halyq.all") },
    empty: t("receptions.mine.none"),
  };
}
