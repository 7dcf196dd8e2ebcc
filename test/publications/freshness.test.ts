import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicationsManifest } from "../../src/capabilities/publications/manifest.js";
import { freshnessOf, staleBefore } from "../../src/capabilities/publications/publication.js";
import { publicationSettings, SETTING_KEYS } from "../../src/capabilities/publications/settings.js";
import { setSetting } from "../../src/kernel/settings.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { BAIKONUR, BAIKONUR_SLUG, newsForm, page, post, publish, staff } from "./support.js";

const DAY = 86_400_000;

describe.each(testDialects())("freshness monitor on %s", (dialect) => {
  let t: TestApp;
  let executor: SignedIn;
  let head: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: "2025-03-19T05:00:00Z" });
    executor = await staff(t, "executor");
    head = await staff(t, "head");
  });
  afterAll(async () => t?.close());

  /** Fresh, stale and missing sections of a body now, counted straight from its pages. */
  async function direct(agencyId: string) {
    const settings = await publicationSettings(t.ctx);
    const cutoff = staleBefore(t.clock.now(), settings.staleMonths);
    const rows = await t.ctx.db.kysely
      .selectFrom("publications")
      .select(["section", "published_at", "unpublished_at", "updated_at"])
      .where("agency_id", "=", agencyId)
      .where("kind", "=", "information")
      .execute();
    const states = settings.sections.map((s) =>
      freshnessOf(
        rows.find((r) => r.section === s),
        cutoff,
      ),
    );
    const n = (f: string) => states.filter((s) => s === f).length;
    return {
      sections: states.length,
      fresh: n("fresh"),
      stale: n("stale"),
      missing: n("missing"),
      share: states.length ? n("fresh") / states.length : null,
    };
  }

  async function measured(agencyId: string, to = t.clock.now().toISOString().slice(0, 10)) {
    const list =
      (await publicationsManifest.measures?.(t.ctx, agencyId, { from: "2024-01-01", to })) ?? [];
    const v = (name: string) => list.find((m) => m.name === `publications.${name}`)?.value;
    return {
      sections: v("information_sections"),
      fresh: v("information_fresh"),
      stale: v("information_stale"),
      missing: v("information_missing"),
      share: v("information_fresh_share"),
    };
  }

  it("the demo body's information is flagged where it is out of date, and the measure matches a direct count", async () => {
    const now = await direct(BAIKONUR);
    expect(now).toEqual({ sections: 6, fresh: 3, stale: 2, missing: 1, share: 0.5 });
    expect(await measured(BAIKONUR)).toEqual(now);
    const index = await page(t, null, `/agencies/${BAIKONUR_SLUG}/information`);
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(
      "Out of date (not updated for 6 months): 2 of 6 sections. Not published: 1.",
    );
    // On the body's page the notice is for its editors: the public does not see it.
    const body = await page(t, null, `/agencies/${BAIKONUR_SLUG}`);
    expect(body.body).not.toContain("Out of date (not updated for 6 months)");
    expect((await page(t, head, `/agencies/${BAIKONUR_SLUG}`)).body).toContain(
      "Out of date (not updated for 6 months): 2 of 6 sections. Not published: 1.",
    );
    expect(body.body).toContain(`href="/agencies/${BAIKONUR_SLUG}/information"`);
    const stale = await page(t, null, `/agencies/${BAIKONUR_SLUG}/information/leadership`);
    expect(stale.body).toContain("has not been updated for more than 6 months");
    expect(stale.body).toContain("Last updated");
    const fresh = await page(t, null, `/agencies/${BAIKONUR_SLUG}/information/contacts`);
    expect(fresh.body).not.toContain("has not been updated for more than");
    expect((await page(t, null, `/agencies/${BAIKONUR_SLUG}/information/budget`)).statusCode).toBe(
      404,
    );
    const office = await page(t, executor, "/office/publications");
    expect(office.statusCode).toBe(200);
    const listed =
      /Official information to update<\/h2>([\s\S]*?)<\/ul>/.exec(office.body)?.[1] ?? "";
    for (const label of ["Leadership", "Reception schedule", "Budget"])
      expect(listed).toContain(label);
    for (const label of ["Contacts and hours", "Structure", "Public services"])
      expect(listed).not.toContain(label);
  });

  it("as time passes and pages are updated, the flag and the measure follow, and a past period keeps its figure", async () => {
    const before = await measured(BAIKONUR);
    const day = t.clock.now().toISOString().slice(0, 10);
    t.clock.advance(130 * DAY);
    // Structure was updated 60 days before: now 190 days, past six months.
    const later = await direct(BAIKONUR);
    expect(later).toEqual({ sections: 6, fresh: 2, stale: 3, missing: 1, share: 2 / 6 });
    executor = await staff(t, "executor");
    head = await staff(t, "head");
    const id = await publish(
      t,
      executor,
      head,
      newsForm({
        kind: "information",
        section: "budget",
        "title-en": "Budget",
        "title-ru": "Бюджет",
      }),
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const updated = await direct(BAIKONUR);
    expect(updated).toEqual({ sections: 6, fresh: 3, stale: 3, missing: 0, share: 0.5 });
    expect(await measured(BAIKONUR)).toEqual(updated);
    expect(await measured(BAIKONUR, day)).toEqual(before);
    // Withdrawing a page makes its section missing again, now and in the measure.
    t.clock.advance(60_000);
    await post(t, head, `/office/publications/${id}/unpublish`, { reason: "Wrong year" });
    const withdrawn = await direct(BAIKONUR);
    expect(withdrawn.missing).toBe(1);
    expect(await measured(BAIKONUR)).toEqual(withdrawn);
  });

  it("the age and the sections are configuration", async () => {
    await setSetting(t.ctx.db.kysely, t.clock, SETTING_KEYS.staleMonths, "24");
    const longer = await direct(BAIKONUR);
    expect(longer.stale).toBe(0);
    expect(await measured(BAIKONUR)).toEqual(longer);
    const index = await page(t, null, `/agencies/${BAIKONUR_SLUG}/information`);
    expect(index.body).toContain("out of date after 24 months");
    await setSetting(t.ctx.db.kysely, t.clock, SETTING_KEYS.sections, "contacts,vacancies");
    expect(await direct(BAIKONUR)).toMatchObject({ sections: 2, missing: 1 });
    expect(await measured(BAIKONUR)).toEqual(await direct(BAIKONUR));
    // A malformed setting is ignored: the defaults stay in force.
    await setSetting(t.ctx.db.kysely, t.clock, SETTING_KEYS.staleMonths, "six");
    await setSetting(t.ctx.db.kysely, t.clock, SETTING_KEYS.sections, "contacts,nonsense");
    expect(await publicationSettings(t.ctx)).toMatchObject({ staleMonths: 6 });
    expect((await publicationSettings(t.ctx)).sections).toHaveLength(6);
  });

  it("news published and information updates in a period equal a direct count", async () => {
    const from = "2024-01-01";
    const to = t.clock.now().toISOString().slice(0, 10);
    const list = (await publicationsManifest.measures?.(t.ctx, BAIKONUR, { from, to })) ?? [];
    const v = (name: string) => list.find((m) => m.name === `publications.${name}`)?.value;
    const db = t.ctx.db.kysely;
    const news = await db
      .selectFrom("publications")
      .select("published_at")
      .where("agency_id", "=", BAIKONUR)
      .where("kind", "=", "news")
      .execute();
    expect(v("news_published")).toBe(
      news.filter((n) => n.published_at && n.published_at >= `${from}T00:00:00.000Z`).length,
    );
    const versions = await db
      .selectFrom("publication_versions")
      .select(["action", "kind", "at"])
      .where("agency_id", "=", BAIKONUR)
      .execute();
    expect(v("information_updates")).toBe(
      versions.filter((x) => x.kind === "information" && x.action === "published" && x.at >= from)
        .length,
    );
    expect(list.every((m) => t.ctx.catalogues.en.has(`measures.${m.name}`))).toBe(true);
  });
});
