import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import {
  auditActions,
  BAIKONUR_SLUG,
  create,
  newsForm,
  page,
  post,
  publish,
  row,
  staff,
} from "./support.js";

describe.each(testDialects())("publication moderation on %s", (dialect) => {
  let t: TestApp;
  let executor: SignedIn;
  let head: SignedIn;
  let moderator: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    executor = await staff(t, "executor");
    head = await staff(t, "head");
    moderator = await staff(t, "moderator");
  });
  afterAll(async () => t?.close());

  it("a draft is private until a head or moderator approves it; every step is audited", async () => {
    const id = await create(t, executor);
    expect((await row(t, id)).state).toBe("draft");
    const publicPath = `/agencies/${BAIKONUR_SLUG}/news/${id}`;
    expect((await page(t, null, publicPath)).statusCode).toBe(404);

    expect((await post(t, executor, `/office/publications/${id}/submit`, {})).statusCode).toBe(303);
    expect((await row(t, id)).state).toBe("submitted");
    expect((await page(t, null, publicPath)).statusCode).toBe(404);

    const res = await post(t, head, `/office/publications/${id}/approve`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/office/publications/${id}?done=approved`);
    const approved = await row(t, id);
    expect(approved.state).toBe("approved");
    expect(approved.published_at).toBe(t.clock.now().toISOString());
    expect(approved.updated_at).toBe(approved.published_at);
    expect(approved.title_en).toBe("Road repairs");

    const shown = await page(t, null, publicPath);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain("Road repairs");
    expect(shown.body).toContain("<li>First stage</li>");
    expect(shown.body).toMatch(/Last updated/);
    expect(await auditActions(t, id)).toEqual([
      "publication.drafted",
      "publication.submitted",
      "publication.approved",
    ]);
  });

  it("an edit of a published page waits for approval while the public copy stays", async () => {
    const id = await publish(t, executor, head);
    t.clock.advance(60_000);
    const edit = await post(t, executor, `/office/publications/${id}`, {
      ...newsForm({ "title-en": "Road repairs postponed" }),
    });
    expect(edit.statusCode).toBe(303);
    const r = await row(t, id);
    expect(r.state).toBe("draft");
    expect(r.draft_title_en).toBe("Road repairs postponed");
    expect(r.title_en).toBe("Road repairs");
    const publicPath = `/agencies/${BAIKONUR_SLUG}/news/${id}`;
    expect((await page(t, null, publicPath)).body).not.toContain("postponed");
    await post(t, executor, `/office/publications/${id}/submit`, {});
    await post(t, moderator, `/office/publications/${id}/approve`, {});
    const after = await row(t, id);
    expect(after.title_en).toBe("Road repairs postponed");
    expect(after.updated_at).toBe(t.clock.now().toISOString());
    expect(after.published_at).not.toBe(after.updated_at);
    expect((await page(t, null, publicPath)).body).toContain("Road repairs postponed");
  });

  it("no one approves what they submitted themselves (four eyes)", async () => {
    const id = await create(t, head);
    await post(t, head, `/office/publications/${id}/submit`, {});
    const before = await row(t, id);
    const refused = await post(t, head, `/office/publications/${id}/approve`, {});
    expect(refused.statusCode).toBe(403);
    expect(await row(t, id)).toEqual(before);
    expect((await post(t, moderator, `/office/publications/${id}/approve`, {})).statusCode).toBe(
      303,
    );
    expect((await row(t, id)).state).toBe("approved");
  });

  it("returning needs a reason (localised error, nothing changed); the author edits and resubmits", async () => {
    const id = await create(t, executor);
    await post(t, executor, `/office/publications/${id}/submit`, {});
    const before = await row(t, id);
    for (const [lang, text] of [
      ["en", "Give a reason"],
      ["ru", "Укажите причину"],
      ["kk", "Себебін көрсетіңіз"],
    ] as const) {
      const res = await post(t, head, `/office/publications/${id}/return`, { reason: " " }, lang);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(text);
      expect(await htmlProblems(res.body)).toEqual([]);
    }
    expect(await row(t, id)).toEqual(before);
    const res = await post(t, head, `/office/publications/${id}/return`, {
      reason: "Add the dates",
    });
    expect(res.statusCode).toBe(303);
    const returned = await row(t, id);
    expect(returned.state).toBe("returned");
    expect(returned.return_reason).toBe("Add the dates");
    const office = await page(t, executor, `/office/publications/${id}`);
    expect(office.body).toContain("Add the dates");
    await post(t, executor, `/office/publications/${id}`, newsForm({ "body-en": "In May, 1–15." }));
    expect((await row(t, id)).state).toBe("draft");
    await post(t, executor, `/office/publications/${id}/submit`, {});
    expect((await row(t, id)).state).toBe("submitted");
    expect((await row(t, id)).return_reason).toBeNull();
    expect(await auditActions(t, id)).toEqual([
      "publication.drafted",
      "publication.submitted",
      "publication.returned",
      "publication.edited",
      "publication.submitted",
    ]);
  });

  it("steps out of order are refused with 409 and change nothing", async () => {
    const id = await create(t, executor);
    for (const step of ["approve", "return", "unpublish"]) {
      const before = await row(t, id);
      const res = await post(t, head, `/office/publications/${id}/${step}`, { reason: "x" });
      expect(res.statusCode, step).toBe(409);
      expect(await row(t, id)).toEqual(before);
    }
    await post(t, executor, `/office/publications/${id}/submit`, {});
    const before = await row(t, id);
    expect((await post(t, executor, `/office/publications/${id}/submit`, {})).statusCode).toBe(409);
    const edit = await post(t, executor, `/office/publications/${id}`, newsForm());
    expect(edit.statusCode).toBe(409);
    expect(await row(t, id)).toEqual(before);
  });

  it("unpublishing needs a reason and takes the page down; the history keeps it", async () => {
    const id = await publish(t, executor, head);
    const publicPath = `/agencies/${BAIKONUR_SLUG}/news/${id}`;
    expect((await post(t, head, `/office/publications/${id}/unpublish`, {})).statusCode).toBe(400);
    expect((await page(t, null, publicPath)).statusCode).toBe(200);
    const res = await post(t, head, `/office/publications/${id}/unpublish`, {
      reason: "Published by mistake",
    });
    expect(res.statusCode).toBe(303);
    expect((await page(t, null, publicPath)).statusCode).toBe(404);
    expect((await page(t, null, "/news")).body).not.toContain(`/news/${id}"`);
    const history = await t.ctx.db.kysely
      .selectFrom("publication_versions")
      .select(["action", "reason"])
      .where("publication_id", "=", id)
      .orderBy("at")
      .execute();
    expect(history).toEqual([
      { action: "published", reason: null },
      { action: "unpublished", reason: "Published by mistake" },
    ]);
    expect((await auditActions(t, id)).at(-1)).toBe("publication.unpublished");
  });

  it("a draft with problems is shown again with localised errors, and nothing is stored", async () => {
    const count = async () =>
      Number(
        (
          await t.ctx.db.kysely
            .selectFrom("publications")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const cases: [Record<string, string>, string][] = [
      [
        newsForm({ "title-ru": "", "body-ru": "", "title-en": "", "body-en": "" }),
        "at least one language",
      ],
      [newsForm({ "title-en": "" }), "Enter a title in this language"],
      [newsForm({ "body-ru": "" }), "Enter the text in this language"],
      [newsForm({ "title-en": "x".repeat(201) }), "at most 200 characters"],
      [newsForm({ kind: "information", section: "no-such" }), "standard sections"],
      [newsForm({ kind: "information", section: "contacts" }), "already has a page"],
    ];
    for (const [fields, message] of cases) {
      const res = await post(t, executor, "/office/publications", fields);
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain(message);
      expect(res.body).toContain("govuk-error-summary");
      expect(await htmlProblems(res.body), message).toEqual([]);
    }
    const ru = await post(t, executor, "/office/publications", newsForm({ "title-en": "" }), "ru");
    expect(ru.body).toContain("Введите заголовок на этом языке");
    expect(await count()).toBe(before);
  });
});
