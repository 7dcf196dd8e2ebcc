import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { getPage, inboxNumbers } from "./staff-support.js";
import { appealIn, BAIKONUR, type Cast, castFor } from "./support.js";

/** Registered on Wednesday 19 March 2025: the answer is due on Monday 14 April 2025. */
const START = "2025-03-19T05:00:00Z";

describe.each(testDialects())("a co-executor's own work (%s)", (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let cast: Cast;
  let co: SignedIn;
  let colleague: SignedIn;
  const mail = (who: string) => `${who}-${dialect}@co-executors.test`;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp(dialect, { now: START, env: { SMTP_URL: smtp.url } });
    cast = await castFor(t);
    co = await signInAs(t, {
      grants: [{ role: "executor", agencyId: BAIKONUR }],
      email: mail("co"),
    });
    colleague = await signInAs(t, {
      grants: [{ role: "executor", agencyId: BAIKONUR }],
      email: mail("colleague"),
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const post = async (who: SignedIn, url: string, pairs: [string, string][]) => {
    const res = await t.app.inject({
      method: "POST",
      url,
      headers: {
        cookie: who.cookie,
        "content-type": "application/x-www-form-urlencoded",
        "accept-language": "en",
      },
      payload: new URLSearchParams([["_csrf", who.csrf], ...pairs]).toString(),
    });
    return { status: res.statusCode, body: res.body };
  };
  const assign = (number: string, coExecutors: string[]) =>
    post(cast.head, `/office/appeals/${number}/assign`, [
      ["executorId", cast.executor.accountId],
      ...coExecutors.map((id): [string, string] => ["coExecutorIds[]", id]),
      ["instruction", "Review and prepare an answer"],
    ]);
  const mine = async (who: SignedIn, lang = "en") =>
    getPage(t, who, `/office/appeals?scope=mine&agency=${BAIKONUR}`, lang);

  let number: string;

  it("lists the appeal in a co-executor's own inbox, marked, and not in a colleague's", async () => {
    number = await appealIn(t, cast, "registered");
    const res = await assign(number, [co.accountId]);
    expect(res.status, res.body.slice(0, 400)).toBe(303);
    const coInbox = await mine(co);
    expect(coInbox.status).toBe(200);
    expect(inboxNumbers(coInbox.body)).toContain(number);
    expect(coInbox.body).toContain("Co-executor");
    const executorInbox = await mine(cast.executor);
    expect(inboxNumbers(executorInbox.body)).toContain(number);
    expect(executorInbox.body).not.toContain("Co-executor");
    expect(inboxNumbers((await mine(colleague)).body)).not.toContain(number);
    const ru = await mine(co, "ru");
    expect(ru.body).toContain("Соисполнитель");
    const kk = await mine(co, "kk");
    expect(kk.body).toContain("Бірлескен орындаушы");
    if (dialect === "sqlite")
      for (const page of [coInbox, ru, kk]) expect(await htmlProblems(page.body)).toEqual([]);
  });

  it("tells the co-executor of the assignment by mail, as the executor is told", async () => {
    await t.ctx.mail.flush();
    const text = await smtp.waitFor(mail("co"), new RegExp(number));
    expect(text).toContain(`/office/appeals/${number}`);
    const outbox = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select("subject")
      .where("to_address", "=", mail("colleague"))
      .execute();
    expect(outbox).toEqual([]);
  });

  it("drops the appeal from the co-executor's list once a new resolution leaves them out", async () => {
    const res = await assign(number, [colleague.accountId]);
    expect(res.status, res.body.slice(0, 400)).toBe(303);
    expect(inboxNumbers((await mine(co)).body)).not.toContain(number);
    expect(inboxNumbers((await mine(colleague)).body)).toContain(number);
  });
});
