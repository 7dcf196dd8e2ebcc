import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceBudgetCycles } from "../../src/capabilities/budgets/jobs.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { wantsMail } from "./projects-support.js";
import { PDF, PNG } from "./proposals-support.js";
import {
  BAIKONUR,
  BAIKONUR_TERRITORY,
  makeCycle,
  makeProposal,
  resident,
  staffMember,
  YESIL_TERRITORY,
} from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
const DAY = 86_400_000;

const TITLE = {
  kk: "Кенесары 40 ауласындағы балалар алаңы",
  ru: "Детская площадка во дворе Кенесары 40",
  en: "Playground in the yard of Kenesary 40",
} as const;

/**
 * The whole participatory budget in one cycle, in a phone-sized Chromium with scripts, in each
 * language: a resident proposes with files → the head names the council and a member admits it
 * with the council's cost → at the vote an over-budget choice is refused, the resident votes and
 * gets a receipt, a resident of another district is refused with the reason → at the close the
 * job publishes the winners → the body reports the project's stages → a follower is mailed and
 * asks a question that becomes an appeal. Every page: its language, axe, no sideways scroll.
 */
describe.runIf(hasChromium())(
  "the participatory budget from proposal to project",
  { timeout: 300_000 },
  () => {
    let t: TestApp;
    let base: string;
    let browser: Browser;

    beforeAll(async () => {
      t = await startTestApp("sqlite");
      base = await listenOnLoopback(t);
      browser = await launchBrowser({ viewport: { width: 360, height: 800 } });
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    async function tabOf(who: SignedIn | null, lang: string): Promise<Page> {
      await browser.context.clearCookies();
      await browser.context.addCookies([
        ...(who?.cookie.split("; ") ?? []).map((c) => {
          const eq = c.indexOf("=");
          return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
        }),
        { name: "halyq_lang", value: lang, url: base },
      ]);
      const tab = await browser.context.newPage();
      tab.setDefaultTimeout(20_000);
      return tab;
    }

    for (const lang of ["kk", "ru", "en"] as const) {
      it(`propose, admit, vote, publish, build, follow and ask (${lang})`, async () => {
        t.clock.set("2025-03-19T05:00:00Z");
        const failures: string[] = [];
        const check = async (tab: Page) => {
          const where = `${lang} ${new URL(tab.url()).pathname}`;
          expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
          for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
          const wide = await tab.evaluate(
            () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
          );
          if (wide) failures.push(`${where}: scrolls sideways at 360 px`);
        };
        const cycle = await makeCycle(t, {
          phase: "proposals",
          territories: [
            { code: BAIKONUR_TERRITORY, amount: 100_000_000 },
            { code: YESIL_TERRITORY, amount: 80_000_000 },
          ],
        });
        const dates = await t.ctx.db.kysely
          .selectFrom("budget_cycles")
          .selectAll()
          .where("id", "=", cycle)
          .executeTakeFirstOrThrow();
        const at = (iso: string, plus = 60_000) => t.clock.set(new Date(Date.parse(iso) + plus));

        // 1. A resident of Baikonur proposes, with a sketch, an estimate and a photo.
        const author = await resident(t, { email: `author-${lang}@test.invalid` });
        await wantsMail(t, author.accountId, lang);
        const tab = await tabOf(author, lang);
        await tab.goto(`${base}/budgets/${cycle}`);
        await check(tab);
        await tab.goto(`${base}/budgets/${cycle}/proposals/new`);
        await check(tab);
        await tab.selectOption("#category", "playgrounds_sports");
        await tab.fill("#title", TITLE[lang]);
        await tab.fill("#description", `${TITLE[lang]}: soft surface, swings and benches.`);
        await tab.fill("#address", "Кенесары, 40");
        await tab.fill("#cost", "20000000");
        await tab.setInputFiles("#sketch", {
          name: "sketch.pdf",
          mimeType: "application/pdf",
          buffer: PDF,
        });
        await tab.setInputFiles("#estimate", {
          name: "estimate.pdf",
          mimeType: "application/pdf",
          buffer: PDF,
        });
        await tab.setInputFiles("#photo", { name: "yard.png", mimeType: "image/png", buffer: PNG });
        await Promise.all([
          tab.waitForURL(/\/submit$/),
          tab.click('button[name="action"][value="submit"]'),
        ]);
        await check(tab);
        await Promise.all([
          tab.waitForURL(/\/proposals\/[0-9a-f-]{36}\?submitted=1$/),
          tab.click("main form button[type=submit]"),
        ]);
        await check(tab);
        const proposal = /\/proposals\/([0-9a-f-]{36})/.exec(tab.url())?.[1] as string;
        await tab.close();
        // A bigger proposal of a neighbour, so that both together do not fit the amount.
        const neighbour = await resident(t);
        const square = await makeProposal(t, cycle, {
          authorId: neighbour.accountId,
          status: "submitted",
          title: "Сквер у школы № 12",
          cost: 90_000_000,
        });

        // 2. Expert review: the head names a member of staff, who admits both with costs.
        at(dates.review_at);
        const head = await staffMember(t, "head");
        const expert = await staffMember(t, "executor");
        const office = await tabOf(head, lang);
        await office.goto(`${base}/office/budgets/${cycle}/council/members`);
        await check(office);
        await office.selectOption("#accountId", expert.accountId);
        await Promise.all([
          office.waitForURL(/\?done=named$/),
          office.click('main form[action$="/members"] button[type=submit]'),
        ]);
        await office.close();
        const member = await tabOf(expert, lang);
        for (const [id, cost] of [
          [proposal, "18 500 000"],
          [square, "90 000 000"],
        ] as const) {
          await member.goto(`${base}/office/budgets/${cycle}/council/${id}`);
          await check(member);
          await member.check("#decision");
          await member.fill("#cost", cost);
          await Promise.all([
            member.waitForURL(/\?done=decided$/),
            member.click('main form[action$="/decision"] button[type=submit]'),
          ]);
        }
        await check(member);
        await member.close();
        const told = await t.ctx.db.kysely
          .selectFrom("mail_outbox")
          .select("subject")
          .where("to_address", "=", `author-${lang}@test.invalid`)
          .execute();
        expect(told.length).toBeGreaterThan(0);

        // 3. The vote: both together are over the amount; one is cast; an outsider is refused.
        at(dates.voting_at);
        const voter = await resident(t);
        const ballot = await tabOf(voter, lang);
        await ballot.goto(`${base}/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`);
        await check(ballot);
        await ballot.check(`input[value="${proposal}"]`);
        await ballot.check(`input[value="${square}"]`);
        await ballot.click("main form button[type=submit]");
        await ballot.waitForSelector(".govuk-error-summary");
        await check(ballot);
        expect((await ballot.locator(".govuk-error-summary").textContent()) ?? "").toMatch(
          /108[\s\u00a0\u202f,]500[\s\u00a0\u202f,]000/,
        );
        await ballot.uncheck(`input[value="${square}"]`);
        await ballot.click("main form button[type=submit]");
        await ballot.waitForSelector('button[value="cast"]');
        await check(ballot);
        await Promise.all([ballot.waitForURL(/\/receipt\?/), ballot.click('button[value="cast"]')]);
        await check(ballot);
        expect(await ballot.locator('[data-testid="receipt-choices"]').textContent()).toContain(
          TITLE[lang],
        );
        await ballot.close();
        const outsider = await resident(t, { residence: YESIL_TERRITORY });
        const refused = await tabOf(outsider, lang);
        await refused.goto(`${base}/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`);
        await check(refused);
        expect(await refused.locator('[data-testid="vote-standing"]').count()).toBe(1);
        expect(await refused.locator('input[name="projectIds[]"]').count()).toBe(0);
        await refused.close();

        // 4. The close: the job publishes the winners once.
        at(dates.results_at, 2 * 60_000);
        await advanceBudgetCycles(t.ctx);
        const results = await tabOf(null, lang);
        await results.goto(`${base}/budgets/${cycle}/results`);
        await check(results);
        expect(
          (await results.locator(`[data-testid="results-${BAIKONUR_TERRITORY}"]`).textContent()) ??
            "",
        ).toContain(TITLE[lang]);
        await results.close();
        const project = await t.ctx.db.kysely
          .selectFrom("budget_projects")
          .select(["id", "amount_allocated"])
          .where("proposal_id", "=", proposal)
          .executeTakeFirstOrThrow();
        expect(Number(project.amount_allocated)).toBe(18_500_000);

        // 5. Implementation: a resident follows; the body reports procurement; the follower is
        // mailed and asks a question that becomes an appeal to the body.
        at(dates.implementation_at, DAY);
        const follower = await resident(t, { email: `follower-${lang}@test.invalid` });
        await wantsMail(t, follower.accountId, lang);
        const phone = await tabOf(follower, lang);
        await phone.goto(`${base}/budgets/${cycle}/projects`);
        await check(phone);
        await phone.goto(`${base}/budgets/projects/${project.id}`);
        await check(phone);
        await Promise.all([
          phone.waitForURL(/\?done=followed$/),
          phone.click(`main form[action="/budgets/projects/${project.id}/follow"] button`),
        ]);
        await phone.close();

        // Months later: a fresh session of the body's head (sessions do not last that long).
        const reporter = await tabOf(await staffMember(t, "head"), lang);
        await reporter.goto(`${base}/office/budgets/projects/${project.id}`);
        await check(reporter);
        const today = new Date(t.clock.now().getTime() - DAY).toISOString().slice(0, 10);
        await reporter.fill("#procurement-actualStart", today);
        await Promise.all([
          reporter.waitForURL(/\?done=stages$/),
          reporter.click(
            `main form[action="/office/budgets/projects/${project.id}/stages"] button[type=submit]`,
          ),
        ]);
        await check(reporter);
        await reporter.close();
        const mailed = await t.ctx.db.kysely
          .selectFrom("mail_outbox")
          .select("subject")
          .where("to_address", "=", `follower-${lang}@test.invalid`)
          .execute();
        expect(mailed.length).toBeGreaterThan(0);

        const asker = await tabOf(follower, lang);
        await asker.goto(`${base}/budgets/projects/${project.id}`);
        await check(asker);
        await asker.fill("#question", "Когда начнутся работы на площадке?");
        await Promise.all([
          asker.waitForURL(/\/appeals\/[^/]+$/),
          asker.click(`main form[action="/budgets/projects/${project.id}/ask"] button`),
        ]);
        await check(asker);
        const number = decodeURIComponent(new URL(asker.url()).pathname.split("/").pop() as string);
        const appeal = await t.ctx.db.kysely
          .selectFrom("appeals")
          .select(["agency_id", "applicant_account_id", "body"])
          .where("number", "=", number)
          .executeTakeFirstOrThrow();
        expect(appeal.agency_id).toBe(BAIKONUR);
        expect(appeal.applicant_account_id).toBe(follower.accountId);
        expect(appeal.body).toContain(`/budgets/projects/${project.id}`);
        await asker.close();
        expect(failures).toEqual([]);
      });
    }
  },
);
