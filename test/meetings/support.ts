import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "../support/app.js";
import { api } from "../support/http.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export { api };

export const BAIKONUR = "ag-baikonur-akimat";
export const YESIL = "ag-yesil-akimat";
/** Baikonur district's territory code, as the demo bodies give it. */
export const BAIKONUR_TERRITORY = "711410000";

/** Posts a page's form as a browser would (url-encoded, with the session's CSRF token). */
export function post(
  t: TestApp,
  who: SignedIn,
  url: string,
  fields: Record<string, string>,
  lang = "en",
) {
  return t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: `${who.cookie}; halyq_lang=${lang}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
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

/** The announcement form, filled in for a hearing on 1 April 2025, 15:00–17:00 local time. */
export function hearingForm(extra: Record<string, string> = {}): Record<string, string> {
  return {
    agencyId: BAIKONUR,
    kind: "hearing",
    "title-kk": "",
    "title-ru": "Слушания по парку",
    "title-en": "Hearing on the park",
    "agenda-kk": "",
    "agenda-ru": "1. Проект парка.",
    "agenda-en": "1. The park project.",
    place: "Astana, 40 Kenesary St, hall",
    onlineUrl: "",
    "date-day": "1",
    "date-month": "4",
    "date-year": "2025",
    startTime: "15:00",
    endTime: "17:00",
    capacity: "2",
    eligibility: "everyone",
    territoryCode: "",
    delegates: "",
    ...extra,
  };
}

/** Announces a meeting through the body's form and returns its id (fails the test otherwise). */
export async function announce(
  t: TestApp,
  head: SignedIn,
  extra: Record<string, string> = {},
): Promise<string> {
  const res = await post(t, head, "/office/meetings", hearingForm(extra));
  const m = /^\/office\/meetings\/([0-9a-f-]{36})\?done=announced$/.exec(
    String(res.headers.location ?? ""),
  );
  if (res.statusCode !== 303 || !m)
    throw new Error(`announcing failed: ${res.statusCode} ${res.body.slice(0, 2000)}`);
  return m[1] as string;
}

/** Registers through the API; returns the status code and standing. */
export async function register(t: TestApp, who: SignedIn, id: string, body?: unknown) {
  return api(t, who, "POST", `/api/v1/meetings/${id}/registrations`, body ?? {});
}

/** Moves the test clock to just after the meeting of 1 April 2025 has ended. */
export function afterTheMeeting(t: TestApp) {
  t.clock.set("2025-04-01T14:00:00Z");
}

/** Rows of a table, counted. */
export async function countRows(
  t: TestApp,
  table:
    | "audit_events"
    | "mail_outbox"
    | "meeting_registrations"
    | "meeting_questions"
    | "meeting_decisions"
    | "meetings",
): Promise<number> {
  const row = await t.ctx.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
