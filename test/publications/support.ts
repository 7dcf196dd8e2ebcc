import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "../support/app.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export const BAIKONUR = "ag-baikonur-akimat";
export const BAIKONUR_SLUG = "baikonur-district-akimat";
export const YESIL = "ag-yesil-akimat";

export const staff = (t: TestApp, role: RoleGrant["role"], agencyId = BAIKONUR) =>
  signInAs(t, { grants: [{ role, agencyId }] });

/** Posts a form as a browser would (url-encoded, with the session's CSRF token). */
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

export function newsForm(extra: Record<string, string> = {}): Record<string, string> {
  return {
    agencyId: BAIKONUR,
    kind: "news",
    section: "",
    "title-kk": "",
    "title-ru": "Ремонт дороги",
    "title-en": "Road repairs",
    "body-kk": "",
    "body-ru": "Дорогу отремонтируют в мае.",
    "body-en": "The road will be repaired in May.\n\n- First stage\n- Second stage",
    ...extra,
  };
}

/** Creates a publication through the office form; returns its id (fails the test otherwise). */
export async function create(
  t: TestApp,
  who: SignedIn,
  fields: Record<string, string> = newsForm(),
): Promise<string> {
  const res = await post(t, who, "/office/publications", fields);
  const m = /^\/office\/publications\/([0-9a-f-]{36})\?done=created$/.exec(
    String(res.headers.location ?? ""),
  );
  if (res.statusCode !== 303 || !m)
    throw new Error(`creating failed: ${res.statusCode} ${res.body.slice(0, 3000)}`);
  return m[1] as string;
}

export async function row(t: TestApp, id: string) {
  return t.ctx.db.kysely
    .selectFrom("publications")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

export async function auditActions(t: TestApp, id: string): Promise<string[]> {
  const rows = await t.ctx.db.kysely
    .selectFrom("audit_events")
    .select("action")
    .where("subject_type", "=", "publication")
    .where("subject_id", "=", id)
    .orderBy("seq")
    .execute();
  return rows.map((r) => r.action);
}

/** Drafts, submits (as `writer`) and approves (as `approver`) a publication; returns its id. */
export async function publish(
  t: TestApp,
  writer: SignedIn,
  approver: SignedIn,
  fields: Record<string, string> = newsForm(),
): Promise<string> {
  const id = await create(t, writer, fields);
  for (const [who, step] of [
    [writer, "submit"],
    [approver, "approve"],
  ] as const) {
    const res = await post(t, who, `/office/publications/${id}/${step}`, {});
    if (res.statusCode !== 303) throw new Error(`${step} failed: ${res.statusCode}`);
  }
  return id;
}
