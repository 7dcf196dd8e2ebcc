import type { Page } from "playwright-core";
import type { TestApp } from "./app.js";
import { launchBrowser } from "./browser.js";
import { crawlSignedIn, pathShape } from "./crawl.js";
import { allPublicPaths } from "./public-paths.js";
import { signInAsExisting } from "./sessions.js";

/*
 * The page-fit walk (test/browser/page-fit-*.test.ts): every public page and every page the demo
 * people reach from their menus, at a phone's width (360 px) and a desktop's (1280 px), with
 * JavaScript and without. Its findings: sideways scroll of the page or of its header and menu, a
 * heading below a phone's first screen, a menu not folded behind its button on a phone with
 * JavaScript (or not opening and closing with it), a menu not shown as a list otherwise, an
 * unexpected status, and English words on a Kazakh or Russian page.
 */

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

export type Who = "visitor" | keyof typeof PEOPLE;
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
    "openssl",
    "xlsx",
    "excel",
    "ncalayer",
    "pkcs",
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
  /** Width of the header or the menu beyond the window, clipped or not (0 when none). */
  chromeOverflow: number;
  h1Top: number | null;
  innerHeight: number;
  text: string;
  /** GOV.UK's "Menu" button: absent when the menu has a single link. */
  button: { present: boolean; visible: boolean; expanded: string | null };
  list: { present: boolean; visible: boolean };
}

/**
 * Width beyond the window (of the page, and of its header and menu), where the page's first
 * heading sits, the state of the menu and its button, and the text a reader meets in the page's
 * own language.
 */
async function measureFit(tab: Page): Promise<Fit> {
  return tab.evaluate(() => {
    const w = window.innerWidth;
    const over = (el: Element | null) =>
      el ? Math.max(0, Math.ceil(el.getBoundingClientRect().right) - w, el.scrollWidth - w) : 0;
    const shown = (el: HTMLElement | null) =>
      !!el &&
      !el.hidden &&
      el.getClientRects().length > 0 &&
      getComputedStyle(el).display !== "none";
    const button = document.querySelector<HTMLElement>(".govuk-service-navigation__toggle");
    const list = document.querySelector<HTMLElement>(".govuk-service-navigation__list");
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
      overflow: Math.max(0, document.documentElement.scrollWidth - w),
      chromeOverflow: Math.max(
        over(document.querySelector("header")),
        over(document.querySelector(".govuk-service-navigation")),
      ),
      h1Top: h1 ? h1.getBoundingClientRect().top + window.scrollY : null,
      innerHeight: window.innerHeight,
      text: parts.join(" "),
      button: {
        present: button !== null,
        visible: shown(button),
        expanded: button?.getAttribute("aria-expanded") ?? null,
      },
      list: { present: list !== null, visible: shown(list) },
    };
  });
}

/** Latin words in a Kazakh or Russian page's own text, addresses, e-mails and file names aside. */
function englishWords(text: string): string[] {
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

export interface WalkedPage {
  who: Who;
  path: string;
  cookie: string;
}

/**
 * The pages walked: every public page as a visitor sees it, and the pages each demo person
 * reaches from their menu, their home page apart; a shape (a list of bodies, 15 agency pages)
 * walked twice at most.
 */
export async function pagesToWalk(t: TestApp): Promise<WalkedPage[]> {
  const pages: WalkedPage[] = [];
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
  return pages;
}

/** The one page of the walk that is expected not to be found. */
const NOT_FOUND = "/no-such-page";

/**
 * Walks `pages` in one language, with JavaScript on or off: each page loaded once at 360 px and
 * measured, then at 1280 px (the window resized, no reload). On a phone with JavaScript the
 * menu must be folded behind its button; on every person's home page the button is pressed to
 * open and close it. Returns the findings, one line each.
 */
export async function walkPages(
  base: string,
  pages: WalkedPage[],
  lang: "kk" | "ru" | "en",
  javaScriptEnabled: boolean,
): Promise<{ failures: string[]; walked: number }> {
  const failures: string[] = [];
  let walked = 0;
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
      const response = await tab.goto(`${base}${page.path}`);
      walked++;
      const status = response?.status();
      // Public pages include error states on purpose (a calendar query with errors answers 400).
      if (!status || status >= 500 || (status === 404) !== (page.path === NOT_FOUND))
        failures.push(`${where}: ${status}`);
      const phone = await measureFit(tab);
      if (phone.overflow > 0) failures.push(`${where}: ${phone.overflow}px wider than 360`);
      if (phone.chromeOverflow > 0)
        failures.push(`${where}: header or menu ${phone.chromeOverflow}px too wide at 360`);
      if (phone.h1Top === null) failures.push(`${where}: no h1`);
      else if (phone.h1Top >= phone.innerHeight)
        failures.push(`${where}: h1 at ${Math.round(phone.h1Top)}px, below the first screen`);
      if (lang !== "en" && !DEVELOPER_REFERENCE.test(page.path)) {
        const english = englishWords(phone.text);
        if (english.length > 0) failures.push(`${where}: Latin words ${english.join(", ")}`);
      }
      if (javaScriptEnabled && phone.button.present) {
        if (!phone.button.visible || phone.button.expanded !== "false" || phone.list.visible)
          failures.push(`${where}: menu not folded behind its button at 360`);
        if (page.path === "/") {
          await tab.click(".govuk-service-navigation__toggle");
          const opened = await measureFit(tab);
          if (opened.button.expanded !== "true" || !opened.list.visible)
            failures.push(`${where}: the Menu button does not open the menu`);
          await tab.click(".govuk-service-navigation__toggle");
          if ((await measureFit(tab)).list.visible)
            failures.push(`${where}: the Menu button does not close the menu`);
        }
      } else if (phone.list.present && (phone.button.visible || !phone.list.visible)) {
        failures.push(`${where}: the menu is not shown as a list at 360`);
      }
      await tab.setViewportSize(DESKTOP);
      // The menu's script hears the change of breakpoint at the next frame.
      if (javaScriptEnabled)
        await tab.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
        );
      const desktop = await measureFit(tab);
      if (desktop.overflow > 0) failures.push(`${where}: ${desktop.overflow}px wider than 1280`);
      if (desktop.chromeOverflow > 0)
        failures.push(`${where}: header or menu ${desktop.chromeOverflow}px too wide at 1280`);
      if (desktop.list.present && (desktop.button.visible || !desktop.list.visible))
        failures.push(`${where}: the menu is not shown as a list at 1280`);
    }
    await tab.close();
  } finally {
    await browser.close();
  }
  return { failures, walked };
}
