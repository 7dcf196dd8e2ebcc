import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccount } from "../../src/capabilities/identity/account.repository.js";
import { hashToken } from "../../src/capabilities/identity/auth/tokens.js";
import { auditTrail } from "../../src/kernel/audit/audit.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import {
  auditCount,
  BODY_A,
  BODY_B,
  bodyAdmin,
  get,
  post,
  sessionsOf,
  staffFields,
  staffWith,
  systemAdmin,
} from "./support.js";

describe.each(testDialects())("administering staff on %s", (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  const db = () => t.ctx.db.kysely;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await systemAdmin(t);
  });
  afterAll(async () => t.close());

  it("adds a staff member with roles and mails them a link to set their password", async () => {
    const fields = staffFields({
      email: "Asel.Saparova@Test.invalid",
      role_0: "executor",
      body_0: BODY_A.id,
      role_1: "analyst",
      body_1: BODY_B.id,
      role_2: "",
      body_2: "",
    });
    const res = await post(t, "/admin/staff/new", admin, fields);
    expect(res.statusCode).toBe(303);
    const id = /^\/admin\/staff\/([^/]+)\/edit\?notice=staff_created$/.exec(
      res.headers.location as string,
    )?.[1] as string;
    expect(id).toBeTruthy();

    const account = await findAccount(db(), id);
    expect(account).toMatchObject({
      kind: "staff",
      email: "asel.saparova@test.invalid",
      surname: "Сапарова",
      givenName: "Әсел",
      patronymic: "Бекқызы",
      language: "kk",
      active: true,
      totpEnabled: false,
    });
    expect(account?.grants).toEqual(
      expect.arrayContaining([
        { role: "executor", agencyId: BODY_A.id },
        { role: "analyst", agencyId: BODY_B.id },
      ]),
    );
    expect(account?.grants).toHaveLength(2);

    const tokens = await db()
      .selectFrom("email_tokens")
      .selectAll()
      .where("account_id", "=", id)
      .execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ purpose: "reset", used_at: null });
    const mail = await db()
      .selectFrom("mail_outbox")
      .selectAll()
      .where("to_address", "=", "asel.saparova@test.invalid")
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe("Сізге Halyq жүйесіне қолжетімділік берілді");
    const token = /http:\/\/localhost:3000\/password\/reset\?token=([A-Za-z0-9_-]+)/.exec(
      mail[0]?.body_text ?? "",
    )?.[1];
    expect(token && hashToken(token)).toBe(tokens[0]?.token_hash);
    expect(mail[0]?.body_text).toContain("Сапарова Әсел Бекқызы");

    const trail = await auditTrail(db(), "account", id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      action: "staff.created",
      actorId: admin.accountId,
      data: {
        email: "asel.saparova@test.invalid",
        grants: [
          { role: "executor", agencyId: BODY_A.id },
          { role: "analyst", agencyId: BODY_B.id },
        ],
      },
    });

    const page = await get(t, res.headers.location as string, admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("invitation by e-mail");
    const list = await get(t, "/admin/staff", admin);
    expect(list.body).toContain("Сапарова Әсел Бекқызы");
    expect(list.body).toContain("Executor — Akimat of Nura District, Astana");
  });

  it("changes roles, ending the person's sessions, with from and to in the audit record", async () => {
    const person = await staffWith(t, [{ role: "executor", agencyId: BODY_A.id }]);
    expect(await sessionsOf(t, person.accountId)).toBe(1);
    const res = await post(t, `/admin/staff/${person.accountId}/edit`, admin, {
      role_0: "head",
      body_0: BODY_A.id,
      role_1: "admin",
      body_1: "*",
    });
    expect(res.statusCode).toBe(303);
    const grants = (await findAccount(db(), person.accountId))?.grants;
    expect(grants).toHaveLength(2);
    expect(grants).toEqual(
      expect.arrayContaining([
        { role: "head", agencyId: BODY_A.id },
        { role: "admin", agencyId: null },
      ]),
    );
    expect(await sessionsOf(t, person.accountId)).toBe(0);
    expect((await get(t, "/admin", person)).statusCode).toBe(303);
    const last = (await auditTrail(db(), "account", person.accountId)).at(-1);
    expect(last).toMatchObject({
      action: "staff.roles_changed",
      actorId: admin.accountId,
      data: {
        grants: {
          from: [{ role: "executor", agencyId: BODY_A.id }],
          to: [
            { role: "head", agencyId: BODY_A.id },
            { role: "admin", agencyId: null },
          ],
        },
        sessionsEnded: 1,
      },
    });
  });

  it("saving unchanged roles changes nothing and keeps the person signed in", async () => {
    const person = await staffWith(t, [{ role: "moderator", agencyId: BODY_A.id }]);
    const before = await auditCount(t);
    const res = await post(t, `/admin/staff/${person.accountId}/edit`, admin, {
      role_0: "moderator",
      body_0: BODY_A.id,
    });
    expect(res.statusCode).toBe(303);
    expect(await auditCount(t)).toBe(before);
    expect(await sessionsOf(t, person.accountId)).toBe(1);
  });

  it("a body's admin sees and changes only the roles in their body, and cannot act on the account", async () => {
    const adminA = await bodyAdmin(t, BODY_A.id);
    const person = await staffWith(t, [
      { role: "executor", agencyId: BODY_A.id },
      { role: "analyst", agencyId: BODY_B.id },
    ]);
    const page = await get(t, `/admin/staff/${person.accountId}/edit`, adminA);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Roles in other bodies");
    expect(page.body).toContain("Analyst — Akimat of Yesil District, Astana");
    expect(page.body).not.toContain(`value="${BODY_B.id}"`);
    expect(page.body).not.toContain('value="*"');
    expect(page.body).not.toContain("/deactivate");

    const res = await post(t, `/admin/staff/${person.accountId}/edit`, adminA, {
      role_0: "head",
      body_0: BODY_A.id,
    });
    expect(res.statusCode).toBe(303);
    expect((await findAccount(db(), person.accountId))?.grants).toEqual(
      expect.arrayContaining([
        { role: "head", agencyId: BODY_A.id },
        { role: "analyst", agencyId: BODY_B.id },
      ]),
    );
    const before = await auditCount(t);
    const sneaky = await post(t, `/admin/staff/${person.accountId}/edit`, adminA, {
      role_0: "head",
      body_0: BODY_B.id,
    });
    expect(sneaky.statusCode).toBe(403);
    for (const action of ["deactivate", "reset-two-factor"]) {
      const r = await post(t, `/admin/staff/${person.accountId}/${action}`, adminA);
      expect(r.statusCode, action).toBe(403);
    }
    expect(await auditCount(t)).toBe(before);
    const list = await get(t, "/admin/staff", adminA);
    expect(list.body).toContain(`/admin/staff/${person.accountId}/edit`);
    expect(list.body).not.toContain(`/admin/staff/${admin.accountId}/edit`);
  });

  it("re-renders the new-staff form with 400 and the error summary, creating nothing", async () => {
    await post(t, "/admin/staff/new", admin, staffFields({ email: "taken@test.invalid" }));
    const before = await auditCount(t);
    const outbox = async () => (await db().selectFrom("mail_outbox").select("id").execute()).length;
    const mails = await outbox();
    const cases: [Record<string, string>, string[]][] = [
      [
        {
          surname: "",
          given_name: "",
          email: "nope",
          language: "de",
          role_0: "executor",
          body_0: "",
        },
        ["#surname", "#given_name", "#email", "#language", "#role_0"],
      ],
      [{ email: "TAKEN@test.invalid" }, ["#email"]],
      [{ role_0: "executor", body_0: "*" }, ["#role_0"]],
      [{ role_0: "", body_0: "" }, ["#role_0"]],
      [{ role_0: "", body_0: BODY_A.id }, ["#role_0"]],
      [{ role_0: "head", body_0: "ag-no-such-body" }, ["#role_0"]],
    ];
    for (const [overrides, links] of cases) {
      const res = await post(t, "/admin/staff/new", admin, staffFields(overrides));
      const label = JSON.stringify(overrides);
      expect(res.statusCode, label).toBe(400);
      expect(res.body, label).toContain("<title>Error: Add a staff member — Halyq</title>");
      expect(res.body, label).toContain("govuk-error-summary");
      for (const link of links) expect(res.body, `${label} ${link}`).toContain(`href="${link}"`);
    }
    expect(await auditCount(t)).toBe(before);
    expect(await outbox()).toBe(mails);
    const taken = await db()
      .selectFrom("accounts")
      .select("id")
      .where("email", "=", "taken@test.invalid")
      .execute();
    expect(taken).toHaveLength(1);
  });
});
