import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { api, createDraft, page, post, verifiedCitizen } from "./support.js";

describe.each(testDialects())("the co-initiators' invitation link (%s)", (dialect) => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp(dialect, { now: "2025-03-19T05:00:00Z", logTo: sink });
  });
  afterAll(async () => t?.close());

  it("carries its token where the request log does not record it, and old links still work", async () => {
    const author = await verifiedCitizen(t);
    const created = await createDraft(t, author);
    await api(t, author, "POST", `/api/v1/petitions/${created.id}/gathering`);
    const token = (
      await t.ctx.db.kysely
        .selectFrom("petitions")
        .select("share_token")
        .where("id", "=", created.id)
        .executeTakeFirstOrThrow()
    ).share_token as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    lines.length = 0;

    // The initiator is given the link with the token in its query string.
    const own = await page(t, author, `/petitions/${created.number}`);
    expect(own.body).toContain(`/petitions/join?token=${token}</code>`);

    // A link sent before the change leads to the new address.
    const old = await page(t, null, `/petitions/join/${token}`);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`/petitions/join?token=${token}`);

    // The page, then the form: the token travels in the query string and the form body.
    const co = await verifiedCitizen(t);
    const shown = await page(t, co, `/petitions/join?token=${token}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('action="/petitions/join"');
    expect(shown.body).toContain(`name="token" value="${token}"`);
    const anonymous = await page(t, null, `/petitions/join?token=${token}`);
    expect(anonymous.body).toContain(
      `/login?next=${encodeURIComponent(`/petitions/join?token=${token}`).replace(/&/g, "&amp;")}`,
    );
    const joined = await post(t, co, "/petitions/join", { token });
    expect(joined.statusCode).toBe(303);
    expect(joined.headers.location).toBe(`/petitions/${created.number}?done=joined`);
    // A form shown before the change still posts to the old address.
    const second = await verifiedCitizen(t);
    expect((await post(t, second, `/petitions/join/${token}`)).statusCode).toBe(303);
    expect((await post(t, second, "/petitions/join", { token: "x" })).statusCode).toBe(404);

    const logged = lines.join("");
    expect(logged).toContain('"path":"/petitions/join"');
    expect(logged).toContain('"path":"/petitions/join/[masked]"');
    expect(logged).not.toContain(token);
  });
});
