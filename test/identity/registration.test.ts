import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { FormClient, linkFromOutbox } from "../support/forms.js";

function validIin(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const v = withCheckDigit(`${prefix}${d}`);
    if (v) return v;
  }
  throw new Error("no IIN");
}

function wrongCheckDigit(iin: string): string {
  return `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`;
}

describe.each(testDialects())("registration on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const countAccounts = async () =>
    Number(
      (
        await t.ctx.db.kysely
          .selectFrom("accounts")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const body = (over: Record<string, string> = {}) => ({
    surname: "Нурланова",
    givenName: "Асель",
    iin: validIin("9507214002"),
    email: "asel@example.kz",
    password: "steppe horse river 42",
    language: "kk",
    ...over,
  });

  it("API: an IIN with a wrong check digit gets 400 INVALID_IIN and stores nothing", async () => {
    const before = await countAccounts();
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      headers: { "accept-language": "ru" },
      payload: body({ iin: wrongCheckDigit(validIin("9507214002")) }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("INVALID_IIN");
    expect(res.json().error.message).toMatch(/ИИН/);
    expect(await countAccounts()).toBe(before);
  });

  it("API: registers, mails a confirmation link, and refuses the same e-mail or IIN with 409", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/accounts", payload: body() });
    expect(res.statusCode).toBe(201);
    expect(res.json().emailConfirmationSent).toBe(true);
    expect(await linkFromOutbox(t, "asel@example.kz", "/confirm?token=")).toMatch(
      /^\/confirm\?token=/,
    );
    const sameEmail = await t.app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      payload: body({ iin: validIin("9507214003") }),
    });
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.json().error.code).toBe("ALREADY_REGISTERED");
    const sameIin = await t.app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      payload: body({ email: "other@example.kz" }),
    });
    expect(sameIin.statusCode).toBe(409);
    const weak = await t.app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      payload: body({ email: "w@example.kz", iin: validIin("9507214004"), password: "short" }),
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].field).toBe("password");
    const form = await t.app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "surname=x",
    });
    expect(form.statusCode).toBe(415);
  });

  it.each([
    ["kk", "ЖСН"],
    ["ru", "ИИН"],
    ["en", "IIN"],
  ])(
    "web, %s: a wrong IIN is named in the chosen language and nothing is stored",
    async (lang, word) => {
      const before = await countAccounts();
      const client = new FormClient(t, lang);
      const res = await client.submit(
        "/register",
        "/register",
        body({
          email: `web-${lang}@example.kz`,
          iin: wrongCheckDigit(validIin("8812025003")),
          language: lang,
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("govuk-error-summary");
      expect(res.body).toContain('href="#iin"');
      const summary = /govuk-error-summary__list">(.*?)<\/ul>/s.exec(res.body)?.[1] ?? "";
      expect(summary).toContain(word);
      expect(res.body).toContain(`value="web-${lang}@example.kz"`);
      expect(res.body).not.toContain("steppe horse river");
      expect(await countAccounts()).toBe(before);
    },
  );

  it("web: registration, confirmation by e-mail, sign-in; a taken address gets the same answer", async () => {
    const client = new FormClient(t, "en");
    const email = "dana@example.kz";
    const res = await client.submit(
      "/register",
      "/register",
      body({ email, iin: validIin("0102036004"), language: "en" }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Check your e-mail");
    const again = await new FormClient(t, "en").submit(
      "/register",
      "/register",
      body({ email, iin: validIin("0102036005"), language: "en" }),
    );
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain("Check your e-mail");

    const early = await client.submit("/login", "/login", {
      email,
      password: "steppe horse river 42",
    });
    expect(early.statusCode).toBe(401);
    expect(early.body).toContain("Confirm your e-mail address first");

    const confirm = await client.get(await linkFromOutbox(t, email, "/confirm?token="));
    expect(confirm.body).toContain("E-mail address confirmed");
    const reuse = await client.get(await linkFromOutbox(t, email, "/confirm?token="));
    expect(reuse.statusCode).toBe(400);

    const login = await client.submit("/login", "/login", {
      email,
      password: "steppe horse river 42",
    });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe("/my");
    const account = await client.get("/account");
    expect(account.body).toContain("Нурланова Асель");
    expect(account.body).toContain("Sign out");
  });
});
