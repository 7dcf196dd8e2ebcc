import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { getPage } from "./staff-support.js";
import { appealIn, BAIKONUR, type Cast, castFor, footprint, YESIL } from "./support.js";

describe.each(testDialects())("bulk steps in the office inbox (%s)", (dialect) => {
  let t: TestApp;
  let cast: Cast;
  let yesil: Cast;
  let topic = "";
  beforeAll(async () => {
    t = await startTestApp(dialect);
    cast = await castFor(t);
    yesil = await castFor(t, YESIL);
    topic = (
      await t.ctx.db.kysely
        .selectFrom("agency_competences")
        .select("category_id")
        .where("agency_id", "=", BAIKONUR)
        .orderBy("category_id")
        .executeTakeFirstOrThrow()
    ).category_id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const row = async (number: string) => {
    const r = await findAppealByNumber(t.ctx.db.kysely, number);
    if (!r) throw new Error(number);
    return r;
  };
  const bulk = async (who: SignedIn, pairs: [string, string][], lang = "en", csrf = true) => {
    const res = await t.app.inject({
      method: "POST",
      url: "/office/appeals/bulk",
      headers: {
        cookie: who.cookie,
        "content-type": "application/x-www-form-urlencoded",
        "accept-language": lang,
      },
      payload: new URLSearchParams([...(csrf ? [["_csrf", who.csrf]] : []), ...pairs]).toString(),
    });
    return { status: res.statusCode, body: res.body };
  };
  const ticked = (...numbers: string[]): [string, string][] => numbers.map((n) => ["numbers[]", n]);

  it("offers the boxes and the bulk form to the head only", async () => {
    const number = await appealIn(t, cast, "registered");
    const head = await getPage(t, cast.head, "/office/appeals?sort=received_desc");
    expect(head.body).toContain('action="/office/appeals/bulk"');
    expect(head.body).toContain(`value="${number}"`);
    const executor = await getPage(t, cast.executor, "/office/appeals?scope=all");
    expect(executor.body).not.toContain('action="/office/appeals/bulk"');
  });

  it("assigns each appeal it may, and says why it refused the others", async () => {
    const fresh = await appealIn(t, cast, "registered");
    const second = await appealIn(t, cast, "in_progress");
    const answered = await appealIn(t, cast, "answered");
    const elsewhere = await appealIn(t, yesil, "registered");
    const untouched = await Promise.all([answered, elsewhere].map((n) => footprint(t, n)));
    const res = await bulk(cast.head, [
      ...ticked(fresh, second, answered, elsewhere),
      ["action", "assign"],
      ["executorId", cast.executor.accountId],
      ["instruction", "Prepare answers by Friday"],
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toContain("Done: 2");
    expect(res.body).toContain("Not done: 2");
    const refused = /<ul[^>]*id="bulk-refused"[^>]*>(.*?)<\/ul>/s.exec(res.body)?.[1] ?? "";
    expect(refused).toContain(answered);
    expect(refused).toContain(elsewhere);
    expect(refused).toContain("appeal not found");
    for (const n of [fresh, second]) {
      expect((await row(n)).executor_id).toBe(cast.executor.accountId);
      const audit = await t.ctx.db.kysely
        .selectFrom("audit_events")
        .select(["action", "reason", "actor_id"])
        .where("subject_id", "=", (await row(n)).id)
        .orderBy("seq", "desc")
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({
        action: "appeal.assign",
        reason: "Prepare answers by Friday",
        actor_id: cast.head.accountId,
      });
    }
    expect((await footprint(t, answered)).row).toEqual(untouched[0]?.row);
    expect((await footprint(t, elsewhere)).row).toEqual(untouched[1]?.row);
  });

  it("puts appeals on control and takes them off, and changes their topic", async () => {
    const a = await appealIn(t, cast, "registered");
    const b = await appealIn(t, cast, "in_progress");
    let res = await bulk(cast.head, [...ticked(a, b), ["action", "control_on"]], "ru");
    expect(res.body).toContain("Выполнено: 2");
    expect((await row(a)).on_control_at).not.toBeNull();
    res = await bulk(cast.head, [...ticked(a), ["action", "control_on"]], "ru");
    expect(res.body).toContain("Обращение уже на контроле.");
    const page = await getPage(t, cast.head, `/office/appeals/${b}`, "ru");
    expect(page.body).toContain("На контроле");
    res = await bulk(cast.head, [...ticked(a, b), ["action", "control_off"]]);
    expect(res.body).toContain("Done: 2");
    expect((await row(b)).on_control_at).toBeNull();
    res = await bulk(cast.head, [...ticked(a, b), ["action", "categorise"], ["categoryId", topic]]);
    expect(res.body).toContain("Done: 2");
    expect((await row(a)).category_id).toBe(topic);
  });

  it("refuses everything to an executor, and changes nothing on a bad or forged form", async () => {
    const a = await appealIn(t, cast, "registered");
    const before = await footprint(t, a);
    const res = await bulk(cast.executor, [...ticked(a), ["action", "control_on"]]);
    expect(res.body).toContain("Not done: 1");
    expect(res.body).toContain("not allowed to take this step");
    const none = await bulk(cast.head, [["action", "control_on"]], "kk");
    expect(none.status).toBe(400);
    expect(none.body).toContain("Кестеден кемінде бір өтінішті белгілеңіз.");
    const noExecutor = await bulk(cast.head, [...ticked(a), ["action", "assign"]]);
    expect(noExecutor.status).toBe(400);
    const forged = await bulk(cast.head, [...ticked(a), ["action", "control_on"]], "en", false);
    expect(forged.status).toBe(403);
    expect(await footprint(t, a)).toEqual(before);
  });
});
