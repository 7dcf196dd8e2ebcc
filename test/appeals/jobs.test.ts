import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from "vitest";
import type { AppealAction } from "../../src/capabilities/appeals/appeal.js";
import { actOnAppeal } from "../../src/capabilities/appeals/commands/appeal-actions.js";
import { recordDeemedRefusals } from "../../src/capabilities/appeals/jobs/deemed-refused.js";
import {
  escalateOverdue,
  higherBodyDueLimit,
} from "../../src/capabilities/appeals/jobs/escalation.js";
import { appealJobs } from "../../src/capabilities/appeals/jobs/index.js";
import { sendDueReminders } from "../../src/capabilities/appeals/jobs/reminders.js";
import { auditTrail, verifyAuditChain } from "../../src/kernel/audit/audit.js";
import { createCalendarRegistry } from "../../src/kernel/calendar/index.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { signInAs } from "../support/sessions.js";
import { BAIKONUR, CITY, citizen, file } from "./support.js";

const page = { pageSize: 500 };

describe("the higher body's due limit", () => {
  const kz = createCalendarRegistry().get("kz");
  if (!kz) throw new Error("no Kazakhstan calendar");

  it("is the due date three working days before today, the head being told the day after", () => {
    // Due Monday 14 April 2025: the head hears on Tuesday, the higher body on Friday the 18th.
    expect(higherBodyDueLimit(kz, "2025-04-18", 3)).toBe("2025-04-14");
    expect(higherBodyDueLimit(kz, "2025-04-17", 3)).toBe("2025-04-13");
    // Across Nauryz (21, 24 and 25 March 2025 off): due Thursday 20 March, the head hears on
    // Wednesday 26th, the higher body a working day later, on Thursday 27th.
    expect(higherBodyDueLimit(kz, "2025-03-26", 1)).toBe("2025-03-19");
    expect(higherBodyDueLimit(kz, "2025-03-27", 1)).toBe("2025-03-25");
  });
});

describe.each(testDialects())("the appeals clock (%s)", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let executor: SignedIn;
  let cityHead: SignedIn;
  let errors: MockInstance;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    errors = vi.spyOn(t.ctx.log, "error");
    head = await signInAs(t, {
      grants: [{ role: "head", agencyId: BAIKONUR }],
      email: `head-${dialect}@clock.test`,
    });
    // The head reads Kazakh: staff mail follows the account's language.
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ language: "kk" })
      .where("id", "=", head.accountId)
      .execute();
    executor = await signInAs(t, {
      grants: [{ role: "executor", agencyId: BAIKONUR }],
      email: `executor-${dialect}@clock.test`,
    });
    cityHead = await signInAs(t, {
      grants: [{ role: "head", agencyId: CITY }],
      email: `city-head-${dialect}@clock.test`,
    });
  });
  afterAll(async () => {
    await t?.close();
  });
  // A step that fails is logged and skipped by the clock: none may fail here, demo appeals included.
  afterEach(() => {
    const calls = errors.mock.calls;
    errors.mockClear();
    expect(calls).toEqual([]);
  });

  const at = (iso: string) => t.clock.set(iso);
  const db = () => t.ctx.db.kysely;
  const appeal = (number: string) =>
    db().selectFrom("appeals").selectAll().where("number", "=", number).executeTakeFirstOrThrow();
  const mailTo = async (email: string, number: string) =>
    (
      await db()
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", email)
        .orderBy("created_at")
        .execute()
    )
      // The clock's own mail: not the executor's notice of the assignment (staff-notices.test.ts).
      .filter((m) => m.subject.includes(number) && !m.subject.endsWith("executor assigned"))
      .map((m) => ({ subject: m.subject, text: m.body_text }));
  const actions = async (number: string, action: string) =>
    (await auditTrail(db(), "appeal", (await appeal(number)).id)).filter(
      (e) => e.action === action,
    );
  const emailOf = async (who: SignedIn) =>
    (
      await db()
        .selectFrom("accounts")
        .select("email")
        .where("id", "=", who.accountId)
        .executeTakeFirstOrThrow()
    ).email as string;
  /** A citizen files on 19 March 2025, 10:00 in Almaty: due Monday 14 April 2025. */
  const fileOn19March = async () => {
    at("2025-03-19T05:00:00Z");
    const me = await citizen(t);
    const filed = await file(t, me);
    expect(filed.dueDate).toBe("2025-04-14");
    return { me, number: filed.number };
  };
  /** A staff step at the clock's time, through the same command the pages and the API use. */
  const act = async (
    who: SignedIn,
    agencyId: string,
    role: "head" | "executor",
    number: string,
    action: AppealAction,
    input: Record<string, unknown> = {},
  ) => {
    const principal = {
      accountId: who.accountId,
      kind: "staff" as const,
      grants: [{ role, agencyId }],
      secondFactor: true,
    };
    const result = await actOnAppeal(t.ctx, principal, number, action, input);
    expect(result.kind).toBe("ok");
  };

  it("reminds the executor and the heads once per due date, and again after an extension", async () => {
    const { number } = await fileOn19March();
    await act(head, BAIKONUR, "head", number, "assign", { executorId: executor.accountId });
    const executorEmail = await emailOf(executor);
    const headEmail = await emailOf(head);

    // Wednesday 9 April: three working days before the term, too early.
    at("2025-04-09T04:00:00Z");
    await sendDueReminders(t.ctx, page);
    expect(await mailTo(executorEmail, number)).toEqual([]);

    // Thursday 10 April: two working days before Monday 14 April; two instances at once.
    at("2025-04-10T04:00:00Z");
    await Promise.all([sendDueReminders(t.ctx, page), sendDueReminders(t.ctx, page)]);
    await sendDueReminders(t.ctx, page);
    const toExecutor = await mailTo(executorEmail, number);
    expect(toExecutor).toHaveLength(1);
    expect(toExecutor[0]?.subject).toBe(`Appeal ${number}: the answer is due on 14 April 2025`);
    expect(toExecutor[0]?.text).toContain(`/office/appeals/${number}`);
    const toHead = await mailTo(headEmail, number);
    expect(toHead).toHaveLength(1);
    expect(toHead[0]?.subject).toBe(
      `${number} өтініші: жауап 2025 жылғы 14 сәуірге дейін берілуі тиіс`,
    );
    expect((await appeal(number)).reminded_for).toBe("2025-04-14");
    expect(await actions(number, "appeal.reminded")).toHaveLength(1);

    // The head extends the term: the new date brings a new reminder, once.
    await act(head, BAIKONUR, "head", number, "extend", {
      until: "2025-04-30",
      reason: "An expert opinion is needed",
    });
    at("2025-04-25T04:00:00Z"); // Friday: Wednesday 30 April is three working days away
    await sendDueReminders(t.ctx, page);
    expect(await mailTo(executorEmail, number)).toHaveLength(1);
    at("2025-04-28T04:00:00Z"); // Monday
    await Promise.all([sendDueReminders(t.ctx, page), sendDueReminders(t.ctx, page)]);
    const again = await mailTo(executorEmail, number);
    expect(again).toHaveLength(2);
    expect(again[1]?.subject).toBe(`Appeal ${number}: the answer is due on 30 April 2025`);
    expect((await appeal(number)).reminded_for).toBe("2025-04-30");
    expect(await actions(number, "appeal.reminded")).toHaveLength(2);
  });

  it("records 'deemed refused' once in the body's time zone and tells the applicant once", async () => {
    const { me, number } = await fileOn19March();
    await db()
      .updateTable("accounts")
      .set({ phone: "+77015550101", notify_sms: 1 })
      .where("id", "=", me.accountId)
      .execute();
    const { number: answeredNumber } = await fileOn19March();
    await act(head, BAIKONUR, "head", answeredNumber, "assign", {
      executorId: executor.accountId,
    });
    await act(executor, BAIKONUR, "executor", answeredNumber, "answer", {
      outcome: "explained",
      text: "The lamps are repaired.",
    });
    await act(head, BAIKONUR, "head", answeredNumber, "approve");
    const applicantEmail = await emailOf(me);
    const sms = async () =>
      (
        await db()
          .selectFrom("sms_outbox")
          .selectAll()
          .where("to_phone", "=", "+77015550101")
          .execute()
      ).filter((m) => m.body_text.includes(number));

    // 17:00 in Almaty on the due day: the term is still running.
    at("2025-04-14T12:00:00Z");
    await recordDeemedRefusals(t.ctx, page);
    expect((await appeal(number)).deemed_refused_at).toBeNull();

    // 00:30 on 15 April in Almaty, still 14 April in UTC: the term has passed there.
    at("2025-04-14T19:30:00Z");
    const [a, b] = await Promise.all([
      recordDeemedRefusals(t.ctx, page),
      recordDeemedRefusals(t.ctx, page),
    ]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    at("2025-04-15T05:00:00Z");
    await recordDeemedRefusals(t.ctx, page);

    const row = await appeal(number);
    expect(row.deemed_refused_at).toBe("2025-04-14T19:30:00.000Z");
    expect(row.status).toBe("registered");
    const recorded = await actions(number, "appeal.deemed_refused");
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      actorId: null,
      actorLabel: "system:clock",
      data: { dueOn: "2025-04-14", status: "registered" },
    });
    const mail = await mailTo(applicantEmail, number);
    expect(mail.filter((m) => m.subject.includes("deemed refused"))).toHaveLength(1);
    expect(await sms()).toHaveLength(1);
    // An appeal answered in time is not deemed refused.
    expect((await appeal(answeredNumber)).deemed_refused_at).toBeNull();
    expect(await actions(answeredNumber, "appeal.deemed_refused")).toEqual([]);
  });

  it("escalates a missed term to the body's heads, then to the higher body's heads, once each", async () => {
    const { number } = await fileOn19March();
    const headEmail = await emailOf(head);
    const cityEmail = await emailOf(cityHead);
    const level = async () => Number((await appeal(number)).escalation_level);

    at("2025-04-14T12:00:00Z");
    await escalateOverdue(t.ctx, page);
    expect(await level()).toBe(0);

    // Tuesday 15 April: the term passed; the head hears of it.
    at("2025-04-15T04:00:00Z");
    await Promise.all([escalateOverdue(t.ctx, page), escalateOverdue(t.ctx, page)]);
    expect(await level()).toBe(1);
    const toHead = await mailTo(headEmail, number);
    expect(toHead).toHaveLength(1);
    expect(toHead[0]?.subject).toBe(
      `${number} өтініші: мерзім 2025 жылғы 14 сәуірде өтті, шешім қабылданбады`,
    );
    expect(await mailTo(cityEmail, number)).toEqual([]);

    // Thursday 17 April: two working days later, not yet three.
    at("2025-04-17T04:00:00Z");
    await escalateOverdue(t.ctx, page);
    expect(await level()).toBe(1);
    expect(await mailTo(cityEmail, number)).toEqual([]);

    // Friday 18 April: three working days after the head was told, the higher body hears.
    at("2025-04-18T04:00:00Z");
    await Promise.all([escalateOverdue(t.ctx, page), escalateOverdue(t.ctx, page)]);
    await escalateOverdue(t.ctx, page);
    expect(await level()).toBe(2);
    const toCity = await mailTo(cityEmail, number);
    expect(toCity).toHaveLength(1);
    expect(toCity[0]?.subject).toMatch(
      new RegExp(`^Appeal ${number} at .+: no decision since 14 April 2025$`),
    );
    // The higher body's staff cannot open the case, so no link is given.
    expect(toCity[0]?.text).not.toContain("/office/appeals/");
    expect(await mailTo(headEmail, number)).toHaveLength(1);

    const escalations = await actions(number, "appeal.escalated");
    expect(escalations.map((e) => e.data)).toEqual([
      { level: 1, to: BAIKONUR, recipients: expect.any(Number), dueOn: "2025-04-14" },
      { level: 2, to: CITY, recipients: 1, dueOn: "2025-04-14" },
    ]);
    expect(escalations.every((e) => e.actorLabel === "system:clock")).toBe(true);
  });

  it("runs the clock as three background jobs every minute, beside the housekeeping, leaving the audit chain intact", async () => {
    const jobs = appealJobs(t.ctx);
    expect(jobs.map((j) => [j.name, j.everyMs])).toEqual([
      ["appeals-reminders", 60_000],
      ["appeals-deemed-refused", 60_000],
      ["appeals-escalation", 60_000],
      ["appeals-staff-digest", 60_000],
      ["appeals-drafts-cleanup", 3_600_000],
      ["appeals-attachments-sweep", 86_400_000],
    ]);
    const { number } = await fileOn19March();
    at("2025-04-22T04:00:00Z");
    for (const job of jobs.filter((j) => j.everyMs === 60_000)) await job.run();
    const row = await appeal(number);
    expect(row.deemed_refused_at).toBe("2025-04-22T04:00:00.000Z");
    expect(Number(row.escalation_level)).toBe(2);
    expect((await verifyAuditChain(db())).brokenAt).toBeNull();
  });
});
