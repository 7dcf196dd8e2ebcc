import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialogueMeasures } from "../../src/capabilities/dialogue/measures.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { api, castFor, citizen, page, published, YESIL, YESIL_SLUG } from "./support.js";

/**
 * Unanswered questions age in the body's working days: Nauryz (21–25 March 2025, with the
 * weekend days moved) and weekends do not count.
 */
describe.each(testDialects())("ageing of unanswered questions on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { now: "2025-03-14T05:00:00Z" });
  });
  afterAll(async () => t?.close());

  it("counts working days waited, lists the oldest first, and times answers", async () => {
    // People sign in afresh at each moment: sessions last an hour of the test clock.
    const at = async (iso: string) => {
      t.clock.set(iso);
      return { ...(await castFor(t)), asker: await citizen(t) };
    };
    let now = await at("2025-03-14T05:00:00Z");
    const older = await published(t, now.asker, now.moderator);
    now = await at("2025-03-19T05:00:00Z");
    const newer = await published(t, now.asker, now.moderator);

    now = await at("2025-03-26T05:00:00Z");
    const list = await api(t, null, "GET", `/api/v1/dialogue/${YESIL}/questions?status=published`);
    expect(
      list.json.items.map((q: { id: string; waitingWorkingDays: number }) => [
        q.id,
        q.waitingWorkingDays,
      ]),
    ).toEqual([
      [older, 5],
      [newer, 2],
    ]);
    const body = (await page(t, null, `/dialogue/${YESIL_SLUG}`)).body;
    expect(body.indexOf(older)).toBeLessThan(body.indexOf(newer));
    expect(body).toContain("Waiting for an answer for 5 working days");
    expect(body).toContain("Waiting for an answer for 2 working days");
    const kk = (await page(t, null, `/dialogue/${YESIL_SLUG}`, "kk")).body;
    expect(kk).toContain("Жауап күтуде: 5 жұмыс күні");
    const ru = (await page(t, null, `/dialogue/${YESIL_SLUG}`, "ru")).body;
    expect(ru).toContain("Ждёт ответа 5 рабочих дней");
    expect(ru).toContain("Ждёт ответа 2 рабочих дня");

    const answered = await api(t, now.head, "POST", `/api/v1/dialogue/questions/${newer}/answer`, {
      text: "Done.",
    });
    expect(answered.json.answer.workingDays).toBe(2);

    now = await at("2025-04-14T05:00:00Z");
    const later = await api(t, null, "GET", `/api/v1/dialogue/${YESIL}/questions?status=published`);
    expect(later.json.items[0].waitingWorkingDays).toBe(18);
    const staffQueue = await page(t, now.head, `/office/dialogue/${YESIL}/answers`);
    expect(staffQueue.body).toContain("18 working days");

    const index = (await page(t, null, "/dialogue")).body;
    const row = index.slice(index.indexOf(`/dialogue/${YESIL_SLUG}"`));
    expect(row.slice(0, row.indexOf("</tr>"))).toMatch(/>1<\/td>.*>1<\/td>.*>2 working days<\/td>/);

    const measures = await dialogueMeasures(t.ctx, YESIL, { from: "2025-03-01", to: "2025-04-30" });
    expect(Object.fromEntries(measures.map((m) => [m.name, m.value]))).toEqual({
      "dialogue.asked": 2,
      "dialogue.published": 2,
      "dialogue.answered": 1,
      "dialogue.answered_share": 0.5,
      "dialogue.median_days_to_answer": 2,
      "dialogue.oldest_unanswered_days": 18,
    });
    const march = await dialogueMeasures(t.ctx, YESIL, { from: "2025-03-01", to: "2025-03-20" });
    expect(Object.fromEntries(march.map((m) => [m.name, m.value]))).toMatchObject({
      "dialogue.asked": 2,
      "dialogue.answered": 0,
      "dialogue.median_days_to_answer": null,
      "dialogue.oldest_unanswered_days": 4,
    });
    for (const m of measures) {
      for (const lang of ["kk", "ru", "en"] as const) {
        expect(t.ctx.catalogues[lang].has(`measures.${m.name}`), `${lang} ${m.name}`).toBe(true);
      }
    }
  });
});
