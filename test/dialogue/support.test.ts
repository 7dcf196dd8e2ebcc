import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";
import { api, ask, castFor, citizen, form, page, published, YESIL_SLUG } from "./support.js";

describe.each(testDialects())('"I have this question too" on %s', (dialect) => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof castFor>>;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    cast = await castFor(t);
  });
  afterAll(async () => t?.close());

  it("counts each person once, and can be withdrawn", async () => {
    const asker = await citizen(t);
    const [a, b] = [await citizen(t), await citizen(t)];
    const id = await published(t, asker, cast.moderator);
    const url = `/api/v1/dialogue/questions/${id}/support`;
    expect((await api(t, a, "POST", url)).json).toEqual({ supported: true, supporters: 1 });
    expect((await api(t, a, "POST", url)).json).toEqual({ supported: true, supporters: 1 });
    expect((await api(t, b, "POST", url)).json).toEqual({ supported: true, supporters: 2 });
    expect((await api(t, a, "DELETE", url)).json).toEqual({ supported: false, supporters: 1 });
    expect((await api(t, a, "DELETE", url)).json).toEqual({ supported: false, supporters: 1 });
    const rows = await t.ctx.db.kysely
      .selectFrom("dialogue_supports")
      .select("account_id")
      .where("question_id", "=", id)
      .execute();
    expect(rows.map((r) => r.account_id)).toEqual([b.accountId]);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .where("action", "like", "dialogue.question.support%")
      .execute();
    expect(audit).toHaveLength(3);

    expect((await api(t, asker, "POST", url)).status).toBe(409);
    expect((await api(t, cast.head, "POST", url)).status).toBe(403);
    expect((await api(t, null, "POST", url)).status).toBe(401);
    const pending = await ask(t, asker);
    expect((await api(t, a, "POST", `/api/v1/dialogue/questions/${pending}/support`)).status).toBe(
      404,
    );
  });

  it("works through the page's form without scripts", async () => {
    const asker = await citizen(t);
    const other = await signInAs(t, { kind: "citizen" });
    const id = await published(t, asker, cast.moderator);
    const path = `/dialogue/${YESIL_SLUG}/questions/${id}`;
    const anonymous = await page(t, null, path);
    expect(anonymous.body).toContain(`/login?next=${encodeURIComponent(path)}`);
    expect(anonymous.body).not.toContain(`action="${path}/support"`);
    expect((await page(t, asker, path)).body).not.toContain(`action="${path}/support"`);
    expect((await page(t, other, path)).body).toContain(`action="${path}/support"`);

    const added = await form(t, other, `${path}/support`, {});
    expect(added.status).toBe(303);
    expect(added.location).toBe(`${path}?done=supported`);
    const after = await page(t, other, `${path}?done=supported`);
    expect(after.body).toContain(`action="${path}/support/withdraw"`);
    expect(after.body).toContain("You have said you have this question too.");
    const supporters = /People who have this question too<\/dt><dd[^>]*>(\d+)</;
    expect(supporters.exec((await page(t, null, path)).body)?.[1]).toBe("1");
    const withdrawn = await form(t, other, `${path}/support/withdraw`, {});
    expect(withdrawn.location).toBe(`${path}?done=withdrawn`);
    expect(supporters.exec((await page(t, null, path)).body)?.[1]).toBe("0");
    const noCsrf = await t.app.inject({
      method: "POST",
      url: `${path}/support`,
      headers: { cookie: other.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});
