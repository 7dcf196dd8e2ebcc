import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { getPage, postForm } from "./staff-support.js";
import { api, CITY, citizen, file, staff, YESIL } from "./support.js";

describe.each(testDialects())("the steps on the staff case page (%s)", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let executor: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    head = await staff(t, "head");
    executor = await staff(t, "executor");
  });
  afterAll(async () => {
    await t?.close();
  });

  const row = async (number: string) => {
    const r = await findAppealByNumber(t.ctx.db.kysely, number);
    if (!r) throw new Error(`no appeal ${number}`);
    return r;
  };
  const act = (who: SignedIn, number: string, action: string, fields: Record<string, string>) =>
    postForm(t, who, `/office/appeals/${number}/${action}`, fields);
  /** Posts a bad form and checks the page says what is wrong and the appeal did not change. */
  async function refused(
    who: SignedIn,
    number: string,
    action: string,
    fields: Record<string, string>,
    messages: string[],
    links: string[],
  ) {
    const before = await row(number);
    const res = await act(who, number, action, fields);
    expect(res.status).toBe(400);
    expect(res.body).toContain('class="govuk-error-summary"');
    expect(res.body).toMatch(/<title>Error: /);
    for (const m of messages) expect(res.body).toContain(m);
    for (const l of links) expect(res.body).toContain(`href="#${l}"`);
    expect(res.body).toContain(`<details class="govuk-details" id="action-${action}" open`);
    const after = await row(number);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(before.status);
    return res;
  }
  async function done(who: SignedIn, number: string, action: string, fields = {}) {
    const res = await act(who, number, action, fields);
    expect(res.status, res.body.slice(0, 300)).toBe(303);
    expect(res.location).toMatch(new RegExp(`^/office/appeals/${number}\\?done=${action}`));
    const page = await getPage(t, who, res.location ?? "");
    expect(page.body).toContain("govuk-notification-banner--success");
    return page;
  }

  it("assigns an executor, and asks again when none is chosen", async () => {
    const { number } = await file(t, await citizen(t));
    await refused(
      head,
      number,
      "assign",
      { executorId: "" },
      ["Choose an executor of this body"],
      ["assign-executorId"],
    );
    const page = await done(head, number, "assign", { executorId: executor.accountId });
    expect(page.body).toContain("The resolution is issued.");
    expect((await row(number)).executor_id).toBe(executor.accountId);
    expect((await row(number)).status).toBe("in_progress");
  });

  it("drafts an answer, sends it back, and approves it", async () => {
    const { number } = await file(t, await citizen(t), { language: "ru" });
    await api(t, head, "POST", `/api/v1/appeals/${number}/assign`, {
      executorId: executor.accountId,
    });
    const form = await getPage(t, executor, `/office/appeals/${number}`);
    expect(form.body).toContain('value="kk"');
    expect(form.body).toContain('value="ru"');
    expect(form.body).not.toContain('id="answer-language-en"');
    await refused(
      executor,
      number,
      "answer",
      { outcome: "", text: "", language: "en" },
      ["Choose the outcome", "Enter the text", "Answer in the state language"],
      ["answer-outcome", "answer-text", "answer-language"],
    );
    await done(executor, number, "answer", {
      outcome: "partly_satisfied",
      basis: "Law on local government, art. 31",
      text: "The lamps in the yard will be replaced in April.",
      language: "ru",
    });
    expect(await row(number)).toMatchObject({
      status: "awaiting_approval",
      answer_outcome: "partly_satisfied",
      answer_language: "ru",
    });
    await refused(
      head,
      number,
      "send-back",
      { reason: "" },
      ["Fill in this field"],
      ["send-back-reason"],
    );
    await done(head, number, "send-back", { reason: "Name the exact date." });
    expect((await row(number)).status).toBe("in_progress");
    const again = await getPage(t, executor, `/office/appeals/${number}`);
    expect(again.body).toContain("The lamps in the yard will be replaced in April.");
    await done(executor, number, "answer", {
      outcome: "satisfied",
      text: "The lamps will be replaced on 14 April.",
      language: "kk",
    });
    const approved = await done(head, number, "approve");
    expect(approved.body).toContain("The answer has been approved and sent to the applicant.");
    expect((await row(number)).status).toBe("answered");
  });

  it("asks for a correction by the default term or a given date, and refuses a bad date", async () => {
    const { number } = await file(t, await citizen(t));
    const page = await getPage(t, head, `/office/appeals/${number}`);
    // The default term (5 working days after 19 March 2025, across Nauryz) is filled in.
    expect(page.body).toContain('name="until-day" type="text" inputmode="numeric" value="31"');
    await refused(
      head,
      number,
      "request-correction",
      { note: "" },
      ["Fill in this field"],
      ["request-correction-note"],
    );
    await refused(
      head,
      number,
      "request-correction",
      { note: "Give the address", "until-day": "31", "until-month": "2", "until-year": "2025" },
      ["Enter a real date after today"],
      ["request-correction-until-day"],
    );
    await done(head, number, "request-correction", {
      note: "Give the address of the yard",
      "until-day": "2",
      "until-month": "4",
      "until-year": "2025",
    });
    expect(await row(number)).toMatchObject({
      status: "awaiting_correction",
      correction_due_on: "2025-04-02",
      correction_note: "Give the address of the yard",
    });
    const other = await file(t, await citizen(t));
    await done(head, other.number, "request-correction", { note: "Give the address" });
    expect((await row(other.number)).correction_due_on).toBe("2025-03-31");
  });

  it("extends the term within the legal limit, once", async () => {
    const { number } = await file(t, await citizen(t));
    const page = await getPage(t, head, `/office/appeals/${number}`);
    expect(page.body).toContain("The law allows an extension to 19 May 2025 at most.");
    await refused(
      head,
      number,
      "extend",
      { "until-day": "20", "until-month": "6", "until-year": "2025", reason: "Expert review" },
      ["The law allows at most two months"],
      ["extend-until-day"],
    );
    await refused(
      head,
      number,
      "extend",
      { reason: "Expert review" },
      ["Enter the new date as a real date"],
      ["extend-until-day"],
    );
    await done(head, number, "extend", {
      "until-day": "12",
      "until-month": "5",
      "until-year": "2025",
      reason: "An expert review of the building is needed",
    });
    expect(await row(number)).toMatchObject({
      due_on: "2025-05-12",
      original_due_on: "2025-04-14",
    });
    const after = await getPage(t, head, `/office/appeals/${number}`);
    expect(after.body).not.toContain(`action="/office/appeals/${number}/extend"`);
    expect(after.body).toContain("An expert review of the building is needed");
  });

  it("redirects the whole appeal or a part to another body, which gives it its own number", async () => {
    const { number } = await file(t, await citizen(t));
    await refused(
      head,
      number,
      "redirect",
      { agencyId: "", reason: "" },
      ["Choose a state body from the list", "Fill in this field"],
      ["redirect-agencyId", "redirect-reason"],
    );
    const part = await done(head, number, "redirect", {
      agencyId: YESIL,
      reason: "The road is in Yesil district",
      part: "The road by the river bank is broken.",
    });
    expect((await row(number)).status).toBe("registered");
    const partNumber = /Its number there: (YSA-2025-\d{4})/.exec(part.body)?.[1];
    expect(partNumber).toBeTruthy();
    expect((await row(partNumber ?? "")).body).toBe("The road by the river bank is broken.");
    // The applicant is told that a part went, not the whole appeal.
    const told = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select(["subject", "body_text"])
      .where("subject", "like", `%${partNumber}%`)
      .execute();
    expect(told.map((m) => m.subject)).toEqual([
      `Part of appeal ${number} sent to the competent body: new number ${partNumber}`,
    ]);
    expect(told[0]?.body_text).toContain(`the rest under the number ${number}`);

    const whole = await done(head, number, "redirect", {
      agencyId: YESIL,
      reason: "All of it concerns Yesil district",
    });
    expect(whole.body).toContain("The appeal has been redirected and the applicant told.");
    const created = /Its number there: (YSA-2025-\d{4})/.exec(whole.body)?.[1];
    expect(created).toBeTruthy();
    expect(created).not.toBe(partNumber);
    expect((await row(number)).status).toBe("redirected");
    const there = await row(created ?? "");
    expect(there).toMatchObject({ agency_id: YESIL, status: "registered", due_on: "2025-04-14" });
    // A crafted link cannot make the banner name a number the appeal did not lead to.
    const crafted = await getPage(
      t,
      head,
      `/office/appeals/${number}?done=redirect&created=FAKE-2025-000001`,
    );
    expect(crafted.body).toContain("The appeal has been redirected and the applicant told.");
    expect(crafted.body).not.toContain("Its number there: FAKE-2025-000001");
  });

  it("forwards a complaint to the higher body", async () => {
    const me = await citizen(t);
    const { number } = await file(t, me);
    await api(t, head, "POST", `/api/v1/appeals/${number}/assign`, {
      executorId: executor.accountId,
    });
    await api(t, executor, "POST", `/api/v1/appeals/${number}/answer`, {
      outcome: "refused",
      text: "No budget.",
    });
    await api(t, head, "POST", `/api/v1/appeals/${number}/approve`, {});
    const complaint = await api(t, me, "POST", `/api/v1/appeals/${number}/complain`, {
      text: "The refusal gives no reasons.",
    });
    const filed = complaint.json.created.number as string;
    const page = await getPage(t, head, `/office/appeals/${filed}`);
    expect(page.body).toContain(`action="/office/appeals/${filed}/forward"`);
    expect(page.body).toContain("Akimat of Astana");
    const res = await done(head, filed, "forward", { position: "The answer was lawful." });
    expect(res.body).toContain("The complaint has been forwarded to the higher body.");
    const created = /Its number there: (AST-2025-\d{4})/.exec(res.body)?.[1];
    expect((await row(created ?? "")).agency_id).toBe(CITY);
    // An ordinary appeal is never offered the forward step.
    const plain = await getPage(t, head, `/office/appeals/${number}`);
    expect(plain.body).not.toContain(`action="/office/appeals/${number}/forward"`);
  });

  it("returns with a reason from the list, but never a crime report", async () => {
    const { number } = await file(t, await citizen(t));
    const page = await getPage(t, head, `/office/appeals/${number}`);
    // "Not corrected in time" applies only after a correction term ran out.
    expect(page.body).not.toContain('value="correction_not_made"');
    const early = await act(head, number, "return", { reason: "correction_not_made" });
    expect(early.status).toBe(409);
    expect(early.body).toContain("The term to correct the appeal has not yet passed.");
    await refused(
      head,
      number,
      "return",
      { reason: "" },
      ["Choose a reason from the list"],
      ["return-reason"],
    );
    await done(head, number, "return", { reason: "obscene", note: "Insults in every line" });
    expect(await row(number)).toMatchObject({
      status: "returned",
      close_reason: "obscene",
      close_note: "Insults in every line",
    });

    const crime = await file(t, await citizen(t), { crimeReport: true });
    const crimePage = await getPage(t, head, `/office/appeals/${crime.number}`);
    expect(crimePage.body).toContain("govuk-warning-text");
    expect(crimePage.body).toContain("It is never returned");
    expect(crimePage.body).not.toContain(`action="/office/appeals/${crime.number}/return"`);
    const tried = await act(head, crime.number, "return", { reason: "obscene" });
    expect(tried.status).toBe(409);
    expect(tried.body).toContain("This step is not possible now");
    expect(tried.body).toContain("is never returned or terminated as anonymous");
    expect((await row(crime.number)).status).toBe("registered");
  });

  it("terminates with a reason from the list", async () => {
    const { number } = await file(t, await citizen(t));
    await refused(
      head,
      number,
      "terminate",
      { reason: "bored" },
      ["Choose a reason from the list"],
      ["terminate-reason"],
    );
    await done(head, number, "terminate", { reason: "court_act" });
    expect(await row(number)).toMatchObject({ status: "terminated", close_reason: "court_act" });
    const page = await getPage(t, head, `/office/appeals/${number}`);
    expect(page.body).toContain("a court has ruled on the matter");
    expect(page.body).toContain("There is nothing you can do on this appeal");
  });

  it("explains in the reader's language why a step is not possible now", async () => {
    const { number } = await file(t, await citizen(t));
    const en = await act(head, number, "approve", {});
    expect(en.status).toBe(409);
    expect(en.body).toContain("The appeal is now “Registered”");
    const ru = await postForm(t, head, `/office/appeals/${number}/approve`, {}, "ru");
    expect(ru.body).toContain("Обращение сейчас в состоянии «Зарегистрировано»");
    const kk = await postForm(t, head, `/office/appeals/${number}/approve`, {}, "kk");
    expect(kk.body).toContain("Бұл қадам қазір мүмкін емес");
    expect((await row(number)).status).toBe("registered");
  });

  it("shows the timeline with who did each step, and the legal terms", async () => {
    const { number } = await file(t, await citizen(t));
    await api(t, head, "POST", `/api/v1/appeals/${number}/assign`, {
      executorId: executor.accountId,
    });
    const page = await getPage(t, head, `/office/appeals/${number}`);
    expect(page.body).toContain("Resolution issued");
    expect(page.body).toContain("Test Staff");
    expect(page.body).toContain("19 March 2025 at 10:00");
    // Redirect within 3 working days of 19 March 2025: Nauryz (21–25 March) moves it to 27 March.
    expect(page.body).toContain("Redirect to the competent body by");
    expect(page.body).toContain("Thursday, 27 March 2025");
    expect(page.body).toContain("Monday, 14 April 2025");
    expect(page.body).toContain("15 working days");
    const r = await row(number);
    expect(page.body).toContain(r.registration_hash);
  });
});
