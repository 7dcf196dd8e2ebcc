import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { BAIKONUR, citizen, moveTo, resume, staff } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const TEXT: Record<string, { title: string; paragraphs: string[]; comments: string[] }> = {
  kk: {
    title: "Аула тазалығы қағидалары",
    paragraphs: ["Аулалар күн сайын тазартылады.", "Қоқыс аптасына екі рет шығарылады."],
    comments: ["Қоқысты аптасына үш рет шығару керек.", "Аулаларды таңертең ерте тазартқан жөн."],
  },
  ru: {
    title: "Правила чистоты дворов",
    paragraphs: ["Дворы убираются ежедневно.", "Мусор вывозится два раза в неделю."],
    comments: ["Мусор нужно вывозить три раза в неделю.", "Убирать дворы лучше рано утром."],
  },
  en: {
    title: "Rules for clean yards",
    paragraphs: ["Yards are cleaned every day.", "Rubbish is collected twice a week."],
    comments: ["Rubbish should be collected three times a week.", "Yards are best cleaned early."],
  },
};

/**
 * A draft's whole discussion through the pages only, each person in a browser of their own:
 * the head publishes a draft, two citizens comment on its paragraphs and one agrees with the
 * other, the window closes, the head answers every comment and publishes the report, which
 * anyone can read. Axe runs on every page on the way.
 */
describe.runIf(hasChromium())(
  "a draft from publication to report in Chromium",
  { timeout: 120_000 },
  () => {
    let t: TestApp;
    let base: string;
    let headBrowser: Browser;
    let aliceBrowser: Browser;
    let bobBrowser: Browser;

    beforeAll(async () => {
      t = await startTestApp("sqlite", {
        now: "2025-03-19T05:00:00Z",
        env: { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "halyq-consultation-journey-")) },
      });
      base = await listenOnLoopback(t);
      [headBrowser, aliceBrowser, bobBrowser] = await Promise.all([
        launchBrowser(),
        launchBrowser(),
        launchBrowser(),
      ]);
    });
    afterAll(async () => {
      await Promise.all([headBrowser?.close(), aliceBrowser?.close(), bobBrowser?.close()]);
      await t?.close();
    });

    /** A tab of `browser` signed in as `who` (or nobody), reading `lang`. */
    async function tabOf(browser: Browser, who: SignedIn | null, lang: string): Promise<Page> {
      await browser.context.clearCookies();
      await browser.context.addCookies([
        ...(who?.cookie.split("; ") ?? []).map((c) => {
          const eq = c.indexOf("=");
          return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
        }),
        { name: "halyq_lang", value: lang, url: base },
      ]);
      return browser.context.newPage();
    }

    for (const lang of ["kk", "ru", "en"]) {
      it(`publishes, takes comments on paragraphs, answers them and reports (${lang})`, async () => {
        moveTo(t, "2025-03-19");
        const text = TEXT[lang] as (typeof TEXT)[string];
        const failures: string[] = [];
        const axe = async (tab: Page) => {
          const where = `${lang} ${new URL(tab.url()).pathname}${new URL(tab.url()).search}`;
          expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
          for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
        };
        const submit = async (tab: Page, form: string, url: RegExp) => {
          await Promise.all([
            tab.waitForURL(url),
            tab.locator(`main ${form} button[type=submit]`).first().click(),
          ]);
          await axe(tab);
        };
        const main = async (tab: Page) => (await tab.locator("main").textContent()) ?? "";

        // The head publishes the draft.
        let head = await staff(t, "head", BAIKONUR);
        const office = await tabOf(headBrowser, head, lang);
        await office.goto(`${base}/office/consultations`);
        await axe(office);
        await Promise.all([
          office.waitForURL(/\/office\/consultations\/new$/),
          office.click('main a[href="/office/consultations/new"]'),
        ]);
        await axe(office);
        await submit(office, "form", /\/office\/consultations$/);
        expect(await office.locator(".govuk-error-summary").count()).toBe(1);
        await office.check("#type");
        for (const l of ["kk", "ru", "en"]) {
          await office.fill(`#title_${l}`, `${TEXT[l]?.title}`);
          await office.fill(`#summary_${l}`, `${TEXT[l]?.title}.`);
        }
        await office.fill(`#text_${lang}`, text.paragraphs.join("\n\n"));
        await office.setInputFiles("#file", {
          name: `annex-${lang}.pdf`,
          mimeType: "application/pdf",
          buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
        });
        await submit(office, "form", /\/office\/consultations\/[0-9a-f-]{36}\?done=published$/);
        const id = /consultations\/([0-9a-f-]{36})/.exec(office.url())?.[1] ?? "";

        // The public list shows it; the first citizen comments on paragraph 2.
        let alice = await citizen(t);
        let bob = await citizen(t);
        const mine = await tabOf(aliceBrowser, alice, lang);
        await mine.goto(`${base}/consultations`);
        await axe(mine);
        await Promise.all([
          mine.waitForURL(new RegExp(`/consultations/${id}$`)),
          mine.click(`main a[href="/consultations/${id}"]`),
        ]);
        await axe(mine);
        expect(await main(mine)).toContain(text.paragraphs[1]);
        const annex = mine.locator(`#files a[href^="/consultations/${id}/files/"]`);
        expect(await annex.textContent()).toBe(`annex-${lang}.pdf`);
        await mine.click("#p-2 summary");
        await mine.fill("#comment-2", text.comments[0] as string);
        await submit(mine, "#p-2 form", /\?done=comment/);
        expect(await main(mine)).toContain(text.comments[0]);

        // The second citizen comments on paragraph 1 and agrees with the first.
        const theirs = await tabOf(bobBrowser, bob, lang);
        await theirs.goto(`${base}/consultations/${id}`);
        await axe(theirs);
        await theirs.click("#p-1 summary");
        await theirs.fill("#comment-1", text.comments[1] as string);
        await submit(theirs, "#p-1 form", /\?done=comment/);
        await submit(theirs, '#p-2 form[action$="/vote"]', /\?done=vote/);
        expect(await theirs.locator('#p-2 button[value="none"]').count()).toBe(1);

        // The window closes; a late comment gets no form.
        moveTo(t, "2025-04-08");
        [head, alice, bob] = await Promise.all([resume(t, head), resume(t, alice), resume(t, bob)]);
        const late = await tabOf(aliceBrowser, alice, lang);
        await late.goto(`${base}/consultations/${id}`);
        await axe(late);
        expect(await late.locator('main textarea[name="text"]').count()).toBe(0);
        expect(await late.locator("main .govuk-inset-text").count()).toBe(1);

        // The head answers both comments and publishes the report.
        const desk = await tabOf(headBrowser, head, lang);
        await desk.goto(`${base}/office/consultations/${id}`);
        await axe(desk);
        const items = desk.locator("main li.halyq-comment");
        expect(await items.count()).toBe(2);
        for (const [i, answer] of [
          [0, "partly_accepted"],
          [1, "rejected"],
        ] as const) {
          const item = desk.locator("main li.halyq-comment").nth(i);
          await item.locator("summary").click();
          await item.locator(`input[name="answer"][value="${answer}"]`).check();
          await item.locator('textarea[name="reason"]').fill(`Reason ${i + 1} (${lang})`);
          await Promise.all([
            desk.waitForURL(/\?done=answer/),
            item.locator("button[type=submit]").click(),
          ]);
          await axe(desk);
        }
        await submit(desk, 'form[action$="/report"]', /\?done=report$/);

        // Anyone reads the report: every comment with its answer; the CSV downloads.
        const reader = await tabOf(bobBrowser, null, lang);
        await reader.goto(`${base}/consultations/${id}`);
        await axe(reader);
        await Promise.all([
          reader.waitForURL(new RegExp(`/consultations/${id}/report$`)),
          reader.click(`main a[href="/consultations/${id}/report"]`),
        ]);
        await axe(reader);
        const report = await main(reader);
        for (const s of [...text.comments, `Reason 1 (${lang})`, `Reason 2 (${lang})`])
          expect(report).toContain(s);
        expect(await reader.locator("main tbody tr").count()).toBe(2);
        const csv = await reader.request.get(`${base}/consultations/${id}/report.csv`);
        expect(csv.status()).toBe(200);
        expect((await csv.body()).subarray(0, 3).toString("hex")).toBe("efbbbf");

        // The feed is well-formed XML to a real parser.
        const feed = await reader.evaluate(async () => {
          const xml = await (await fetch("/consultations/feed.atom")).text();
          const doc = new DOMParser().parseFromString(xml, "application/xml");
          return {
            error: doc.getElementsByTagName("parsererror").length,
            root: doc.documentElement.namespaceURI,
          };
        });
        expect(feed).toEqual({ error: 0, root: "http://www.w3.org/2005/Atom" });
        await reader.goto(`${base}/consultations/rules`);
        await axe(reader);

        await Promise.all([
          office.close(),
          mine.close(),
          theirs.close(),
          late.close(),
          desk.close(),
          reader.close(),
        ]);
        expect(failures).toEqual([]);
      });
    }
  },
);
