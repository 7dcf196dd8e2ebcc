import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAccount, setGrants } from "../../src/capabilities/identity/account.repository.js";
import { hashPassword } from "../../src/capabilities/identity/auth/passwords.js";
import { currentTotp } from "../../src/capabilities/identity/auth/totp.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { FormClient } from "../support/forms.js";
import { htmlProblems } from "../support/html.js";

describe.each(testDialects())("enrolling the second factor on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    const now = t.clock.now().toISOString();
    const id = await insertAccount(
      t.ctx.db.kysely,
      {
        kind: "staff",
        email: "new.staff@example.kz",
        passwordHash: await hashPassword("first day at work 1"),
        surname: "Жаңа",
        givenName: "Қызметкер",
        patronymic: null,
        iin: null,
        phone: null,
        language: "kk",
        emailConfirmedAt: now,
      },
      now,
    );
    await setGrants(t.ctx.db.kysely, id, [{ role: "registrar", agencyId: "ag-nura-akimat" }], now);
  });
  afterAll(async () => t.close());

  it("a new staff member must enrol before anything else, gets recovery codes once, and a recovery code works once", async () => {
    const c = new FormClient(t, "en");
    const login = await c.submit("/login", "/login", {
      email: "new.staff@example.kz",
      password: "first day at work 1",
    });
    expect(login.headers.location).toBe("/account/two-factor");
    expect((await c.get("/account")).headers.location).toBe("/login/second-factor");
    const setup = await c.get("/account/two-factor");
    expect(setup.body).toContain("<svg");
    const wrong = await c.submit("/account/two-factor", "/account/two-factor", { code: "123456" });
    expect(wrong.statusCode).toBe(400);
    // Each showing of the page makes a new key; the form shown with the error carries the current one.
    const secret =
      /<code class="halyq-code">([A-Z2-7 ]+)<\/code>/.exec(wrong.body)?.[1]?.replace(/ /g, "") ??
      "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(wrong.body)?.[1] ?? "";
    const before = c.jar.get("halyq_session");
    const done = await c.post("/account/two-factor", {
      _csrf: csrf,
      code: currentTotp(secret, t.clock.now()),
    });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<li>([2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4})<\/li>/g)].map(
      (m) => m[1] as string,
    );
    expect(codes).toHaveLength(10);
    expect(await htmlProblems(done.body)).toEqual([]);
    expect(c.jar.get("halyq_session")).not.toBe(before);
    expect((await c.get("/account")).statusCode).toBe(200);

    const next = new FormClient(t, "en");
    await next.submit("/login", "/login", {
      email: "new.staff@example.kz",
      password: "first day at work 1",
    });
    const recovered = await next.submit("/login/second-factor", "/login/second-factor", {
      code: (codes[0] as string).toUpperCase(),
    });
    expect(recovered.headers.location).toBe("/my");
    const third = new FormClient(t, "en");
    await third.submit("/login", "/login", {
      email: "new.staff@example.kz",
      password: "first day at work 1",
    });
    expect(
      (
        await third.submit("/login/second-factor", "/login/second-factor", {
          code: codes[0] as string,
        })
      ).statusCode,
    ).toBe(401);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("action", "like", "account.two_factor%")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
