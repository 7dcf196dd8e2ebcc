import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAgency } from "../../src/capabilities/agencies/index.js";
import { makeTestCa, opensslVerifies } from "../documents/test-ca.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { tempDataDir } from "./citizen-support.js";
import { type Cast, castFor, file, step } from "./support.js";

const ANSWER = {
  kk: "Ауладағы шамдар 14 сәуірде ауыстырылады.",
  ru: "Фонари во дворе будут заменены 14 апреля.",
};
const PANEL = { kk: "Қолтаңба жарамды", ru: "Подпись действительна" };

describe.runIf(hasChromium())("a head approves with the body's signature, in Chromium", () => {
  const ca = makeTestCa();
  let t: TestApp;
  let base: string;
  let cast: Cast;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    t = await startTestApp("sqlite", {
      env: { DATA_DIR: tempDataDir(), SIGNING_P12_DIR: ca.dir, SIGNING_P12_PASSWORD: ca.password },
    });
    base = await listenOnLoopback(t);
    cast = await castFor(t);
    const body = await findAgency(t.ctx.db.kysely, cast.agencyId);
    ca.issue(body?.slug ?? "", "Baikonur district akimat");
    browser = await launchBrowser({ acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    fs.rmSync(ca.dir, { recursive: true, force: true });
  });

  async function as(who: SignedIn, lang: string): Promise<Page> {
    await browser.context.clearCookies();
    const cookies = who.cookie.split("; ").map((c) => {
      const [name = "", value = ""] = c.split("=");
      return { name, value, url: base };
    });
    await browser.context.addCookies([...cookies, { name: "halyq_lang", value: lang, url: base }]);
    return browser.context.newPage();
  }
  async function axe(tab: Page, where: string) {
    expect(await tab.getAttribute("html", "lang"), where).toBe(where.slice(0, 2));
    expect(await axeViolations(tab), where).toEqual([]);
  }
  async function downloaded(tab: Page, selector: string): Promise<Buffer> {
    const [download] = await Promise.all([tab.waitForEvent("download"), tab.click(selector)]);
    const path = await download.path();
    return fs.readFileSync(path);
  }

  for (const lang of ["kk", "ru"] as const) {
    it(`the head approves, signs and prints the letter; openssl and the public page accept it (${lang})`, async () => {
      const { number } = await file(t, cast.applicant, { agencyId: cast.agencyId, language: lang });
      await step(t, cast.head, number, "assign", { executorId: cast.executor.accountId });
      await step(t, cast.executor, number, "answer", {
        outcome: "satisfied",
        text: ANSWER[lang],
        language: lang,
      });

      const tab = await as(cast.head, lang);
      await tab.goto(`${base}/office/appeals/${number}`);
      await tab.click("#action-approve summary");
      await Promise.all([
        tab.waitForNavigation(),
        tab.click("#action-approve button[type=submit]"),
      ]);
      expect(new URL(tab.url()).searchParams.get("done")).toBe("approve");
      await axe(tab, `${lang} approved with its letter`);
      const letters = (await tab.textContent("#letters")) ?? "";
      expect(letters).toContain(`${number}/1`);

      const pdf = await downloaded(tab, `#letters a[href$="/letters/1/letter.pdf"]`);
      const p7s = await downloaded(tab, `#letters a[href$="/letters/1/signature.p7s"]`);
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const text = pdf.toString("latin1");
      expect(text).toContain("/Subtype /Image");
      expect(text).toContain(
        `${t.ctx.config.publicUrl}/verify?number=${encodeURIComponent(`${number}/1`)}`,
      );
      expect(opensslVerifies(p7s, pdf, ca.caFile)).toBe(true);

      // The verification page the QR code opens, with no one signed in, fits a phone.
      await browser.context.clearCookies();
      await browser.context.addCookies([{ name: "halyq_lang", value: lang, url: base }]);
      await tab.setViewportSize({ width: 360, height: 800 });
      await tab.goto(`${base}/verify?number=${encodeURIComponent(`${number}/1`)}`);
      await axe(tab, `${lang} verification`);
      expect((await tab.textContent("#verify-result")) ?? "").toContain(PANEL[lang]);
      expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      // The same letter uploaded from the person's computer.
      await tab.setInputFiles("#file", {
        name: "letter.pdf",
        mimeType: "application/pdf",
        buffer: pdf,
      });
      await Promise.all([tab.waitForNavigation(), tab.click("form[enctype] button[type=submit]")]);
      expect((await tab.textContent("#verify-result")) ?? "").toContain(PANEL[lang]);
      await axe(tab, `${lang} verification of a file`);
      await tab.close();
    });
  }
});
