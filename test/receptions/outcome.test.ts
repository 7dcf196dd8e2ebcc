import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receptionMeasures } from "../../src/capabilities/receptions/measures.js";
import { resume } from "../appeals/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import {
  api,
  BAIKONUR,
  book,
  citizen,
  countRows,
  MONDAY,
  page,
  post,
  publish,
  staff,
} from "./support.js";

/** Wednesday 19 March 2025, 11:00 in Astana: during the reception, two days before Nauryz. */
const DURING = "2025-03-19T06:00:00Z";

describe.each(testDialects())("outcomes of a reception on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let people: SignedIn[];
  const bookings: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: MONDAY });
    head = await staff(t, "head");
    const slots = await publish(t, head);
    people = await Promise.all(slots.map(() => citizen(t)));
    for (const [i, s] of slots.entries()) {
      const res = await book(t, people[i] as SignedIn, s.id, {
        question: `Question ${i}: the lamps in the yard of 40 Kenesary St do not work.`,
      });
      expect(res.status).toBe(201);
      bookings.push(res.json.id);
    }
  });
  afterAll(async () => t?.close());

  it("records nothing before the reception day", async () => {
    const res = await api(t, head, "POST", `/api/v1/receptions/bookings/${bookings[0]}/outcome`, {
      outcome: "resolved",
      note: "Done.",
    });
    expect(res.status).toBe(409);
  });

  it("registers an unresolved reception as an appeal: linked, the person's, term from then across Nauryz", async () => {
    t.clock.set(DURING);
    head = await resume(t, head);
    const person = await resume(t, people[0] as SignedIn);
    const appeals = await countRows(t, "appeals");
    const res = await post(t, head, `/office/reception/bookings/${bookings[0]}/outcome`, {
      outcome: "appeal",
      appealKind: "statement",
      refusalReason: "",
      note: "The akim asked for an inspection of the lighting.",
    });
    expect(res.statusCode).toBe(303);
    expect(await countRows(t, "appeals")).toBe(appeals + 1);
    const booking = await t.ctx.db.kysely
      .selectFrom("reception_bookings")
      .select(["status", "appeal_id", "appeal_number"])
      .where("id", "=", bookings[0] as string)
      .executeTakeFirstOrThrow();
    expect(booking.status).toBe("appeal");
    const appeal = await t.ctx.db.kysely
      .selectFrom("appeals")
      .selectAll()
      .where("id", "=", booking.appeal_id as string)
      .executeTakeFirstOrThrow();
    expect(appeal).toMatchObject({
      number: booking.appeal_number,
      channel: "reception",
      status: "registered",
      agency_id: BAIKONUR,
      kind: "statement",
      applicant_account_id: person.accountId,
      registered_on: "2025-03-19",
      // 15 working days from the day after: Nauryz (21–25 March 2025) is not counted.
      due_on: "2025-04-14",
    });
    expect(appeal.body).toContain("Question 0");
    // The person is told in their language, with the term written out.
    const told = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select(["subject", "body_text"])
      .where("subject", "=", `Your question was registered as appeal ${appeal.number}`)
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]?.body_text).toContain("14 April 2025");
    expect(appeal.body).toContain("inspection of the lighting");
    // The person sees it among their appeals, with its term; the body's inbox lists it.
    const mine = await api(t, person, "GET", "/api/v1/appeals");
    expect(mine.json.items.map((a: { number: string }) => a.number)).toContain(appeal.number);
    const inbox = await api(
      t,
      head,
      "GET",
      `/api/v1/agencies/${BAIKONUR}/appeals?channel=reception`,
    );
    expect(inbox.status).toBe(200);
    expect(inbox.json.items.map((a: { number: string }) => a.number)).toEqual([appeal.number]);
    const shown = await page(t, person, `/reception/bookings/${bookings[0]}`);
    expect(shown.body).toContain(appeal.number);
    expect(shown.body).toContain("14 April 2025");
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("subject_id", "in", [bookings[0] as string, appeal.id])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      "appeal.registered",
      "reception.booked",
      "reception.outcome.appeal",
    ]);
    // A second outcome is refused and changes nothing.
    const again = await api(t, head, "POST", `/api/v1/receptions/bookings/${bookings[0]}/outcome`, {
      outcome: "resolved",
      note: "x",
    });
    expect(again.status).toBe(409);
    expect(await countRows(t, "appeals")).toBe(appeals + 1);
  });

  it("records a refusal to register as a reasoned decision, audited", async () => {
    const events = await countRows(t, "audit_events");
    const bad = await api(t, head, "POST", `/api/v1/receptions/bookings/${bookings[1]}/outcome`, {
      outcome: "refused",
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("VALIDATION");
    expect(await countRows(t, "audit_events")).toBe(events);
    const form = await post(
      t,
      head,
      `/office/reception/bookings/${bookings[1]}/outcome`,
      { outcome: "refused", refusalReason: "", note: "" },
      "kk",
    );
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain("Бас тарту себебін таңдаңыз");
    const res = await api(t, head, "POST", `/api/v1/receptions/bookings/${bookings[1]}/outcome`, {
      outcome: "refused",
      refusalReason: "decided_by_court",
      note: "The dispute was decided by the district court on 3 March 2025.",
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: "refused",
      outcome: { refusalReason: "decided_by_court", appealNumber: null },
    });
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("subject_id", "=", bookings[1] as string)
      .where("action", "=", "reception.outcome.refused")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data as string)).toMatchObject({
      reason: "decided_by_court",
      text: "The dispute was decided by the district court on 3 March 2025.",
    });
  });

  it("records resolved (with its note) and did-not-come", async () => {
    const noNote = await api(
      t,
      head,
      "POST",
      `/api/v1/receptions/bookings/${bookings[2]}/outcome`,
      {
        outcome: "resolved",
      },
    );
    expect(noNote.status).toBe(400);
    const resolved = await api(
      t,
      head,
      "POST",
      `/api/v1/receptions/bookings/${bookings[2]}/outcome`,
      {
        outcome: "resolved",
        note: "The lamps will be replaced this week.",
      },
    );
    expect(resolved.json).toMatchObject({ status: "resolved" });
    const absent = await api(
      t,
      head,
      "POST",
      `/api/v1/receptions/bookings/${bookings[3]}/outcome`,
      {
        outcome: "no_show",
      },
    );
    expect(absent.json).toMatchObject({ status: "no_show" });
  });

  it("issues walk-in tickets 1, 2, 3 … under concurrency, and gives walk-ins the same outcomes", async () => {
    const registrar = await staff(t, "registrar");
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api(t, registrar, "POST", `/api/v1/agencies/${BAIKONUR}/reception/tickets`, {
          officialId: head.accountId,
          visitorName: `Visitor ${i}`,
          visitorContact: i === 0 ? "visitor0@test.invalid" : undefined,
          question: "About snow clearing in the yard.",
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    const tickets = answers.map((a) => a.json.ticket as number).sort((a, b) => a - b);
    expect(tickets).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(answers.every((a) => a.json.day === "2025-03-19" && a.json.status === "waiting")).toBe(
      true,
    );
    // Another official's queue starts at 1.
    const deputy = await staff(t, "head");
    const own = await api(t, deputy, "POST", `/api/v1/agencies/${BAIKONUR}/reception/tickets`, {
      visitorName: "Walk-in",
      question: "Parking.",
    });
    expect(own.json.ticket).toBe(1);
    const queue = await page(t, null, "/agencies/baikonur-district-akimat/reception/queue");
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain("Now receiving: ticket 1");
    // A walk-in without a contact cannot become an appeal (the appeals' own rule); with one, it can.
    const noContact = answers[1]?.json;
    const refused = await api(
      t,
      head,
      "POST",
      `/api/v1/receptions/bookings/${noContact.id}/outcome`,
      {
        outcome: "appeal",
        appealKind: "proposal",
      },
    );
    expect(refused.status).toBe(400);
    const first = answers[0]?.json;
    const appeal = await api(t, head, "POST", `/api/v1/receptions/bookings/${first.id}/outcome`, {
      outcome: "appeal",
      appealKind: "proposal",
    });
    expect(appeal.json).toMatchObject({ status: "appeal" });
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["channel", "applicant_name", "applicant_email", "due_on", "applicant_account_id"])
      .where("number", "=", appeal.json.outcome.appealNumber)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: "reception",
      applicant_name: "Visitor 0",
      applicant_email: "visitor0@test.invalid",
      applicant_account_id: null,
    });
    const resolved = await api(
      t,
      head,
      "POST",
      `/api/v1/receptions/bookings/${answers[2]?.json.id}/outcome`,
      {
        outcome: "resolved",
        note: "Explained.",
      },
    );
    expect(resolved.json).toMatchObject({ status: "resolved" });
  });

  it("measures the body's reception", async () => {
    const m = await receptionMeasures(t.ctx, BAIKONUR, { from: "2025-03-19", to: "2025-03-19" });
    const v = Object.fromEntries(m.map((x) => [x.name, x.value]));
    expect(v["receptions.slots_offered"]).toBe(6);
    expect(v["receptions.slots_taken"]).toBe(6);
    expect(v["receptions.share_taken"]).toBe(1);
    // Held that day: appeal, refused, resolved (booked), appeal and resolved (walk-ins).
    expect(v["receptions.share_resolved"]).toBeCloseTo(2 / 5);
    // Next free slot of the demo head (Tuesday 25 March, 10:00) as of the end of 19 March.
    expect(typeof v["receptions.wait_days"]).toBe("number");
    const all = await t.ctx.measures(BAIKONUR, { from: "2025-03-01", to: "2025-03-31" });
    expect(all.map((x) => x.name)).toEqual(
      expect.arrayContaining(["receptions.slots_offered", "receptions.wait_days"]),
    );
  });
});
