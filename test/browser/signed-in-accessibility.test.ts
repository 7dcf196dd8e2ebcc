import fs from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { SIGNED_IN_PAGES, sessionsForPages } from "../support/signed-in-pages.js";

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

describe.runIf(hasChromium())("accessibility of signed-in pages (axe in Chromium)", () => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("axe finds nothing on any signed-in page, in any of the three languages", async () => {
    const sessions = await sessionsForPages(t);
    const failures: string[] = [];
    for (const page of SIGNED_IN_PAGES) {
      for (const lang of ["kk", "ru", "en"]) {
        await browser.context.clearCookies();
        const cookies = sessions[page.as].cookie.split("; ").map((c) => {
          const [name = "", value = ""] = c.split("=");
          return { name, value, url: base };
        });
        await browser.context.addCookies([
          ...cookies,
          { name: "halyq_lang", value: lang, url: base },
        ]);
        const tab = await browser.context.newPage();
        await tab.goto(`${base}${page.path}`);
        expect(new URL(tab.url()).pathname, `${page.as} ${page.path}`).toBe(page.path);
        await tab.evaluate(axeSource);
        const violations = (await tab.evaluate(async () => {
          // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
          const r = await (window as any).axe.run(document, { resultTypes: ["violations"] });
          return r.violations.map(
            (v: { id: string; nodes: { target: string[] }[] }) =>
              `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
          );
        })) as string[];
        for (const v of violations) failures.push(`${lang} ${page.as} ${page.path}: ${v}`);
        await tab.close();
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
