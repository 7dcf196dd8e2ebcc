import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { agencyFields, BODY_A, get, post, staffFields, staffWith, systemAdmin } from "./support.js";

// The same rules as test/http/pages.test.ts, which covers the public pages.
const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    "no-inline-style": "error",
    "void-style": "off",
    "class-pattern": "off",
    "no-redundant-role": "off",
    "prefer-native-element": "off",
    "long-title": "off",
    // A group of checkboxes sharing one name is how HTML sends a list (GOV.UK's checkboxes).
    "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }],
  },
});

async function expectValid(body: string, label: string) {
  const report = await validator.validateString(body);
  const messages = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`),
  );
  expect(messages, label).toEqual([]);
}

describe.each(testDialects())("admin pages on %s", (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  let staffId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await systemAdmin(t);
    staffId = (
      await staffWith(t, [
        { role: "executor", agencyId: BODY_A.id },
        { role: "analyst", agencyId: "ag-astana-akimat" },
      ])
    ).accountId;
  });
  afterAll(async () => t.close());

  it("the overview leads a system administrator to each section, Open311 keys included", async () => {
    const res = await get(t, "/admin", admin, "en");
    for (const href of ["/admin/agencies", "/admin/staff", "/admin/open311-keys"])
      expect(res.body).toContain(`href="${href}"`);
  });

  it("every admin page is valid HTML in kk, ru and en, with no untranslated message", async () => {
    const paths = [
      "/admin",
      "/admin/agencies",
      "/admin/agencies?notice=agency_deactivated",
      "/admin/agencies/new",
      `/admin/agencies/${BODY_A.slug}/edit`,
      `/admin/agencies/${BODY_A.slug}/edit?notice=agency_updated`,
      "/admin/staff",
      "/admin/staff/new",
      `/admin/staff/${staffId}/edit`,
      `/admin/staff/${staffId}/edit?notice=staff_created`,
      `/admin/staff/${staffId}/reset-two-factor`,
      `/admin/staff/${staffId}/deactivate`,
    ];
    for (const lang of ["kk", "ru", "en"]) {
      for (const path of paths) {
        const res = await get(t, path, admin, lang);
        const label = `${path} ${lang}`;
        expect(res.statusCode, label).toBe(200);
        expect(res.body, label).toContain(`<html lang="${lang}"`);
        expect(res.headers["cache-control"], label).toBe("no-store");
        expect(res.body, label).not.toMatch(
          />[^<]*\b(?:admin|agencies|calendar|layout|forms)\.[a-z_]/,
        );
        await expectValid(res.body, label);
      }
    }
  });

  it("forms with errors and the 403 page are valid HTML in every language", async () => {
    const bodyAdmin = await staffWith(t, [{ role: "admin", agencyId: BODY_A.id }]);
    for (const lang of ["kk", "ru", "en"]) {
      const agency = await post(
        t,
        "/admin/agencies/new",
        admin,
        agencyFields({ slug: "", website: "ftp://x" }),
        { lang },
      );
      expect(agency.statusCode).toBe(400);
      await expectValid(agency.body, `agency errors ${lang}`);
      const staff = await post(
        t,
        "/admin/staff/new",
        admin,
        staffFields({ email: "", role_0: "", body_0: BODY_A.id }),
        { lang },
      );
      expect(staff.statusCode).toBe(400);
      await expectValid(staff.body, `staff errors ${lang}`);
      const roles = await post(
        t,
        `/admin/staff/${staffId}/edit`,
        admin,
        { role_0: "head", body_0: "*" },
        { lang },
      );
      expect(roles.statusCode).toBe(400);
      const noReason = await post(
        t,
        `/admin/staff/${staffId}/reset-two-factor`,
        admin,
        {},
        { lang },
      );
      expect(noReason.statusCode).toBe(400);
      await expectValid(noReason.body, `reset without a reason ${lang}`);
      await expectValid(roles.body, `role errors ${lang}`);
      const forbidden = await get(t, "/admin/agencies", bodyAdmin, lang);
      expect(forbidden.statusCode).toBe(403);
      await expectValid(forbidden.body, `403 ${lang}`);
    }
  });
});
