import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAgencyBySlug } from "../../src/capabilities/agencies/agency.repository.js";
import { draftForm, post as postAs, staff } from "../consultations/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { agencyFields, auditCount, get, post, systemAdmin } from "./support.js";

/**
 * Kazakh (the state language) and Russian are required wherever a body's name or a draft's title
 * is asked, English is optional, and English pages show the Russian where there is no English.
 */
describe.each(testDialects())("names and titles without English on %s", (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await systemAdmin(t);
  });
  afterAll(async () => t?.close());

  it("a body is added with Kazakh and Russian only; English pages show its Russian name", async () => {
    const res = await post(
      t,
      "/admin/agencies/new",
      admin,
      agencyFields({ slug: "kk-ru-body", name_en: "", address_en: "" }),
    );
    expect(res.statusCode).toBe(303);
    const body = await findAgencyBySlug(t.ctx.db.kysely, "kk-ru-body");
    expect(body?.names).toEqual({ kk: "Сынақ органы", ru: "Тестовый орган", en: "Тестовый орган" });
    const en = await t.app.inject({
      url: "/agencies/kk-ru-body",
      headers: { cookie: "halyq_lang=en" },
    });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain("Тестовый орган");
    // the edit form shows English as not given, and says it is optional
    const edit = await get(t, "/admin/agencies/kk-ru-body/edit", admin, "ru");
    expect(edit.body).toMatch(/id="name_en"[^>]* value[ />]/);
    expect(edit.body).toContain("Необязательно. Если не заполнено");
  });

  it("a body without its Kazakh or Russian name is refused, the error naming the language", async () => {
    const before = await auditCount(t);
    const res = await post(
      t,
      "/admin/agencies/new",
      admin,
      agencyFields({ slug: "no-kk-body", name_kk: "", name_en: "" }),
      { lang: "ru" },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Введите название на казахском языке");
    expect(res.body).not.toContain("Введите название на английском языке");
    const kk = await post(
      t,
      "/admin/agencies/new",
      admin,
      agencyFields({ slug: "no-ru-body", name_ru: "" }),
      { lang: "kk" },
    );
    expect(kk.statusCode).toBe(400);
    expect(await auditCount(t)).toBe(before);
    expect(await findAgencyBySlug(t.ctx.db.kysely, "no-kk-body")).toBeUndefined();
  });

  it("a draft is published with Kazakh and Russian title and summary; English shows the Russian", async () => {
    const head = await staff(t, "head");
    const res = await postAs(
      t,
      head,
      "/office/consultations",
      draftForm({ title_en: "", summary_en: "" }),
    );
    expect(res.statusCode).toBe(303);
    const id = /\/office\/consultations\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1];
    const en = await t.app.inject({
      url: `/consultations/${id}`,
      headers: { cookie: "halyq_lang=en" },
    });
    expect(en.body).toContain("Стандарт государственной услуги");
    const kk = await t.app.inject({
      url: `/consultations/${id}`,
      headers: { cookie: "halyq_lang=kk" },
    });
    expect(kk.body).toContain("Мемлекеттік қызмет стандарты");
  });

  it("a draft without its Kazakh title or summary is refused, the errors naming the language", async () => {
    const head = await staff(t, "head");
    const before = await auditCount(t);
    const res = await postAs(
      t,
      head,
      "/office/consultations",
      draftForm({ title_kk: "", summary_ru: "", title_en: "", summary_en: "" }),
      "ru",
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Введите название на казахском языке");
    expect(res.body).toContain("Введите краткое описание на русском языке");
    expect(res.body).not.toContain("Введите название на английском");
    const kk = await postAs(t, head, "/office/consultations", draftForm({ title_ru: "" }), "kk");
    expect(kk.body).toContain("Атауын орыс тілінде енгізіңіз");
    expect(await auditCount(t)).toBe(before);
  });
});
