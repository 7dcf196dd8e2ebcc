import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialogueManifest } from "../../src/capabilities/dialogue/manifest.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { api, ask, castFor, citizen, page, published, YESIL, YESIL_SLUG } from "./support.js";

/** A failed form, as the page that shows its errors. */
async function failedForm(t: TestApp, who: SignedIn, url: string, lang: string) {
  const res = await t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: `${who.cookie}; halyq_lang=${lang}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    payload: new URLSearchParams({ _csrf: who.csrf }).toString(),
  });
  return { status: res.statusCode, body: res.body };
}

describe.each(testDialects())("open dialogue pages are valid HTML on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("in kk, ru and en, for everyone who sees them, with every message present", async () => {
    const cast = await castFor(t);
    const asker = await citizen(t);
    const other = await citizen(t);
    const pending = await ask(t, asker);
    const rejected = await ask(t, asker);
    await api(t, cast.moderator, "POST", `/api/v1/dialogue/questions/${rejected}/moderation`, {
      decision: "reject",
      reason: "duplicate",
    });
    const open = await published(t, asker, cast.moderator);
    await api(t, other, "POST", `/api/v1/dialogue/questions/${open}/support`);
    const answered = await published(t, asker, cast.moderator);
    await api(t, cast.head, "POST", `/api/v1/dialogue/questions/${answered}/answer`, {
      text: "Answered.",
    });
    const q = (id: string) => `/dialogue/${YESIL_SLUG}/questions/${id}`;
    const samples = (await dialogueManifest.publicPaths?.(t.ctx)) ?? [];
    expect(samples.length).toBeGreaterThanOrEqual(4);
    const pages: [SignedIn | null, string][] = [
      ...samples.map((path): [null, string] => [null, path]),
      [null, "/dialogue"],
      [null, `/dialogue/${YESIL_SLUG}`],
      [asker, `/dialogue/${YESIL_SLUG}`],
      [null, q(open)],
      [null, q(answered)],
      [other, q(open)],
      [other, `${q(open)}?done=supported`],
      [asker, `${q(pending)}?done=asked`],
      [asker, q(rejected)],
      [asker, `/dialogue/${YESIL_SLUG}/ask`],
      [asker, "/dialogue/mine"],
      [cast.moderator, "/office/dialogue"],
      [cast.moderator, `/office/dialogue/${YESIL}/moderation`],
      [cast.moderator, `/office/dialogue/questions/${pending}`],
      [cast.moderator, `/office/dialogue/questions/${rejected}?done=reject`],
      [cast.head, `/office/dialogue/${YESIL}/answers`],
      [cast.head, `/office/dialogue/questions/${open}`],
      [cast.head, `/office/dialogue/questions/${answered}?done=answer`],
    ];
    for (const lang of ["kk", "ru", "en"]) {
      const shown = [];
      for (const [who, url] of pages) shown.push({ url, ...(await page(t, who, url, lang)) });
      shown.push({
        url: "ask 400",
        ...(await failedForm(t, asker, `/dialogue/${YESIL_SLUG}/ask`, lang)),
      });
      shown.push({
        url: "reject 400",
        ...(await failedForm(
          t,
          cast.moderator,
          `/office/dialogue/questions/${pending}/reject`,
          lang,
        )),
      });
      shown.push({
        url: "answer 400",
        ...(await failedForm(t, cast.head, `/office/dialogue/questions/${open}/answer`, lang)),
      });
      for (const s of shown) {
        const where = `${lang} ${s.url}`;
        expect(s.status, where).toBe(s.url.endsWith(" 400") ? 400 : 200);
        expect(s.body, where).toContain(`<html lang="${lang}"`);
        expect(s.body.match(/\b(?:dialogue|measures)\.[a-z_]+\.[a-z_.]+/g), where).toBeNull();
        expect(await htmlProblems(s.body), where).toEqual([]);
      }
    }
  });
});
