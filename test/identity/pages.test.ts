import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { SIGNED_IN_PAGES, sessionsForPages } from "../support/signed-in-pages.js";

describe.each(testDialects())("signed-in pages on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it("are valid HTML in all three languages and never cached", async () => {
    const sessions = await sessionsForPages(t);
    for (const page of SIGNED_IN_PAGES) {
      for (const lang of ["kk", "ru", "en"]) {
        const s = sessions[page.as];
        const res = await t.app.inject({
          url: page.path,
          headers: { cookie: `${s.cookie}; halyq_lang=${lang}` },
        });
        expect(res.statusCode, `${page.as} ${page.path}`).toBe(200);
        expect(res.body).toContain(`<html lang="${lang}"`);
        const messages = await htmlProblems(res.body);
        expect(messages, `${page.path} ${lang}`).toEqual([]);
      }
    }
    expect(t.ctx.pageCache.size).toBe(0);
  });
});
