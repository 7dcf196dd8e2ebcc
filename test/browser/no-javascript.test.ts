import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { hasChromium, launchBrowser } from "../support/browser.js";

describe.runIf(hasChromium())("journeys with JavaScript turned off", () => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    browser = await launchBrowser({ javaScriptEnabled: false, locale: "ru-RU" });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("a resident finds their district akimat and what it answers for", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/`);
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    await page
      .getByRole("navigation", { name: "Другие разделы" })
      .getByRole("link", { name: "Государственные органы" })
      .click();
    await page.getByLabel("Вид органа").selectOption("akimat");
    await page.getByLabel("Название содержит").fill("Байконур");
    await page.getByRole("button", { name: "Показать органы" }).click();
    expect(page.url()).toContain("kind=akimat");
    await page.getByRole("link", { name: "Акимат района «Байконур» города Астаны" }).click();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Акимат района «Байконур» города Астаны",
    );
    expect(await page.textContent("main")).toContain("Дороги, тротуары и уличное освещение");
    await page.getByRole("link", { name: "Акимат города Астаны" }).first().click();
    expect(page.url()).toMatch(/\/agencies\/astana-akimat$/);
  });

  it("switching language keeps the page and is remembered", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/categories`);
    await page.getByRole("link", { name: "Қазақша" }).click();
    expect(new URL(page.url()).pathname).toBe("/categories");
    expect(await page.getAttribute("html", "lang")).toBe("kk");
    await page.goto(`${base}/agencies`);
    expect(await page.getAttribute("html", "lang")).toBe("kk");
    await page.getByRole("link", { name: "English" }).click();
  });

  it("the working-day calculator answers and shows errors without JavaScript", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/calendar?lang=en`);
    await page.getByLabel("Day", { exact: true }).fill("19");
    await page.getByLabel("Month", { exact: true }).fill("3");
    await page.getByLabel("Year", { exact: true }).fill("2025");
    await page.getByLabel("Number of working days").fill("15");
    await page.getByRole("button", { name: "Calculate" }).click();
    expect(await page.textContent(".govuk-panel__title")).toBe("Monday, 14 April 2025");
    await page.getByLabel("Number of working days").fill("fifteen");
    await page.getByRole("button", { name: "Calculate" }).click();
    expect(await page.title()).toMatch(/^Error:/);
    await page.getByRole("link", { name: /whole number/ }).click();
    expect(page.url()).toMatch(/#days$/);
  });
});
