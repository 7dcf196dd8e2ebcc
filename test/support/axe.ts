import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { inject } from "vitest";

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/**
 * Structures (page outline and language, see `pageOutline`) axe has already found clean in this
 * run, one empty file each, shared by the test workers: a journey comes back to the same page in
 * the same state (a second signer, a second co-initiator, the desk after each answer), and the
 * journeys and the site-wide sweep meet the same public pages. Their words change, their
 * structure does not. The global setup removes the folder with the run's templates.
 */
function cleanMarker(key: string): string {
  const dir = path.join(os.tmpdir(), `halyq-templates-${inject("testRun")}`, "axe-clean");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, key);
}

const preloaded = new WeakSet<BrowserContext>();

const hash = (s: string) => createHash("sha256").update(s).digest("hex");

/** Sweep counts of this worker, for the tests that check the rule below is in force. */
export const axeCounts = { swept: 0, skipped: 0 };

/**
 * Runs axe (all rules but experimental ones) on the page as it stands; one line per violation.
 * Axe runs once per structure, and in every language where the words shape the layout:
 * - a page whose outline, in the same language, is identical to one axe has already found
 *   clean in this run is not swept again: the two differ only in the words they show, never
 *   in an element, an attribute, a name's presence, an id or a `lang`;
 * - a page that is not the home page and has no form or table in `main` is not swept again if
 *   its outline is identical to one found clean in another language. The home page, forms and
 *   tables are swept in every language: their words wrap labels and buttons and size columns.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const lang = await page.getAttribute("html", "lang");
  const outline = await pageOutline(page);
  const inThisLanguage = cleanMarker(hash(`${lang}\n${outline}`));
  const inAnyLanguage = cleanMarker(hash(`*\n${outline}`));
  const layoutByWords =
    new URL(page.url()).pathname === "/" ||
    (await page.locator("main form, main table").count()) > 0;
  if (fs.existsSync(inThisLanguage) || (!layoutByWords && fs.existsSync(inAnyLanguage))) {
    axeCounts.skipped++;
    return [];
  }
  axeCounts.swept++;
  // After its first sweep, a browser context loads axe into every page at its start, which
  // costs Chromium about a third of evaluating axe's source into each page afterwards.
  if (!preloaded.has(page.context())) {
    preloaded.add(page.context());
    await page.context().addInitScript(axeSource);
  }
  // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
  if (!(await page.evaluate(() => typeof (window as any).axe?.run === "function")))
    await page.evaluate(axeSource);
  const violations: string[] = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map(
      (v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) =>
        `${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
  if (violations.length === 0) {
    fs.writeFileSync(inThisLanguage, "");
    fs.writeFileSync(inAnyLanguage, "");
  }
  return violations;
}

/**
 * The page's structure without its words: every element with its attributes in document order,
 * where text and the attributes that carry words (alt, title, ARIA labels and descriptions,
 * placeholders, values, a meta tag's words, the page's own `lang`, which `axeViolations` keys
 * on) are reduced to whether they are empty. Other `lang` attributes, ids,
 * classes, roles, hrefs, inline styles and the viewport's meta tag are kept as they are. The language switcher
 * is left out: it marks the current language, so it differs between languages by design (the
 * same on every page).
 */
export async function pageOutline(page: Page): Promise<string> {
  return page.evaluate(() => {
    const WORDS = new Set([
      "alt",
      "title",
      "aria-label",
      "aria-description",
      "aria-roledescription",
      "aria-valuetext",
      "placeholder",
      "value",
    ]);
    const out: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        if ((node.textContent ?? "").trim() !== "" && out.at(-1) !== "#") out.push("#");
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const el = node as Element;
      const words = (name: string) =>
        WORDS.has(name) ||
        (name === "lang" && el === document.documentElement) ||
        (name === "content" && el.localName === "meta" && el.getAttribute("name") !== "viewport");
      const attrs = Array.from(el.attributes)
        .map((a) => `${a.name}=${words(a.name) ? (a.value.trim() ? "#" : "") : a.value}`)
        .sort();
      out.push(`<${el.localName}${attrs.length ? ` ${attrs.join(" ")}` : ""}>`);
      if (el.localName === "style") {
        out.push(el.textContent ?? "", "</style>");
        return;
      }
      if (el.classList.contains("govuk-language-navigation")) return;
      el.childNodes.forEach(walk);
      out.push(`</${el.localName}>`);
    };
    walk(document.documentElement);
    return out.join("\n");
  });
}
