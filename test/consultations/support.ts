import { createHmac, randomBytes } from "node:crypto";
import { createSession } from "../../src/capabilities/identity/session.repository.js";
import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "../support/app.js";
import { api as sharedApi } from "../support/http.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export const BAIKONUR = "ag-baikonur-akimat";
export const YESIL = "ag-yesil-akimat";

/** The JSON API as the shared helper calls it, in English. */
export const api = (
  t: TestApp,
  who: SignedIn | null,
  method: "GET" | "POST" | "DELETE",
  url: string,
  body?: unknown,
) => sharedApi(t, who, method, url, body, { headers: { "accept-language": "en" } });

/** A form post with a session, the way a browser without scripts sends it. */
export async function post(
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

/** A page as `who` (or an anonymous visitor) sees it in `lang`. */
export async function get(t: TestApp, who: SignedIn | null, url: string, lang = "en") {
  return t.app.inject({
    url,
    headers: { cookie: `${who ? `${who.cookie}; ` : ""}halyq_lang=${lang}` },
  });
}

export const staff = (t: TestApp, role: RoleGrant["role"], agencyId = BAIKONUR) =>
  signInAs(t, { grants: [{ role, agencyId }] });
export const citizen = (t: TestApp) => signInAs(t, { kind: "citizen" });

/** The fields of the form that publishes a draft; paragraphs in Russian and English. */
export function draftForm(extra: Record<string, string> = {}): Record<string, string> {
  return {
    agencyId: BAIKONUR,
    type: "service_standard",
    title_kk: "Мемлекеттік қызмет стандарты",
    title_ru: "Стандарт государственной услуги",
    title_en: "Standard of a state service",
    summary_kk: "Қызмет мерзімі.",
    summary_ru: "Срок услуги.",
    summary_en: "How long the service takes.",
    text_ru:
      "Срок — 20 дней.\n\nЗаявление подаётся онлайн.\n\nРезультат выдаётся в электронном виде.",
    text_en:
      "The term is 20 days.\r\n\r\nThe application is filed online.\n  \nThe result is issued electronically.",
    ...extra,
  };
}

/** Publishes a draft through the staff form and returns its id (fails the test otherwise). */
export async function publish(
  t: TestApp,
  head: SignedIn,
  extra: Record<string, string> = {},
): Promise<string> {
  const res = await post(t, head, "/office/consultations", draftForm(extra));
  const m = /^\/office\/consultations\/([0-9a-f-]{36})\?done=published$/.exec(
    String(res.headers.location),
  );
  if (res.statusCode !== 303 || !m)
    throw new Error(`publish failed: ${res.statusCode} ${res.body}`);
  return m[1] as string;
}

/** Days later, noon in Almaty: moves the test clock on. */
export function moveTo(t: TestApp, date: string): void {
  t.clock.set(`${date}T07:00:00Z`);
}

/**
 * A fresh session for an account that already exists, at the test clock's current time:
 * sessions made earlier have expired once a test moves the clock on by days.
 */
export async function resume(t: TestApp, who: SignedIn): Promise<SignedIn> {
  const db = t.ctx.db.kysely;
  const account = await db
    .selectFrom("accounts")
    .select("kind")
    .where("id", "=", who.accountId)
    .executeTakeFirstOrThrow();
  const now = t.clock.now();
  const session = await createSession(db, {
    accountId: who.accountId,
    kind: "browser",
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    secondFactorAt: account.kind === "staff" ? now.toISOString() : null,
  });
  const csrfCookie = randomBytes(24).toString("base64url");
  const csrf = createHmac("sha256", t.ctx.secret)
    .update(`${csrfCookie}|${session.idHash}`)
    .digest("base64url");
  return {
    accountId: who.accountId,
    cookie: `halyq_session=${session.token}; halyq_csrf=${csrfCookie}`,
    csrf,
    token: session.token,
  };
}
