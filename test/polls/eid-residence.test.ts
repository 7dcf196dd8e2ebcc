import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { startOidcProvider } from "../support/oidc-provider.js";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * The territory of a person's registered address comes from the national e-ID (a real
 * OpenID Connect provider here), under a claim name the instance configures; it is set at
 * sign-in, follows the e-ID when it changes, is shown read-only on the account page, and
 * decides whether the person may vote in a residents' poll.
 */
describe.runIf(hasChromium())("the residence from the e-ID", { timeout: 120_000 }, () => {
  let t: TestApp;
  let base: string;
  let provider: Awaited<ReturnType<typeof startOidcProvider>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const accounts = {
    "aigerim-eid": {
      iin: withCheckDigit("95031540012") as string,
      email: "aigerim@eid.example.kz",
      family_name: "Сейітова",
      given_name: "Әйгерім",
      kato_code: "711410000",
    },
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      redirectUris: [`${base}/login/eid/callback`],
      accounts,
      profileClaims: ["kato_code"],
    });
    t = await startTestApp("sqlite", {
      now: new Date().toISOString(),
      env: {
        PUBLIC_URL: base,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_RESIDENCE_CLAIM: "kato_code",
      },
    });
    await t.app.listen({ port, host: "127.0.0.1" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.stop();
  });

  async function signIn() {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${base}/login?lang=en`);
    await page.getByRole("link", { name: "Sign in with e-ID" }).click();
    await page.waitForURL(/\/interaction\//);
    await page.locator("input[name=login]").fill("aigerim-eid");
    await page.locator("input[name=password]").fill("any");
    await page.getByRole("button", { name: "Sign-in" }).click();
    // The provider asks for consent at the first sign-in only.
    const consent = page.getByRole("button", { name: "Continue" });
    await Promise.race([
      page.waitForURL(`${base}/my`),
      consent.waitFor().then(() => consent.click()),
    ]);
    await page.waitForURL(`${base}/my`);
    // A citizen lands on "My Halyq"; the residence is shown on the account page.
    await page.goto(`${base}/account`);
    return page;
  }

  const residence = async () =>
    (
      await t.ctx.db.kysely
        .selectFrom("accounts")
        .select("residence_code")
        .where("iin", "=", accounts["aigerim-eid"].iin)
        .executeTakeFirstOrThrow()
    ).residence_code;

  it("sets the residence at sign-in, shows it read-only, and lets the resident vote", async () => {
    const page = await signIn();
    expect(await residence()).toBe("711410000");
    const main = (await page.textContent("main")) ?? "";
    expect(main).toContain("Baikonur District, Astana, from your e-ID");
    expect(main).not.toContain("711410000");
    expect(
      await page.locator('input[name="residence_code"], input[name="residenceCode"]').count(),
    ).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    const vote = await t.ctx.db.kysely
      .selectFrom("polls")
      .select("id")
      .where("kind", "=", "vote")
      .where("eligibility", "=", "territory")
      .where("status", "=", "scheduled")
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/polls/${vote.id}?lang=en`);
    expect(await page.locator(`form[action="/polls/${vote.id}/ballot"]`).count()).toBe(1);
    await page.close();
  });

  it("follows the e-ID when the registered address moves, and ignores a malformed claim", async () => {
    accounts["aigerim-eid"].kato_code = "711310000";
    let page = await signIn();
    expect(await residence()).toBe("711310000");
    const vote = await t.ctx.db.kysely
      .selectFrom("polls")
      .select("id")
      .where("kind", "=", "vote")
      .where("eligibility", "=", "territory")
      .where("status", "=", "scheduled")
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/polls/${vote.id}?lang=en`);
    expect(await page.locator('[data-testid="not-eligible"]').textContent()).toContain(
      "registered address is elsewhere",
    );
    await page.close();
    accounts["aigerim-eid"].kato_code = "Astana, Kenesary 4";
    page = await signIn();
    expect(await residence()).toBe("711310000");
    await page.close();
  });
});
