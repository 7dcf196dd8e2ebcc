import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "../support/app.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

/** Two demo bodies: A (Nura district akimat) and B (Yesil district akimat). */
export const BODY_A = { id: "ag-nura-akimat", slug: "nura-district-akimat" };
export const BODY_B = { id: "ag-yesil-akimat", slug: "yesil-district-akimat" };

/** A urlencoded form body; arrays repeat the name, as checkboxes do. */
export function encode(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  return params.toString();
}

/** GET as someone (or nobody), in a language. */
export function get(t: TestApp, url: string, who: SignedIn | null, lang = "en") {
  const cookie = [who?.cookie, `halyq_lang=${lang}`].filter(Boolean).join("; ");
  return t.app.inject({ method: "GET", url, headers: { cookie } });
}

/** POST a form as someone (or nobody), with their CSRF token unless told not to. */
export function post(
  t: TestApp,
  url: string,
  who: SignedIn | null,
  fields: Record<string, string | string[]> = {},
  options: { csrf?: boolean; lang?: string } = {},
) {
  const withToken = who && options.csrf !== false ? { ...fields, _csrf: who.csrf } : fields;
  const cookie = [who?.cookie, `halyq_lang=${options.lang ?? "en"}`].filter(Boolean).join("; ");
  return t.app.inject({
    method: "POST",
    url,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: encode(withToken),
  });
}

export const systemAdmin = (t: TestApp, secondFactor = true) =>
  signInAs(t, { grants: [{ role: "admin", agencyId: null }], secondFactor });

export const bodyAdmin = (t: TestApp, agencyId: string, secondFactor = true) =>
  signInAs(t, { grants: [{ role: "admin", agencyId }], secondFactor });

/** A staff member with these roles (and a session, so tests can see it end). */
export const staffWith = (t: TestApp, grants: RoleGrant[]) => signInAs(t, { grants });

/** Every field of a valid new body, overridable. */
export function agencyFields(overrides: Record<string, string | string[]> = {}) {
  return {
    slug: "test-body",
    name_kk: "Сынақ органы",
    name_ru: "Тестовый орган",
    name_en: "Test body",
    kind: "department",
    level: "region",
    parent: "ag-astana-akimat",
    higher_body: "ag-astana-akimat",
    jurisdiction: "kz",
    territory_code: "710000000",
    address_kk: "Астана, Бейбітшілік к-сі, 1",
    address_ru: "Астана, ул. Бейбитшилик, 1",
    address_en: "1 Beibitshilik St, Astana",
    phone: "+7 7172 00 00 01",
    email: "test-body@demo.invalid",
    website: "https://test-body.example.kz",
    categories: ["cat-roads-lighting", "cat-waste"],
    ...overrides,
  };
}

/** Every field of a valid new staff member with one role, overridable. */
export function staffFields(overrides: Record<string, string | string[]> = {}) {
  return {
    surname: "Сапарова",
    given_name: "Әсел",
    patronymic: "Бекқызы",
    email: `new-${Math.random().toString(36).slice(2, 10)}@test.invalid`,
    language: "kk",
    role_0: "executor",
    body_0: BODY_A.id,
    ...overrides,
  };
}

/** How many audit records exist: a refused request must not add one. */
export async function auditCount(t: TestApp): Promise<number> {
  const row = await t.ctx.db.kysely
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function sessionsOf(t: TestApp, accountId: string): Promise<number> {
  const rows = await t.ctx.db.kysely
    .selectFrom("sessions")
    .select("id_hash")
    .where("account_id", "=", accountId)
    .execute();
  return rows.length;
}
