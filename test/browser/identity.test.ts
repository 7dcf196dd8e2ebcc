import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotp } from "../../src/capabilities/identity/auth/totp.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/capabilities/identity/demo-accounts.js";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { startOidcProvider } from "../support/oidc-provider.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function iin(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const v = withCheckDigit(`${prefix}${d}`);
    if (v) return v;
  }
  throw new Error("no IIN");
}

describe.runIf(hasChromium())("people and sign-in in Chromium", { timeout: 60_000 }, () => {
  let t: TestApp;
  let base: string;
  let smtp: SmtpSink;
  let provider: Awaited<ReturnType<typeof startOidcProvider>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const eidIin = iin("9205104005");

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    smtp = await startSmtpSink();
    provider = await startOidcProvider({
      redirectUris: [`${base}/login/eid/callback`],
      accounts: {
        "erlan-eid": {
          iin: eidIin,
          email: "erlan@eid.example.kz",
          family_name: "Серікбаев",
          given_name: "Ерлан",
          middle_name: "Маратұлы",
        },
      },
    });
    t = await startTestApp("sqlite", {
      now: new Date().toISOString(),
      env: {
        PUBLIC_URL: base,
        SMTP_URL: smtp.url,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
      },
    });
    await t.app.listen({ port, host: "127.0.0.1" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.stop();
    await smtp?.stop();
  });

  it("registers, confirms by the e-mail that came through SMTP, signs in, switches language, resets the password", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/register?lang=en`);
    await page.getByLabel("Surname").fill("Абенова");
    await page.getByLabel("Given name").fill("Жанар");
    await page.getByLabel("IIN").fill(iin("9706256006"));
    await page.getByLabel("E-mail address").fill("zhanar@example.kz");
    await page.getByLabel("Password", { exact: true }).fill("apricot mountain lake 7");
    await page.getByLabel("English").check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Check your e-mail",
    );

    const letter = await smtp.waitFor("zhanar@example.kz", /\/confirm\?token=/);
    const confirm = /https?:\/\/\S+\/confirm\?token=\S+/.exec(letter)?.[0] ?? "";
    await page.goto(confirm);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "E-mail address confirmed",
    );

    await page.getByRole("link", { name: "Sign in" }).first().click();
    await page.getByLabel("E-mail address").fill("zhanar@example.kz");
    await page.getByLabel("Password").fill("apricot mountain lake 7");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // A citizen lands on "My Halyq"; the account keeps their details.
    expect(new URL(page.url()).pathname).toBe("/my");
    await page.getByRole("link", { name: "Your account", exact: true }).click();
    expect(await page.textContent("main")).toContain("Абенова Жанар");

    await page.getByRole("link", { name: "Русский" }).click();
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    expect(new URL(page.url()).pathname).toBe("/account");

    await page.getByRole("button", { name: "Выйти", exact: true }).click();
    await page.goto(`${base}/password/forgot`);
    await page.getByLabel("Адрес электронной почты").fill("zhanar@example.kz");
    await page.getByRole("button").filter({ hasText: /ссылк/i }).click();
    const reset = await smtp.waitFor("zhanar@example.kz", /\/password\/reset\?token=/);
    await page.goto(/https?:\/\/\S+\/password\/reset\?token=\S+/.exec(reset)?.[0] ?? "");
    await page.getByLabel("Новый пароль").fill("a fresh long password 9");
    await page
      .getByRole("button")
      .filter({ hasText: /пароль/i })
      .click();
    await page.getByLabel("Адрес электронной почты").fill("zhanar@example.kz");
    await page.getByLabel("Пароль").fill("a fresh long password 9");
    await page.locator("form[action='/login'] button").click();
    expect(new URL(page.url()).pathname).toBe("/my");
  });

  it("a staff member signs in with password and TOTP code", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel("E-mail address").fill("executor@demo.halyq.kz");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    expect(new URL(page.url()).pathname).toBe("/login/second-factor");
    await page.goto(`${base}/account`);
    expect(new URL(page.url()).pathname).toBe("/login/second-factor");
    await page.getByLabel("Security code").fill(currentTotp(DEMO_TOTP_SECRET, new Date()));
    await page.getByRole("button", { name: "Continue" }).click();
    // Staff land on their tasks.
    expect(new URL(page.url()).pathname).toBe("/office/tasks");
    await page.goto(`${base}/account`);
    expect(await page.textContent("main")).toContain("Executor");
  });

  it("signs in through the national e-ID (OpenID Connect) and links the account by IIN", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${base}/login?lang=en`);
    await page.getByRole("link", { name: "Sign in with e-ID" }).click();
    await page.waitForURL(/\/interaction\//).catch(async (err) => {
      throw new Error(`${err}\nAt ${page.url()}:\n${(await page.content()).slice(0, 2000)}`);
    });
    await page.locator("input[name=login]").fill("erlan-eid");
    await page.locator("input[name=password]").fill("any");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${base}/my`);
    await page.goto(`${base}/account`);
    expect(await page.textContent("main")).toContain("Серікбаев Ерлан Маратұлы");
    const row = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select(["iin", "oidc_subject"])
      .where("iin", "=", eidIin)
      .executeTakeFirst();
    expect(row?.oidc_subject).toBe("erlan-eid");
  });
});
