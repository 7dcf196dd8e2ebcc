import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceBudgetCycles } from "../../src/capabilities/budgets/jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import {
  BAIKONUR_TERRITORY,
  makeCycle,
  makeProposal,
  page,
  post,
  resident,
  YESIL_TERRITORY,
} from "./support.js";

const LANGS = ["kk", "ru", "en"] as const;

/** Every page of the vote as valid HTML in kk, ru and en, with the words each needs. */
describe.each(testDialects())("the vote's pages on %s", (dialect) => {
  let t: TestApp;
  let cycle: string;
  let a: string;
  let b: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    const author = await resident(t);
    cycle = await makeCycle(t, { phase: "voting" });
    a = await makeProposal(t, cycle, {
      authorId: author.accountId,
      cost: 60_000_000,
      title: "Сквер у школы",
    });
    b = await makeProposal(t, cycle, {
      authorId: author.accountId,
      cost: 50_000_000,
      title: "Освещение аллеи",
    });
    await makeProposal(t, cycle, { authorId: author.accountId, status: "rejected" });
  });
  afterAll(async () => {
    await t.close();
  });

  const valid = async (html: string, what: string) => {
    expect(await htmlProblems(html), what).toEqual([]);
  };

  it("shows the start page, the ballot, an over-budget refusal, the confirmation and the receipt as valid pages", async () => {
    for (const lang of LANGS) {
      const who = await resident(t);
      const start = await page(t, who, `/budgets/${cycle}/vote`, lang);
      expect(start.statusCode).toBe(200);
      expect(start.body).toContain(`/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`);
      await valid(start.body, `start ${lang}`);
      const form = await page(t, who, `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`, lang);
      expect(form.statusCode).toBe(200);
      await valid(form.body, `ballot ${lang}`);
      const over = await t.app.inject({
        method: "POST",
        url: `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`,
        headers: {
          cookie: `${who.cookie}; halyq_lang=${lang}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams([
          ["_csrf", who.csrf],
          ["projectIds[]", a],
          ["projectIds[]", b],
        ]).toString(),
      });
      expect(over.statusCode).toBe(400);
      expect(over.body).toContain("govuk-error-summary");
      expect(over.body).toMatch(/110[\s\u00a0\u202f,]000[\s\u00a0\u202f,]000/);
      await valid(over.body, `over ${lang}`);
      const check = await post(
        t,
        who,
        `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`,
        { "projectIds[]": a },
        lang,
      );
      expect(check.statusCode).toBe(200);
      await valid(check.body, `confirm ${lang}`);
      const seal = /name="seal" value="([^"]+)"/.exec(check.body)?.[1] as string;
      const issued = /name="issued" value="([^"]+)"/.exec(check.body)?.[1] as string;
      const cast = await post(
        t,
        who,
        `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}/cast`,
        { "projectIds[]": a, seal, issued, decision: "cast" },
        lang,
      );
      expect(cast.statusCode).toBe(303);
      const receipt = await page(t, who, cast.headers.location as string, lang);
      expect(receipt.statusCode).toBe(200);
      expect(receipt.body).toContain("Сквер у школы");
      await valid(receipt.body, `receipt ${lang}`);
      const voted = await page(t, who, `/budgets/${cycle}/vote`, lang);
      expect(voted.body).toContain(`/budgets/${cycle}/receipt`);
    }
  });

  it("tells a Yesil resident why they cannot vote in Baikonur's ballot", async () => {
    const yesil = await resident(t, { residence: YESIL_TERRITORY });
    const start = await page(t, yesil, `/budgets/${cycle}/vote`, "en");
    // Yesil takes part too: the start page sends them to their own territory.
    expect(start.body).toContain(`/budgets/${cycle}/vote/${YESIL_TERRITORY}`);
    for (const lang of LANGS) {
      const direct = await page(t, yesil, `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`, lang);
      expect(direct.statusCode).toBe(403);
      if (lang === "en") expect(direct.body).toMatch(/registered address is in another territory/);
      expect(direct.body).not.toContain('name="projectIds[]"');
      await valid(direct.body, `refused ${lang}`);
    }
  });

  it("shows the results, before and after publication, as valid pages", async () => {
    for (const lang of LANGS) {
      const r = await page(t, null, `/budgets/${cycle}/results`, lang);
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('data-testid="results-pending"');
      await valid(r.body, `pending ${lang}`);
    }
    const row = await t.ctx.db.kysely
      .selectFrom("budget_cycles")
      .select("results_at")
      .where("id", "=", cycle)
      .executeTakeFirstOrThrow();
    t.clock.set(new Date(new Date(row.results_at).getTime() + 120_000));
    await advanceBudgetCycles(t.ctx);
    for (const lang of LANGS) {
      const r = await page(t, null, `/budgets/${cycle}/results`, lang);
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain(`data-testid="results-${BAIKONUR_TERRITORY}"`);
      expect(r.body).toContain("govuk-tag--green");
      await valid(r.body, `results ${lang}`);
    }
  });
});
