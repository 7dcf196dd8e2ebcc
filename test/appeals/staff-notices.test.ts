import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendStaffDigests } from "../../src/capabilities/appeals/jobs/staff-digest.js";
import { auditTrail } from "../../src/kernel/audit/audit.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { postForm } from "./staff-support.js";
import { api, BAIKONUR, citizen, file, YESIL } from "./support.js";

/**
 * Mail to staff at each step of an appeal, through the outbox, each person in their account's
 * language and as they chose (at once, in the daily digest, or not at all).
 */
describe.each(testDialects())("staff notices (%s)", (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let head: SignedIn;
  let executor: SignedIn;
  let yesilHead: SignedIn;
  let yesilRegistrar: SignedIn;
  let applicant: SignedIn;
  const mail = (who: string) => `${who}-${dialect}@notices.test`;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp(dialect, { env: { SMTP_URL: smtp.url } });
    head = await signInAs(t, {
      grants: [{ role: "head", agencyId: BAIKONUR }],
      email: mail("head"),
    });
    executor = await signInAs(t, {
      grants: [{ role: "executor", agencyId: BAIKONUR }],
      email: mail("executor"),
    });
    yesilHead = await signInAs(t, {
      grants: [{ role: "head", agencyId: YESIL }],
      email: mail("yesil-head"),
    });
    yesilRegistrar = await signInAs(t, {
      grants: [{ role: "registrar", agencyId: YESIL }],
      email: mail("yesil-registrar"),
    });
    applicant = await citizen(t);
    const db = t.ctx.db.kysely;
    await db
      .updateTable("accounts")
      .set({ language: "kk" })
      .where("id", "=", executor.accountId)
      .execute();
    await db
      .updateTable("accounts")
      .set({ language: "ru" })
      .where("id", "=", head.accountId)
      .execute();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const outbox = async (to: string) =>
    t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select(["subject", "body_text"])
      .where("to_address", "=", to)
      .orderBy("created_at")
      .execute();
  const act = async (who: SignedIn, number: string, action: string, body: object) => {
    const res = await api(t, who, "POST", `/api/v1/appeals/${number}/${action}`, body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json;
  };

  it("e-mails the executor on assignment, in Kazakh, with the term in words and the case", async () => {
    const { number } = await file(t, applicant);
    await act(head, number, "assign", { executorId: executor.accountId });
    await t.ctx.mail.flush();
    const text = await smtp.waitFor(mail("executor"), new RegExp(number));
    const got = smtp.received.find((r) => r.to.includes(mail("executor")));
    expect(got?.mail.headers.get("subject")).toBe(`${number} өтініші: орындаушы тағайындалды`);
    expect(text).toContain("Орындаушы: Test Staff");
    // 19 March 2025 + 15 working days (Nauryz 21–25 March off): 14 April 2025.
    expect(text).toContain("Орындау мерзімі — 2025 жылғы 14 сәуір.");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).toContain(`http://localhost:3000/office/appeals/${number}`);
    // The head who assigned is not told of their own step.
    expect((await outbox(mail("head"))).filter((m) => m.subject.includes(number))).toEqual([]);
  });

  it("sends an SMS too to a member of staff who chose SMS and gave a number", async () => {
    const db = t.ctx.db.kysely;
    await db
      .updateTable("accounts")
      .set({ notify_sms: 1, phone: "+77011234567" })
      .where("id", "=", executor.accountId)
      .execute();
    const { number } = await file(t, applicant);
    await act(head, number, "assign", { executorId: executor.accountId });
    const sms = await db
      .selectFrom("sms_outbox")
      .select("body_text")
      .where("to_phone", "=", "+77011234567")
      .execute();
    expect(sms.map((s) => s.body_text)).toEqual([`${number} өтініші: орындаушы тағайындалды`]);
    await db
      .updateTable("accounts")
      .set({ notify_sms: 0 })
      .where("id", "=", executor.accountId)
      .execute();
  });

  it("tells the heads of a draft for approval, the executor of a send-back, nobody of an approval", async () => {
    const { number } = await file(t, applicant);
    await act(head, number, "assign", { executorId: executor.accountId });
    await act(executor, number, "answer", { outcome: "explained", text: "The lamps are fixed." });
    const toHead = (await outbox(mail("head"))).filter((m) => m.subject.includes(number));
    expect(toHead.map((m) => m.subject)).toEqual([
      `Обращение ${number}: проект ответа на утверждении`,
    ]);
    expect(toHead[0]?.body_text).toContain("Исполнитель: Test Staff");
    expect(toHead[0]?.body_text).toContain("Срок исполнения — 14 апреля 2025 г.");
    await act(head, number, "send-back", { reason: "Name the street and the date of the repair." });
    const toExecutor = (await outbox(mail("executor"))).filter((m) => m.subject.includes(number));
    // One clock instant: the outbox's order between the two is not the test's concern.
    expect(toExecutor.map((m) => m.subject).sort()).toEqual(
      [
        `${number} өтініші: орындаушы тағайындалды`,
        `${number} өтініші: жауап пысықтауға қайтарылды`,
      ].sort(),
    );
    const sentBack = toExecutor.find((m) => m.subject.endsWith("пысықтауға қайтарылды"));
    expect(sentBack?.body_text).toContain("Себебі: Name the street and the date of the repair.");
    await act(executor, number, "answer", { outcome: "explained", text: "Fixed on Abai street." });
    await act(head, number, "approve", {});
    const after = (await outbox(mail("executor"))).filter((m) => m.subject.includes(number));
    expect(after).toHaveLength(2);
  });

  it("tells the heads of an incoming complaint", async () => {
    const { number } = await file(t, applicant);
    await act(head, number, "assign", { executorId: executor.accountId });
    await act(executor, number, "answer", { outcome: "refused", text: "No budget this year." });
    await act(head, number, "approve", {});
    const res = await act(applicant, number, "complain", { text: "The refusal gives no reason." });
    const complaint = res.created.number as string;
    const toHead = (await outbox(mail("head"))).filter((m) => m.subject.includes(complaint));
    expect(toHead.map((m) => m.subject)).toEqual([`Поступила жалоба ${complaint}`]);
    expect(toHead[0]?.body_text).toContain(`по обращению ${number}`);
  });

  it("tells the heads of a complaint filed directly with the body", async () => {
    const { number } = await file(t, applicant, { kind: "complaint" });
    const toHead = (await outbox(mail("head"))).filter((m) => m.subject.includes(number));
    expect(toHead.map((m) => m.subject)).toEqual([`Поступила жалоба ${number}`]);
    expect(toHead[0]?.body_text).toContain("Срок исполнения — ");
    expect(toHead[0]?.body_text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("tells the receiving body's registrars and heads of an appeal redirected to it", async () => {
    const { number } = await file(t, applicant);
    const res = await act(head, number, "redirect", {
      agencyId: YESIL,
      reason: "The yard is in the Yesil district.",
    });
    const arrived = res.created.number as string;
    for (const who of ["yesil-head", "yesil-registrar"]) {
      const got = (await outbox(mail(who))).filter((m) => m.subject.includes(arrived));
      expect(got).toHaveLength(1);
      expect(got[0]?.body_text).toMatch(/Baikonur/);
    }
    expect((await outbox(mail("head"))).filter((m) => m.subject.includes(arrived))).toEqual([]);
    expect(yesilHead.accountId).not.toBe(yesilRegistrar.accountId);
  });

  it("keeps a person's choice: the digest collects the events, none sends nothing, audited", async () => {
    const bad = await postForm(t, executor, "/office/tasks/notices", { mode: "weekly" });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Choose how notices are sent");
    const chosen = await postForm(t, executor, "/office/tasks/notices", { mode: "digest" });
    expect(chosen.status).toBe(303);
    const trail = await auditTrail(t.ctx.db.kysely, "account", executor.accountId);
    expect(trail.map((e) => e.action)).toContain("appeal.staff_notices_chosen");
    const before = (await outbox(mail("executor"))).length;
    const { number } = await file(t, applicant);
    await act(head, number, "assign", { executorId: executor.accountId });
    expect((await outbox(mail("executor"))).length).toBe(before);
    const waiting = await t.ctx.db.kysely
      .selectFrom("appeal_staff_digest")
      .selectAll()
      .where("account_id", "=", executor.accountId)
      .execute();
    expect(waiting.map((w) => w.notice)).toEqual(["assigned"]);
    await postForm(t, executor, "/office/tasks/notices", { mode: "none" });
    const second = await file(t, applicant);
    await act(head, second.number, "assign", { executorId: executor.accountId });
    expect((await outbox(mail("executor"))).length).toBe(before);
    const stillWaiting = await t.ctx.db.kysely
      .selectFrom("appeal_staff_digest")
      .select("id")
      .where("account_id", "=", executor.accountId)
      .execute();
    expect(stillWaiting).toHaveLength(1);
    await postForm(t, executor, "/office/tasks/notices", { mode: "immediate" });
  });

  it("sends the digest once a day at the configured hour, once with two instances", async () => {
    const pending = await t.ctx.db.kysely
      .selectFrom("appeal_staff_digest")
      .innerJoin("appeals", "appeals.id", "appeal_staff_digest.appeal_id")
      .select("appeals.number")
      .where("account_id", "=", executor.accountId)
      .where("sent_at", "is", null)
      .execute();
    expect(pending).toHaveLength(1);
    const digests = async () =>
      (await outbox(mail("executor"))).filter((m) => m.subject.startsWith("Өтініштер бойынша"));
    t.clock.set("2025-03-20T02:00:00Z"); // 07:00 in Astana: before the hour
    expect(await sendStaffDigests(t.ctx)).toBe(0);
    t.clock.set("2025-03-20T03:30:00Z"); // 08:30
    const runs = await Promise.all([sendStaffDigests(t.ctx), sendStaffDigests(t.ctx)]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await sendStaffDigests(t.ctx)).toBe(0);
    const got = await digests();
    expect(got).toHaveLength(1);
    expect(got[0]?.subject).toBe("Өтініштер бойынша жиынтық: 2025 жылғы 20 наурыз");
    expect(got[0]?.body_text).toContain(`${pending[0]?.number} — орындаушы тағайындалды`);
    expect(got[0]?.body_text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    t.clock.set("2025-03-19T05:00:00Z");
  });

  it("refuses the choice without the form's token and from a citizen", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/office/tasks/notices",
      headers: { cookie: executor.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "mode=none",
    });
    expect(res.statusCode).toBe(403);
    const byCitizen = await postForm(t, applicant, "/office/tasks/notices", { mode: "none" });
    expect(byCitizen.status).toBe(404);
    const rows = await t.ctx.db.kysely
      .selectFrom("appeal_staff_notice_settings")
      .select("mode")
      .where("account_id", "=", executor.accountId)
      .execute();
    expect(rows.map((r) => r.mode)).toEqual(["immediate"]);
  });
});
