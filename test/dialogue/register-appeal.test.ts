import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endOfTerm, registrationDay } from "../../src/capabilities/appeals/deadlines.js";
import { appealProfile } from "../../src/capabilities/appeals/index.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import {
  ask,
  BAIKONUR,
  castFor,
  citizen,
  form,
  page,
  published,
  YESIL,
  YESIL_SLUG,
} from "./support.js";

/**
 * A waiting or published dialogue question registered as an appeal of the same body: the asker
 * is the applicant, the term runs from that day, the question leaves the dialogue, the asker
 * is told the number, and nobody else may do it.
 */
describe.each(testDialects())("registering a dialogue question as an appeal on %s", (dialect) => {
  let t: TestApp;
  let yesil: Awaited<ReturnType<typeof castFor>>;
  let baikonur: Awaited<ReturnType<typeof castFor>>;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    yesil = await castFor(t, YESIL);
    baikonur = await castFor(t, BAIKONUR);
  });
  afterAll(async () => t?.close());

  const db = () => t.ctx.db.kysely;
  const question = (id: string) =>
    db()
      .selectFrom("dialogue_questions")
      .select(["status", "appeal_id", "appeal_number"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const footprint = async (id: string) => ({
    row: await question(id),
    appeals: (await db().selectFrom("appeals").select("id").execute()).length,
    audit: (await db().selectFrom("audit_events").select("seq").execute()).length,
    mail: (await db().selectFrom("mail_outbox").select("id").execute()).length,
  });
  const emailOf = async (who: SignedIn) =>
    (
      await db()
        .selectFrom("accounts")
        .select("email")
        .where("id", "=", who.accountId)
        .executeTakeFirstOrThrow()
    ).email ?? "";

  /** The term as the appeals count it for a registration now in the body's jurisdiction. */
  async function expectedTerm(kind: "statement" | "proposal") {
    const agency = await db()
      .selectFrom("agencies")
      .select("jurisdiction")
      .where("id", "=", YESIL)
      .executeTakeFirstOrThrow();
    const profile = appealProfile(agency.jurisdiction);
    const calendar = t.ctx.calendars.forJurisdiction(agency.jurisdiction);
    const registeredOn = registrationDay(t.ctx.clock.now(), profile, calendar);
    return { registeredOn, dueOn: endOfTerm(calendar, registeredOn, profile.consideration[kind]) };
  }

  it("the moderator registers a waiting question as a statement of the body", async () => {
    const asker = await citizen(t);
    const id = await ask(t, asker, YESIL);
    const staffPage = await page(t, yesil.moderator, `/office/dialogue/questions/${id}`, "ru");
    expect(staffPage.body).toContain(`/office/dialogue/questions/${id}/appeal`);
    expect(staffPage.body).toContain("Зарегистрировать как обращение");
    for (const lang of ["kk", "ru", "en"]) {
      const p = await page(t, yesil.moderator, `/office/dialogue/questions/${id}/appeal`, lang);
      expect(p.status, lang).toBe(200);
      expect(await htmlProblems(p.body), lang).toEqual([]);
    }
    const kk = await page(t, yesil.moderator, `/office/dialogue/questions/${id}/appeal`, "kk");
    expect(kk.body).toContain("Өтініш ретінде тіркеу");
    expect(kk.body).toContain("Арыз");

    const before = await footprint(id);
    const res = await form(t, yesil.moderator, `/office/dialogue/questions/${id}/appeal`, {
      kind: "statement",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/office/dialogue/questions/${id}/appeal`);
    const after = await footprint(id);
    expect(after.appeals).toBe(before.appeals + 1);
    expect(after.row.status).toBe("registered_as_appeal");
    const appeal = await db()
      .selectFrom("appeals")
      .selectAll()
      .where("id", "=", after.row.appeal_id ?? "")
      .executeTakeFirstOrThrow();
    expect(appeal.number).toBe(after.row.appeal_number);
    expect(appeal.agency_id).toBe(YESIL);
    expect(appeal.kind).toBe("statement");
    expect(appeal.channel).toBe("online");
    expect(appeal.status).toBe("registered");
    expect(appeal.applicant_account_id).toBe(asker.accountId);
    expect(appeal.subject).toMatch(/^Street lighting on Kenesary street/);
    expect(appeal.body).toBe("When will the street lamps on Kenesary street be repaired?");
    const term = await expectedTerm("statement");
    expect(appeal.registered_on).toBe(term.registeredOn);
    expect(appeal.due_on).toBe(term.dueOn);

    const audit = await db()
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("subject_id", "=", id)
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("dialogue.question.registered_as_appeal");
    expect(JSON.parse(audit.data)).toMatchObject({
      from: "pending",
      appealId: appeal.id,
      number: appeal.number,
      kind: "statement",
    });

    const mail = await db()
      .selectFrom("mail_outbox")
      .select(["subject", "body_text"])
      .where("to_address", "=", await emailOf(asker))
      .execute();
    const told = mail.find(
      (m) => m.subject === "Your question to the head has been registered as an appeal",
    );
    expect(told?.body_text).toContain(`appeal No. ${appeal.number}`);
    expect(told?.body_text).toContain(`/appeals/${encodeURIComponent(appeal.number)}`);

    // the asker has it among their appeals; it is gone from the moderation queue
    const mine = await page(t, asker, "/my");
    expect(mine.body).toContain(appeal.number);
    for (const lang of ["kk", "ru", "en"]) {
      const own = await page(t, asker, `/dialogue/${YESIL_SLUG}/questions/${id}`, lang);
      expect(own.status, lang).toBe(200);
      expect(own.body).toContain(`/appeals/${encodeURIComponent(appeal.number)}`);
      expect(await htmlProblems(own.body), lang).toEqual([]);
    }
    expect((await page(t, null, `/dialogue/${YESIL_SLUG}/questions/${id}`)).status).toBe(404);
    const staffAfter = await page(t, yesil.moderator, `/office/dialogue/questions/${id}`, "ru");
    expect(staffAfter.body).toContain("Зарегистрирован как обращение");
    expect(staffAfter.body).toContain(`/office/appeals/${encodeURIComponent(appeal.number)}`);
    expect(staffAfter.body).not.toContain(`/office/dialogue/questions/${id}/appeal"`);
    const queue = await page(t, yesil.moderator, `/office/dialogue/${YESIL}/moderation`);
    expect(queue.body).not.toContain(id);
    for (const lang of ["kk", "ru", "en"]) {
      const done = await page(t, yesil.moderator, `/office/dialogue/questions/${id}/appeal`, lang);
      expect(done.status, lang).toBe(200);
      expect(done.body).toContain(appeal.number);
      expect(await htmlProblems(done.body), lang).toEqual([]);
    }
    // done once: a second registration is refused and changes nothing
    const again = await footprint(id);
    const twice = await form(t, yesil.moderator, `/office/dialogue/questions/${id}/appeal`, {
      kind: "statement",
    });
    expect(twice.status).toBe(409);
    expect(await footprint(id)).toEqual(again);
  });

  it("the head registers a published question as a proposal, in the asker's language", async () => {
    const asker = await citizen(t);
    await db()
      .updateTable("accounts")
      .set({ language: "ru" })
      .where("id", "=", asker.accountId)
      .execute();
    const id = await published(t, asker, yesil.moderator);
    const res = await form(t, yesil.head, `/office/dialogue/questions/${id}/appeal`, {
      kind: "proposal",
    });
    expect(res.status).toBe(303);
    const row = await question(id);
    expect(row.status).toBe("registered_as_appeal");
    const appeal = await db()
      .selectFrom("appeals")
      .select(["kind", "due_on", "applicant_account_id"])
      .where("id", "=", row.appeal_id ?? "")
      .executeTakeFirstOrThrow();
    expect(appeal.kind).toBe("proposal");
    expect(appeal.applicant_account_id).toBe(asker.accountId);
    expect(appeal.due_on).toBe((await expectedTerm("proposal")).dueOn);
    const mail = await db()
      .selectFrom("mail_outbox")
      .select(["subject", "body_text"])
      .where("to_address", "=", await emailOf(asker))
      .where("subject", "=", "Ваш вопрос руководителю зарегистрирован как обращение")
      .executeTakeFirstOrThrow();
    expect(mail.body_text).toContain(`как обращение № ${row.appeal_number}`);
    expect(mail.body_text).toMatch(/Ответ будет дан до \d+ [а-я]+ \d{4} г\./);
    // no longer public
    const pub = await page(t, null, `/dialogue`);
    expect(pub.body).not.toContain(id);
  });

  it("refuses a missing kind, other roles and bodies, and a rejected question, changing nothing", async () => {
    const asker = await citizen(t);
    const id = await ask(t, asker, YESIL);
    const before = await footprint(id);
    for (const kind of ["", "complaint", "nonsense"]) {
      const res = await form(t, yesil.moderator, `/office/dialogue/questions/${id}/appeal`, {
        kind,
      });
      expect(res.status, kind).toBe(400);
      expect(res.body).toContain("Choose the kind of appeal");
    }
    for (const who of [yesil.executor, baikonur.moderator, baikonur.head, asker]) {
      const res = await form(t, who, `/office/dialogue/questions/${id}/appeal`, {
        kind: "statement",
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect((await page(t, who, `/office/dialogue/questions/${id}/appeal`)).status).toBe(404);
    }
    const executorView = await page(t, yesil.executor, `/office/dialogue/questions/${id}`);
    expect(executorView.body).not.toContain(`/office/dialogue/questions/${id}/appeal`);
    expect(await footprint(id)).toEqual(before);

    const refused = await ask(t, asker, YESIL);
    const r = await form(t, yesil.moderator, `/office/dialogue/questions/${refused}/reject`, {
      reason: "duplicate",
    });
    expect(r.status).toBe(303);
    const beforeRejected = await footprint(refused);
    const late = await form(t, yesil.moderator, `/office/dialogue/questions/${refused}/appeal`, {
      kind: "statement",
    });
    expect(late.status).toBe(409);
    expect(await footprint(refused)).toEqual(beforeRejected);
  });
});
