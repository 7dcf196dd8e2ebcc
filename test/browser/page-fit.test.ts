import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { crawlSignedIn, pathShape } from "../support/crawl.js";
import { allPublicPaths } from "../support/public-paths.js";
import { signInAsExisting } from "../support/sessions.js";

/** The demo accounts whose pages are walked, besides a visitor's. */
const PEOPLE = {
  citizen: "citizen@demo.halyq.kz",
  registrar: "registrar@demo.halyq.kz",
  executor: "executor@demo.halyq.kz",
  head: "head@demo.halyq.kz",
  moderator: "moderator@demo.halyq.kz",
  analyst: "analyst@demo.halyq.kz",
  admin: "admin@demo.halyq.kz",
} as const;

type Who = "visitor" | keyof typeof PEOPLE;
const LANGS = ["kk", "ru", "en"] as const;
const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 800 };

/**
 * Latin words a Kazakh or Russian page may show: names of the service, formats and standards
 * written the same in every language.
 */
const LATIN_ALLOWED = new Set(
  [
    "halyq",
    "api",
    "csv",
    "json",
    "xml",
    "pdf",
    "png",
    "jpeg",
    "jpg",
    "open311",
    "sms",
    "e-id",
    "egov",
    "gov",
    "atom",
    "openapi",
    "redoc",
    "ical",
    "ics",
    "utf-8",
    "wcag",
    "kato",
    "iin",
    "bin",
    "url",
    "https",
    "http",
    "totp",
    "smtp",
    "docx",
    "odt",
    "zip",
    // Proper names used as they are in Kazakh and Russian text.
    "javascript",
    "axe",
    "creative",
    "commons",
    "chromium",
    "telegram",
    "whatsapp",
    "facebook",
  ].map((w) => w.toLowerCase()),
);

/**
 * The integrators' references: their subject is field names, values and headers, which stay
 * as they are in every language (marked as code where they stand alone).
 */
const DEVELOPER_REFERENCE = /^\/(api\/docs|open-data)(\?|$)/;

interface Fit {
  overflow: number;
  h1Top: number | null;
  innerHeight: number;
  text: string;
}

/** Width beyond the window, where the page's first heading sits, and the text a reader meets in the page's own language. */
async function measureFit(tab: Page): Promise<Fit> {
  return tab.evaluate(() => {
    const pageLang = document.documentElement.lang;
    const own = (el: Element) => {
      const marked = el.closest("[lang]");
      return !marked || marked.getAttribute("lang")?.split("-")[0] === pageLang;
    };
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("script,style,code,pre,kbd,samp,template,[translate=no]")) continue;
      if (!own(el) || !el.checkVisibility()) continue;
      parts.push(n.textContent ?? "");
    }
    for (const el of Array.from(
      document.body.querySelectorAll("[aria-label],[title],[alt],[placeholder]"),
    )) {
      // A part of an image hidden from assistive technology is not read.
      if (!own(el) || el.closest('[aria-hidden="true"]')) continue;
      for (const a of ["aria-label", "title", "alt", "placeholder"])
        parts.push(el.getAttribute(a) ?? "");
    }
    const h1 = document.querySelector("h1");
    return {
      overflow: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
      h1Top: h1 ? h1.getBoundingClientRect().top + window.scrollY : null,
      innerHeight: window.innerHeight,
      text: parts.join(" "),
    };
  });
}

/** Latin words in a Kazakh or Russian page's own text, addresses, e-mails and file names aside. */
export function englishWords(text: string): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+|www\.\S+|\S+@\S+/g, " ")
    .replace(/\S+\.(pdf|png|jpe?g|csv|json|docx?|odt|txt|zip)\b/gi, " ");
  // A token with a digit is a code (IPv6, Open311, a registration number), not a word.
  // A Kazakh ending joined by a hyphen («Halyq-тың», «e-ID-дегі») leaves the name itself.
  const words = (cleaned.match(/[A-Za-z][A-Za-z0-9'’-]*/g) ?? []).map((w) =>
    w.replace(/[-'’]+$/, ""),
  );
  return [
    ...new Set(
      words.filter(
        (w) =>
          w.length >= 3 &&
          !/\d/.test(w) &&
          !LATIN_ALLOWED.has(w.toLowerCase()) &&
          !/^[A-Z-]+$/.test(w),
      ),
    ),
  ];
}

/**
 * Every public page and every page a signed-in person reaches from their menu, in Chromium at a
 * phone's width (360 px) and a desktop's (1280 px), in kk, ru and en, with JavaScript and
 * without: no page scrolls sideways, the page's heading is on the first screen of a phone, and
 * a Kazakh or Russian page shows no English words (GOV.UK's scripts included).
 */
describe.runIf(hasChromium())("every page fits a phone and speaks the page's language", () => {
  let t: TestApp;
  let base: string;
  const pages: { who: Who; path: string; cookie: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    // Pages of one shape (a list of bodies, 15 agency pages) are walked twice at most, and a
    // page a visitor can open is walked as a visitor sees it; each person's home page apart.
    const shapes = new Map<string, number>();
    const add = (who: Who, path: string, cookie: string) => {
      const shape = pathShape(path);
      const n = shapes.get(shape) ?? 0;
      if (n >= 2 && path !== "/") return;
      shapes.set(shape, n + 1);
      pages.push({ who, path, cookie });
    };
    for (const path of await allPublicPaths(t)) add("visitor", path, "");
    for (const [who, email] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, string][]) {
      const { cookie } = await signInAsExisting(t, email);
      for (const path of await crawlSignedIn(t, cookie)) {
        if (path !== "/" && (shapes.get(pathShape(path)) ?? 0) > 0) continue;
        const visitor = await t.app.inject({ method: "GET", url: path });
        if (visitor.statusCode === 200 && path !== "/") add("visitor", path, "");
        else add(who, path, cookie);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`at 360 and 1280 px in kk, ru and en, JavaScript ${javaScriptEnabled ? "on" : "off"}`, async () => {
      const failures: string[] = [];
      let walked = 0;
      for (const lang of LANGS) {
        const browser = await launchBrowser({ viewport: PHONE, javaScriptEnabled });
        try {
          const tab = await browser.context.newPage();
          let current: string | null = null;
          for (const page of pages) {
            if (page.cookie !== current) {
              await browser.context.clearCookies();
              const cookies = page.cookie
                .split("; ")
                .filter(Boolean)
                .map((c) => {
                  const [name = "", value = ""] = c.split("=");
                  return { name, value, url: base };
                });
              await browser.context.addCookies([
                ...cookies,
                { name: "halyq_lang", value: lang, url: base },
              ]);
              current = page.cookie;
            }
            const where = `${lang} ${javaScriptEnabled ? "js" : "no-js"} ${page.who} ${page.path}`;
            await tab.setViewportSize(PHONE);
            await tab.goto(`${base}${page.path}`);
            walked++;
            const phone = await measureFit(tab);
            if (phone.overflow > 0) failures.push(`${where}: ${phone.overflow}px wider than 360`);
            if (phone.h1Top === null) failures.push(`${where}: no h1`);
            else if (phone.h1Top >= phone.innerHeight)
              failures.push(`${where}: h1 at ${Math.round(phone.h1Top)}px, below the first screen`);
            if (lang !== "en" && !DEVELOPER_REFERENCE.test(page.path)) {
              const english = englishWords(phone.text);
              if (english.length > 0) failures.push(`${where}: Latin words ${english.join(", ")}`);
            }
            if (javaScriptEnabled) {
              await tab.setViewportSize(DESKTOP);
              const desktop = await measureFit(tab);
              if (desktop.overflow > 0)
                failures.push(`${where}: ${desktop.overflow}px wider than 1280`);
            }
          }
          await tab.close();
        } finally {
          await browser.close();
        }
      }
      console.info(`page fit: ${walked} page loads, ${pages.length} pages per language`);
      expect(failures).toEqual([]);
    }, 900_000);
  }
});
