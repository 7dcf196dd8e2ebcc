import { randomBytes } from "node:crypto";
import { withCheckDigit } from "../../src/kernel/ids.js";
import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "../support/app.js";
import { api } from "../support/http.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export { api };

export const BAIKONUR = "ag-baikonur-akimat";
export const ASTANA_AKIMAT = "ag-astana-akimat";
export const LABOUR = "ag-ministry-labour";

let serial = 0;
/** A valid IIN (check digit right) that no other test account has. */
export function uniqueIin(): string {
  for (;;) {
    serial++;
    const r = Number.parseInt(randomBytes(3).toString("hex"), 16) % 10_000;
    const iin = withCheckDigit(
      `8${String(r).padStart(4, "0")}1${String(serial % 100_000).padStart(5, "0")}`,
    );
    if (iin) return iin;
  }
}

/** A citizen with an IIN (as after eID sign-in) and a live browser session. */
export async function verifiedCitizen(
  t: TestApp,
  language = "en",
  email?: string,
): Promise<SignedIn> {
  const who = await signInAs(t, { kind: "citizen", ...(email ? { email } : {}) });
  await t.ctx.db.kysely
    .updateTable("accounts")
    .set({ iin: uniqueIin(), residence_code: "711410000", language, identity_assurance: "eid" })
    .where("id", "=", who.accountId)
    .execute();
  return who;
}

export const staff = (t: TestApp, role: RoleGrant["role"], agencyId = BAIKONUR) =>
  signInAs(t, { grants: [{ role, agencyId }] });

/** Posts a page's form as a browser would (url-encoded, with the session's CSRF token). */
export function post(
  t: TestApp,
  who: SignedIn,
  url: string,
  fields: Record<string, string> = {},
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

export const DRAFT = {
  agencyId: BAIKONUR,
  title: "Light the riverside park paths",
  summary: "The paths along the river in the park are dark in the evening.",
  proposal: "Install lamps along the riverside paths of the park.",
};

/** Creates a draft through the API; returns the petition as the API shows it. */
export async function createDraft(t: TestApp, who: SignedIn, body: Record<string, string> = DRAFT) {
  const res = await api(t, who, "POST", "/api/v1/petitions", body);
  if (res.status !== 201)
    throw new Error(`create failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { id: string; number: string; status: string };
}

/** Rows of a table, counted. */
export async function countRows(
  t: TestApp,
  table:
    | "audit_events"
    | "mail_outbox"
    | "petitions"
    | "petition_co_initiators"
    | "petition_comments",
): Promise<number> {
  const row = await t.ctx.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
