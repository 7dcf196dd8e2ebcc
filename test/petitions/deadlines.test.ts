import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonthsToInstant, dueAfter } from "../../src/capabilities/petitions/deadlines.js";
import { checkThreshold } from "../../src/capabilities/petitions/jobs.js";
import { petitionMeasures } from "../../src/capabilities/petitions/measures.js";
import { configurePetitions } from "../../src/capabilities/petitions/profiles.js";
import { createCalendarRegistry } from "../../src/kernel/calendar/index.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { api, BAIKONUR, createDraft, LABOUR, staff, verifiedCitizen } from "./support.js";

const kz = createCalendarRegistry().get("kz");
if (!kz) throw new Error("no calendar");

describe("petition terms in working days of Kazakhstan's calendar", () => {
  it("counts 20 working days across Nauryz (21–25 March 2025 off)", () => {
    // Submitted Wednesday 19 March: 20 March, then 26 March … 21 April.
    expect(dueAfter(kz, "2025-03-19", 20)).toBe("2025-04-21");
    expect(dueAfter(kz, "2025-03-20", 20)).toBe("2025-04-22");
    // Started on a day off (Saturday 22 March, Nauryz): the days off count for nothing, so the
    // term ends as if started on Thursday 20 March.
    expect(dueAfter(kz, "2025-03-22", 20)).toBe("2025-04-22");
    expect(dueAfter(kz, "2025-03-25", 20)).toBe("2025-04-22");
  });

  it("counts 40 working days across the May holidays (1, 7 and 9 May 2025)", () => {
    expect(dueAfter(kz, "2025-03-19", 40)).toBe("2025-05-22");
  });

  it("keeps signing open six calendar months, to the last day of a shorter month", () => {
    expect(addMonthsToInstant(new Date("2025-03-19T05:00:00Z"), 6).toISOString()).toBe(
      "2025-09-19T05:00:00.000Z",
    );
    expect(addMonthsToInstant(new Date("2025-08-31T10:00:00Z"), 6).toISOString()).toBe(
      "2026-02-28T10:00:00.000Z",
    );
  });
});

describe.each(testDialects())("consideration terms by level of body (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { now: "2025-03-19T05:00:00Z" });
    await configurePetitions(t.ctx.db.kysely, t.clock, {
      thresholds: [{ kind: "*", level: "republic", fixed: 0 }],
    });
  });
  afterAll(async () => t?.close());

  it("gives a central body 40 working days from the day the threshold is reached", async () => {
    const author = await verifiedCitizen(t);
    const p = await createDraft(t, author, {
      agencyId: LABOUR,
      title: "Publish vacancies in Kazakh and Russian",
      summary: "Vacancies are often published in one language only.",
      proposal: "Require every state vacancy to be published in both languages.",
    });
    await t.ctx.db.kysely
      .updateTable("petitions")
      .set({ status: "admissibility", submitted_at: "2025-03-19T05:00:00.000Z" })
      .where("id", "=", p.id)
      .execute();
    const head = await staff(t, "head", LABOUR);
    const admitted = await api(t, head, "POST", `/api/v1/petitions/${p.id}/admission`);
    expect(admitted.status).toBe(200);
    expect(admitted.json.threshold).toBe(0);
    expect(admitted.json.territoryCode).toBeNull();
    expect(await checkThreshold(t.ctx, p.id)).toBe("consideration");
    const row = await t.ctx.db.kysely
      .selectFrom("petitions")
      .select(["consideration_due_on", "threshold_reached_at"])
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow();
    expect(row.threshold_reached_at).toBe("2025-03-19T05:00:00.000Z");
    expect(row.consideration_due_on).toBe("2025-05-22");
  });

  it("publishes a body's figures: sent, admitted, refused, decided, admissibility in time", async () => {
    // The demo petitions to the Baikonur akimat sent in 2025 up to the demo day: the
    // collecting one (admitted in time), the refused one (in time) and the one waiting.
    const measures = await petitionMeasures(t.ctx, BAIKONUR, {
      from: "2025-01-01",
      to: "2025-03-19",
    });
    expect(Object.fromEntries(measures.map((m) => [m.name, m.value]))).toEqual({
      "petitions.submitted": 3,
      "petitions.admitted": 1,
      "petitions.refused": 1,
      "petitions.decided": 0,
      "petitions.admissibility_on_time": 1,
    });
    for (const lang of ["kk", "ru", "en"] as const)
      for (const m of measures) expect(t.ctx.catalogues[lang].has(`measures.${m.name}`)).toBe(true);
    const none = await petitionMeasures(t.ctx, BAIKONUR, { from: "2020-01-01", to: "2020-12-31" });
    expect(none.find((m) => m.name === "petitions.admissibility_on_time")?.value).toBeNull();
  });
});
