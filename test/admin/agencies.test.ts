import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  categoriesOfAgency,
  findAgencyBySlug,
} from "../../src/capabilities/agencies/agency.repository.js";
import { auditTrail } from "../../src/kernel/audit/audit.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { agencyFields, auditCount, get, post, systemAdmin } from "./support.js";

describe.each(testDialects())("administering bodies on %s", (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  const db = () => t.ctx.db.kysely;

  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { PAGE_CACHE_SECONDS: "60" } });
    admin = await systemAdmin(t);
  });
  afterAll(async () => t.close());

  it("creates a body with its competences, records who did it, and shows it publicly at once", async () => {
    const cached = await t.app.inject({ url: "/agencies?lang=en" });
    expect(cached.body).not.toContain("Test body");
    const res = await post(t, "/admin/agencies/new", admin, agencyFields());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/admin/agencies/test-body/edit?notice=agency_created");

    const created = await findAgencyBySlug(db(), "test-body");
    expect(created).toMatchObject({
      names: { kk: "Сынақ органы", ru: "Тестовый орган", en: "Test body" },
      kind: "department",
      level: "region",
      parentId: "ag-astana-akimat",
      higherBodyId: "ag-astana-akimat",
      jurisdiction: "kz",
      territoryCode: "710000000",
      address: { en: "1 Beibitshilik St, Astana" },
      phone: "+7 7172 00 00 01",
      email: "test-body@demo.invalid",
      website: "https://test-body.example.kz",
      active: true,
    });
    const id = created?.id as string;
    const competences = (await categoriesOfAgency(db(), id)).map((c) => c.id).sort();
    expect(competences).toEqual(["cat-roads-lighting", "cat-waste"]);

    const trail = await auditTrail(db(), "agency", id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      action: "agency.created",
      actorId: admin.accountId,
      data: {
        slug: "test-body",
        name_en: "Test body",
        competences: ["cat-roads-lighting", "cat-waste"],
      },
    });

    const page = await get(t, res.headers.location as string, admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("The body has been added.");
    expect(page.body).toContain('value="test-body"');
    const fresh = await t.app.inject({ url: "/agencies?lang=en" });
    expect(fresh.body).toContain("Test body");
  });

  it("edits a body: fields, slug and competences, with each change in the audit record", async () => {
    const before = await findAgencyBySlug(db(), "test-body");
    const res = await post(
      t,
      "/admin/agencies/test-body/edit",
      admin,
      agencyFields({
        slug: "renamed-body",
        name_en: "Renamed body",
        website: "",
        categories: ["cat-waste", "cat-landscaping"],
      }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/admin/agencies/renamed-body/edit?notice=agency_updated");
    const after = await findAgencyBySlug(db(), "renamed-body");
    expect(after?.id).toBe(before?.id);
    expect(after?.names.en).toBe("Renamed body");
    expect(after?.website).toBeNull();
    expect(await findAgencyBySlug(db(), "test-body")).toBeUndefined();
    const competences = (await categoriesOfAgency(db(), after?.id as string)).map((c) => c.id);
    expect(competences.sort()).toEqual(["cat-landscaping", "cat-waste"]);

    const trail = await auditTrail(db(), "agency", after?.id as string);
    expect(trail.at(-1)).toMatchObject({
      action: "agency.updated",
      actorId: admin.accountId,
      data: {
        changes: {
          slug: { from: "test-body", to: "renamed-body" },
          name_en: { from: "Test body", to: "Renamed body" },
          website: { from: "https://test-body.example.kz", to: null },
        },
        competences: { added: ["cat-landscaping"], removed: ["cat-roads-lighting"] },
      },
    });
    const data = trail.at(-1)?.data as { changes: object } | undefined;
    expect(Object.keys(data?.changes ?? {})).toHaveLength(3);
    const publicPage = await t.app.inject({ url: "/agencies/renamed-body?lang=en" });
    expect(publicPage.body).toContain("Renamed body");
  });

  it("deactivates and reactivates a body, once each however often the button is pressed", async () => {
    const agency = await findAgencyBySlug(db(), "renamed-body");
    const id = agency?.id as string;
    for (let i = 0; i < 2; i++) {
      const res = await post(t, "/admin/agencies/renamed-body/deactivate", admin);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(
        "/admin/agencies/renamed-body/edit?notice=agency_deactivated",
      );
    }
    expect((await findAgencyBySlug(db(), "renamed-body"))?.active).toBe(false);
    expect((await t.app.inject({ url: "/agencies?lang=en" })).body).not.toContain("Renamed body");
    const list = await get(t, "/admin/agencies", admin);
    expect(list.body).toContain("Renamed body");
    expect(list.body).toContain("Inactive");
    const edit = await get(t, "/admin/agencies/renamed-body/edit", admin);
    expect(edit.body).toContain('action="/admin/agencies/renamed-body/reactivate"');

    await post(t, "/admin/agencies/renamed-body/reactivate", admin);
    expect((await findAgencyBySlug(db(), "renamed-body"))?.active).toBe(true);
    const actions = (await auditTrail(db(), "agency", id)).map((r) => r.action);
    expect(actions).toEqual([
      "agency.created",
      "agency.updated",
      "agency.deactivated",
      "agency.reactivated",
    ]);
  });

  it("re-renders the form with 400 and an error summary for each invalid field, changing nothing", async () => {
    const before = await auditCount(t);
    const bad = agencyFields({
      slug: "Bad Slug!",
      name_kk: "",
      kind: "castle",
      parent: "ag-no-such-body",
      higher_body: "ag-no-such-body",
      jurisdiction: "xx",
      territory_code: "12ab",
      address_ru: "",
      phone: "call me",
      email: "not-an-email",
      website: "javascript:alert(1)",
      categories: ["cat-no-such"],
    });
    const res = await post(t, "/admin/agencies/new", admin, bad);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("<title>Error: Add a state body — Halyq</title>");
    expect(res.body).toContain("govuk-error-summary");
    for (const field of [
      "slug",
      "name_kk",
      "kind",
      "parent",
      "higher_body",
      "jurisdiction",
      "territory_code",
      "address_ru",
      "phone",
      "email",
      "website",
      "categories",
    ]) {
      expect(res.body, field).toContain(`href="#${field}"`);
    }
    expect(res.body).toContain("starting with https:// or http://");
    expect(res.body).toContain('value="call me"');
    expect(await auditCount(t)).toBe(before);
    expect(await findAgencyBySlug(db(), "bad-slug")).toBeUndefined();
  });

  it("refuses a taken slug, a body as its own parent or higher body, and a cycle", async () => {
    const before = await auditCount(t);
    const taken = await post(
      t,
      "/admin/agencies/new",
      admin,
      agencyFields({ slug: "astana-akimat" }),
    );
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain("Another body already has this short name");

    const nura = await findAgencyBySlug(db(), "nura-district-akimat");
    const self = await post(
      t,
      "/admin/agencies/nura-district-akimat/edit",
      admin,
      agencyFields({
        slug: "nura-district-akimat",
        parent: nura?.id as string,
        higher_body: nura?.id as string,
      }),
    );
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain("A body cannot be part of itself");
    expect(self.body).toContain("A body cannot be its own higher body");

    const cycle = await post(
      t,
      "/admin/agencies/astana-akimat/edit",
      admin,
      agencyFields({ slug: "astana-akimat", parent: nura?.id as string, higher_body: "" }),
    );
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain("A body cannot be part of a body below it");
    expect(await auditCount(t)).toBe(before);
    expect((await findAgencyBySlug(db(), "astana-akimat"))?.parentId).toBeNull();
  });

  it("answers 404 for an unknown body and 400 for a malformed slug", async () => {
    expect((await get(t, "/admin/agencies/no-such-body/edit", admin)).statusCode).toBe(404);
    expect((await post(t, "/admin/agencies/no-such-body/deactivate", admin)).statusCode).toBe(404);
    expect((await get(t, "/admin/agencies/BAD%20slug/edit", admin)).statusCode).toBe(400);
  });
  it("gives a body its working hours and head in Kazakh and Russian (English optional) or none, audited", async () => {
    const fields = agencyFields({ slug: "hours-body", name_en: "Hours body" });
    expect((await post(t, "/admin/agencies/new", admin, fields)).statusCode).toBe(303);
    const before = await auditCount(t);
    const partial = await post(t, "/admin/agencies/hours-body/edit", admin, {
      ...fields,
      hours_kk: "Дүйсенбі–жұма, 9:00–18:30",
      head_en: "Aigul Nurlanova",
    });
    expect(partial.statusCode).toBe(400);
    for (const key of ["hours_ru", "head_kk", "head_ru"]) {
      expect(partial.body).toContain(`href="#${key}"`);
    }
    expect(partial.body).not.toContain('href="#hours_en"');
    expect(partial.body).toContain(
      "Enter the working hours in Russian, or leave all the fields empty",
    );
    expect(await auditCount(t)).toBe(before);
    const full = {
      ...fields,
      hours_kk: "Дүйсенбі–жұма, 9:00–18:30",
      hours_ru: "Понедельник–пятница, 9:00–18:30",
      hours_en: "Monday to Friday, 9:00 to 18:30",
      head_kk: "Айгүл Маратқызы Нұрланова",
      head_ru: "Айгуль Маратовна Нурланова",
      head_en: "Aigul Nurlanova",
    };
    expect((await post(t, "/admin/agencies/hours-body/edit", admin, full)).statusCode).toBe(303);
    const agency = await findAgencyBySlug(db(), "hours-body");
    expect(agency?.hours?.ru).toBe("Понедельник–пятница, 9:00–18:30");
    expect(agency?.head?.en).toBe("Aigul Nurlanova");
    const trail = await auditTrail(db(), "agency", agency?.id as string);
    expect(trail.at(-1)).toMatchObject({
      action: "agency.updated",
      data: { changes: { head_en: { from: null, to: "Aigul Nurlanova" } } },
    });
    const form = await get(t, "/admin/agencies/hours-body/edit", admin);
    expect(form.body).toContain('value="Айгүл Маратқызы Нұрланова"');
    const publicPage = await t.app.inject({ url: "/agencies/hours-body?lang=ru" });
    expect(publicPage.body).toContain("Айгуль Маратовна Нурланова");
  });
});
