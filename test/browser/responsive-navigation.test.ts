import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleGrant } from "../../src/kernel/permissions.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

const BODY = "ag-baikonur-akimat";

type Who = "visitor" | "citizen" | "registrar" | "executor" | "admin";

const GRANTS: Record<Exclude<Who, "visitor" | "citizen">, RoleGrant[]> = {
  registrar: [{ role: "registrar", agencyId: BODY }],
  executor: [{ role: "executor", agencyId: BODY }],
  admin: [{ role: "admin", agencyId: null }],
};

/** The pages walked: every public section of the menu, and a few a signed-in person opens. */
const PAGES: { who: Who; path: string }[] = [
  { who: "visitor", path: "/" },
  { who: "visitor", path: "/appeals" },
  { who: "visitor", path: "/petitions" },
  { who: "visitor", path: "/participation" },
  { who: "visitor", path: "/reception" },
  { who: "visitor", path: "/statistics" },
  { who: "visitor", path: "/agencies" },
  { who: "citizen", path: "/account" },
  { who: "registrar", path: "/office/appeals" },
  { who: "executor", path: "/office/appeals" },
  { who: "admin", path: "/admin" },
];

const VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 1280, height: 800 },
];

interface Measured {
  /** Width of the page beyond the window (0 when none). */
  pageOverflow: number;
  /** Width of the header or the menu beyond the window (0 when none). */
  chromeOverflow: number;
  h1Top: number | null;
  innerHeight: number;
  /** GOV.UK's "Menu" button: absent when the menu has a single link. */
  button: { present: boolean; visible: boolean; expanded: string | null };
  listVisible: boolean;
}

/**
 * The site's header and menu at a phone's and a desktop's size, in the three languages, with
 * JavaScript and without: nothing of them wider than the window, the page's heading on the
 * first screen, and GOV.UK's "Menu" button folding the menu on the phone when scripts run.
 */
describe.runIf(hasChromium())("the header and menu on a phone and a desktop (Chromium)", () => {
  let t: TestApp;
  let base: string;
  const sessions: Partial<Record<Who, SignedIn>> = {};

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    sessions.citizen = await signInAs(t);
    for (const who of ["registrar", "executor", "admin"] as const) {
      sessions[who] = await signInAs(t, { grants: GRANTS[who] });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("fits 360 × 640 and 1280 × 800 in kk, ru and en, with and without JavaScript", async () => {
    const failures: string[] = [];
    const tableOverflows = new Set<string>();
    for (const viewport of VIEWPORTS) {
      for (const javaScriptEnabled of [true, false]) {
        for (const lang of ["kk", "ru", "en"]) {
          const browser = await launchBrowser({ viewport, javaScriptEnabled });
          try {
            for (const page of PAGES) {
              const where = `${viewport.width}px ${javaScriptEnabled ? "js" : "no-js"} ${lang} ${page.who} ${page.path}`;
              await browser.context.clearCookies();
              const session = sessions[page.who];
              const cookies = (session?.cookie.split("; ") ?? []).map((c) => {
                const [name = "", value = ""] = c.split("=");
                return { name, value, url: base };
              });
              await browser.context.addCookies([
                ...cookies,
                { name: "halyq_lang", value: lang, url: base },
              ]);
              const tab = await browser.context.newPage();
              const response = await tab.goto(`${base}${page.path}`);
              if (response?.status() !== 200) failures.push(`${where}: ${response?.status()}`);
              const m = await measure(tab);
              if (m.chromeOverflow > 0)
                failures.push(`${where}: header or menu ${m.chromeOverflow}px too wide`);
              if (m.pageOverflow > 0) tableOverflows.add(`${viewport.width}px ${page.path}`);
              if (m.h1Top === null || m.h1Top >= m.innerHeight)
                failures.push(`${where}: h1 at ${m.h1Top}, below ${m.innerHeight}`);
              const narrow = viewport.width < 641;
              if (javaScriptEnabled && narrow && m.button.present) {
                if (!m.button.visible || m.button.expanded !== "false" || m.listVisible)
                  failures.push(`${where}: menu not folded behind its button`);
                await tab.click(".govuk-service-navigation__toggle");
                const opened = await measure(tab);
                if (opened.button.expanded !== "true" || !opened.listVisible)
                  failures.push(`${where}: the Menu button does not open the menu`);
                await tab.click(".govuk-service-navigation__toggle");
                if ((await measure(tab)).listVisible)
                  failures.push(`${where}: the Menu button does not close the menu`);
              } else if (m.button.visible || !m.listVisible) {
                failures.push(`${where}: the menu is not shown as a list`);
              }
              await tab.close();
            }
          } finally {
            await browser.close();
          }
        }
      }
    }
    // A page whose own content (a table) is wider than a phone is a separate finding: listed,
    // not failed, as long as the header and menu fit.
    if (tableOverflows.size > 0)
      console.info(`pages wider than the window: ${[...tableOverflows].join(", ")}`);
    expect(failures).toEqual([]);
  }, 900_000);

  it("axe finds nothing with the phone's menu open, nor on the 403 page, in kk, ru and en", async () => {
    const failures: string[] = [];
    const cases = [
      { who: "visitor" as const, path: "/participation", open: true },
      { who: "executor" as const, path: "/office/appeals", open: true },
      { who: "citizen" as const, path: "/office/appeals", open: false },
      { who: "executor" as const, path: "/admin", open: false },
    ];
    for (const lang of ["kk", "ru", "en"]) {
      const browser = await launchBrowser({ viewport: { width: 360, height: 640 } });
      try {
        for (const c of cases) {
          await browser.context.clearCookies();
          const cookies = (sessions[c.who]?.cookie.split("; ") ?? []).map((x) => {
            const [name = "", value = ""] = x.split("=");
            return { name, value, url: base };
          });
          await browser.context.addCookies([
            ...cookies,
            { name: "halyq_lang", value: lang, url: base },
          ]);
          const tab = await browser.context.newPage();
          await tab.goto(`${base}${c.path}`);
          if (c.open) await tab.click(".govuk-service-navigation__toggle");
          for (const v of await axeViolations(tab))
            failures.push(`${lang} ${c.who} ${c.path}: ${v}`);
          await tab.close();
        }
      } finally {
        await browser.close();
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

async function measure(tab: import("playwright-core").Page): Promise<Measured> {
  return tab.evaluate(() => {
    const w = window.innerWidth;
    const over = (el: Element | null) =>
      el ? Math.max(0, Math.ceil(el.getBoundingClientRect().right) - w, el.scrollWidth - w) : 0;
    const button = document.querySelector<HTMLElement>(".govuk-service-navigation__toggle");
    const list = document.querySelector<HTMLElement>(".govuk-service-navigation__list");
    const shown = (el: HTMLElement | null) =>
      !!el &&
      !el.hidden &&
      el.getClientRects().length > 0 &&
      getComputedStyle(el).display !== "none";
    const h1 = document.querySelector("h1");
    return {
      pageOverflow: Math.max(0, document.documentElement.scrollWidth - w),
      chromeOverflow: Math.max(
        over(document.querySelector("header")),
        over(document.querySelector(".govuk-service-navigation")),
      ),
      h1Top: h1 ? h1.getBoundingClientRect().top + window.scrollY : null,
      innerHeight: window.innerHeight,
      button: {
        present: button !== null,
        visible: shown(button),
        expanded: button?.getAttribute("aria-expanded") ?? null,
      },
      listVisible: shown(list),
    };
  });
}
