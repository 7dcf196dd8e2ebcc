import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import { file } from "../appeals/support.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { BAIKONUR, create, post, staff } from "./support.js";

describe.runIf(hasChromium())("publications and the survey in Chromium (axe)", () => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(who: SignedIn | null, paths: string[]): Promise<string[]> {
    const failures: string[] = [];
    for (const lang of ["kk", "ru", "en"]) {
      await browser.context.clearCookies();
      const cookies = (who?.cookie.split("; ") ?? []).map((c) => {
        const [name = "", value = ""] = c.split("=");
        return { name, value, url: base };
      });
      await browser.context.addCookies([
        ...cookies,
        { name: "halyq_lang", value: lang, url: base },
      ]);
      for (const path of paths) {
        const tab = await browser.context.newPage();
        const errors: string[] = [];
        tab.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        const res = await tab.goto(`${base}${path}`);
        expect(res?.status(), `${lang} ${path}`).toBeLessThan(400);
        for (const v of await axeViolations(tab)) failures.push(`${lang} ${path}: ${v}`);
        for (const e of errors) failures.push(`${lang} ${path}: console ${e}`);
        await tab.close();
      }
    }
    return failures;
  }

  it("public pages: axe finds nothing in kk, ru and en, the chart included", async () => {
    const paths = [
      // The survey's pages too, when this build has it.
      ...(
        await Promise.all(
          capabilities
            .filter((c) => c.name === "publications" || c.name === "survey")
            .map(async (c) => (await c.publicPaths?.(t.ctx)) ?? []),
        )
      ).flat(),
      "/agencies/baikonur-district-akimat",
      "/agencies/baikonur-district-akimat/information",
      "/agencies/baikonur-district-akimat/information/leadership",
    ].filter((p) => !p.endsWith(".atom"));
    expect(await check(null, paths)).toEqual([]);
  }, 180_000);

  it("office pages and the survey where appeals place it: axe finds nothing", async () => {
    const executor = await staff(t, "executor");
    const draft = await create(t, executor);
    await post(t, executor, `/office/publications/${draft}/submit`, {});
    const head = await staff(t, "head");
    expect(
      await check(head, [
        "/office/publications",
        "/office/publications/new?kind=news",
        `/office/publications/new?kind=information&agencyId=${BAIKONUR}&section=budget`,
        `/office/publications/${draft}`,
      ]),
    ).toEqual([]);
    const citizen = await signInAs(t, { kind: "citizen" });
    const { number } = await file(t, citizen);
    expect(await check(citizen, [`/appeals/${encodeURIComponent(number)}/slip?new=1`])).toEqual([]);
  }, 180_000);
});
