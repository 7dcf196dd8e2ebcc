import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "../support/app.js";
import { api } from "../support/http.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export { api };

export const BAIKONUR = "ag-baikonur-akimat";
export const YESIL = "ag-yesil-akimat";
/** Monday 17 March 2025, 10:00 in Astana: two days before the receptions the tests book. */
export const MONDAY = "2025-03-17T05:00:00Z";

/** Posts a page's form as a browser would (url-encoded, with the session's CSRF token). */
export function post(
  t: TestApp,
  who: SignedIn,
  url: string,
  fields: Record<string, string | string[]>,
  lang = "en",
) {
  const body = new URLSearchParams({ _csrf: who.csrf });
  for (const [k, v] of Object.entries(fields))
    for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: `${who.cookie}; halyq_lang=${lang}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    payload: body.toString(),
  });
}

/** A page as `who` sees it (anonymous when null), in `lang`. */
export function page(t: TestApp, who: SignedIn | null, url: string, lang = "en") {
  return t.app.inject({
    url,
    headers: { cookie: who ? `${who.cookie}; halyq_lang=${lang}` : `halyq_lang=${lang}` },
  });
}

export const staff = (t: TestApp, role: RoleGrant["role"], agencyId = BAIKONUR) =>
  signInAs(t, { grants: [{ role, agencyId }] });
export const citizen = (t: TestApp, email?: string) =>
  signInAs(t, { kind: "citizen", ...(email ? { email } : {}) });

/** The schedule form: Wednesday 19 March 2025, 10:00–12:00 in 20-minute receptions, `weeks` weeks. */
export function scheduleForm(extra: Record<string, string | string[]> = {}) {
  return {
    "firstDay-day": "19",
    "firstDay-month": "3",
    "firstDay-year": "2025",
    weeks: "1",
    startTime: "10:00",
    endTime: "12:00",
    slotMinutes: "20",
    place: "Astana, 40 Kenesary St, room 201",
    onlineUrl: "",
    "topics[]": ["cat-roads-lighting", "cat-landscaping"],
    ...extra,
  };
}

/** Publishes `head`'s schedule through the office form and returns its slots, in time order. */
export async function publish(
  t: TestApp,
  head: SignedIn,
  extra: Record<string, string | string[]> = {},
): Promise<{ id: string; starts_at: string }[]> {
  const res = await post(
    t,
    head,
    `/office/reception/schedules?agency=${BAIKONUR}`,
    scheduleForm(extra),
  );
  if (res.statusCode !== 303)
    throw new Error(`publishing failed: ${res.statusCode} ${res.body.slice(0, 3000)}`);
  return t.ctx.db.kysely
    .selectFrom("reception_slots")
    .select(["id", "starts_at"])
    .where("official_id", "=", head.accountId)
    .orderBy("starts_at")
    .execute();
}

/** Books a slot through the API. */
export function book(
  t: TestApp,
  who: SignedIn,
  slotId: string,
  extra: Record<string, unknown> = {},
) {
  return api(t, who, "POST", "/api/v1/receptions/bookings", {
    slotId,
    question: "The lamps in our yard have not worked for a month.",
    ...extra,
  });
}

/** Rows of a table, counted. */
export async function countRows(
  t: TestApp,
  table: "audit_events" | "mail_outbox" | "reception_bookings" | "appeals",
): Promise<number> {
  const row = await t.ctx.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
