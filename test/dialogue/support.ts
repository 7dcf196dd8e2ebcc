import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "../support/app.js";
import { api } from "../support/http.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export { api };

/** A body with no demo questions, so each test file starts from nothing there. */
export const YESIL = "ag-yesil-akimat";
export const YESIL_SLUG = "yesil-district-akimat";
export const BAIKONUR = "ag-baikonur-akimat";

export const staff = (t: TestApp, roles: RoleGrant["role"][], agencyId = YESIL) =>
  signInAs(t, { grants: roles.map((role) => ({ role, agencyId })) });
export const citizen = (t: TestApp) => signInAs(t, { kind: "citizen" });

/** The people of one body's open dialogue: its head (so it takes questions) and moderator. */
export async function castFor(t: TestApp, agencyId = YESIL) {
  return {
    head: await staff(t, ["head"], agencyId),
    executor: await staff(t, ["executor"], agencyId),
    moderator: await staff(t, ["moderator"], agencyId),
  };
}

let n = 0;
/** Asks a question that must be taken; returns its id. */
export async function ask(t: TestApp, who: SignedIn, agencyId = YESIL): Promise<string> {
  n++;
  const res = await api(t, who, "POST", `/api/v1/dialogue/${agencyId}/questions`, {
    subject: `Street lighting on Kenesary street ${n}`,
    text: "When will the street lamps on Kenesary street be repaired?",
  });
  if (res.status !== 201)
    throw new Error(`asking failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.id as string;
}

/** Takes a moderation or answer step that must succeed. */
export async function step(
  t: TestApp,
  who: SignedIn,
  id: string,
  action: "moderation" | "answer",
  body: Record<string, unknown>,
): Promise<void> {
  const res = await api(t, who, "POST", `/api/v1/dialogue/questions/${id}/${action}`, body);
  if (res.status !== 200)
    throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.json)}`);
}

/** A published question (asked by `asker`, approved by the body's moderator). */
export async function published(
  t: TestApp,
  asker: SignedIn,
  moderator: SignedIn,
  agencyId = YESIL,
): Promise<string> {
  const id = await ask(t, asker, agencyId);
  await step(t, moderator, id, "moderation", { decision: "approve" });
  return id;
}

/** A page as `who` sees it (anonymous when null). */
export async function page(t: TestApp, who: SignedIn | null, url: string, lang = "en") {
  const res = await t.app.inject({
    url,
    headers: { cookie: [who?.cookie, `halyq_lang=${lang}`].filter(Boolean).join("; ") },
  });
  return { status: res.statusCode, body: res.body };
}

/** Posts a form as `who` (with their CSRF token), the way a browser without scripts does. */
export async function form(t: TestApp, who: SignedIn, url: string, fields: Record<string, string>) {
  const res = await t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: `${who.cookie}; halyq_lang=en`,
      "content-type": "application/x-www-form-urlencoded",
    },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location };
}
