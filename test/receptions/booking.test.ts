import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendReceptionReminders } from "../../src/capabilities/receptions/jobs.js";
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

describe.each(testDialects())("booking a reception on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let slots: { id: string; starts_at: string }[];

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: MONDAY });
    head = await staff(t, "head");
    slots = await publish(t, head);
  });
  afterAll(async () => t?.close());

  it("generates the slots of a schedule in the body's zone, and lists them", async () => {
    expect(slots.map((s) => s.starts_at)).toEqual([
      "2025-03-19T05:00:00.000Z",
      "2025-03-19T05:20:00.000Z",
      "2025-03-19T05:40:00.000Z",
      "2025-03-19T06:00:00.000Z",
      "2025-03-19T06:20:00.000Z",
      "2025-03-19T06:40:00.000Z",
    ]);
    const listed = await api(
      t,
      null,
      "GET",
      `/api/v1/agencies/${BAIKONUR}/reception/slots?free=true`,
    );
    expect(listed.status).toBe(200);
    const mine = listed.json.items.filter(
      (s: { officialId: string }) => s.officialId === head.accountId,
    );
    expect(mine).toHaveLength(6);
    expect(mine[0]).toMatchObject({
      free: true,
      timeZone: expect.any(String),
      topics: ["cat-roads-lighting", "cat-landscaping"],
    });
    const shown = await page(t, null, "/agencies/baikonur-district-akimat/reception");
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`/reception/slots/${slots[0]?.id}`);
  });

  it("refuses a schedule with bad input, with localised errors, and changes nothing", async () => {
    const before = await t.ctx.db.kysely.selectFrom("reception_slots").select("id").execute();
    const res = await post(
      t,
      head,
      `/office/reception/schedules?agency=${BAIKONUR}`,
      {
        "firstDay-day": "31",
        "firstDay-month": "2",
        "firstDay-year": "2025",
        weeks: "40",
        startTime: "12:00",
        endTime: "10:00",
        slotMinutes: "5",
        place: "",
        onlineUrl: "http://example.com/x",
        "topics[]": ["cat-nope"],
      },
      "ru",
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Введите существующую дату");
    expect(res.body).toContain("Введите адрес https");
    expect(res.body).toContain("Время окончания должно быть позже времени начала");
    const after = await t.ctx.db.kysely.selectFrom("reception_slots").select("id").execute();
    expect(after.length).toBe(before.length);
  });

  it("books a slot once: under concurrency exactly one person gets it", async () => {
    const slot = slots[0]?.id as string;
    const people = await Promise.all(Array.from({ length: 8 }, () => citizen(t)));
    const answers = await Promise.all(people.map((p) => book(t, p, slot)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 201)?.json;
    expect(winner).toMatchObject({ status: "booked", slotId: slot, kind: "booking" });
    const rows = await t.ctx.db.kysely
      .selectFrom("reception_bookings")
      .select(["id"])
      .where("slot_id", "=", slot)
      .execute();
    expect(rows).toEqual([{ id: winner.id }]);
    const s = await t.ctx.db.kysely
      .selectFrom("reception_slots")
      .select("booking_id")
      .where("id", "=", slot)
      .executeTakeFirstOrThrow();
    expect(s.booking_id).toBe(winner.id);
    const loser = answers.find((a) => a.status === 409)?.json;
    expect(loser.error.code).toBe("CONFLICT");
  });

  it("confirms by e-mail, lists it in my receptions, and refuses bad input", async () => {
    const person = await citizen(t, "booker@test.invalid");
    const mail = await countRows(t, "mail_outbox");
    const bad = await book(t, person, slots[1]?.id as string, { question: "  " });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details?.[0]?.field ?? JSON.stringify(bad.json)).toContain("question");
    const ok = await book(t, person, slots[1]?.id as string, { redirectConsent: true });
    expect(ok.status).toBe(201);
    expect(ok.json.redirectConsent).toBe(true);
    expect(await countRows(t, "mail_outbox")).toBe(mail + 1);
    const sent = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select(["subject"])
      .where("to_address", "=", "booker@test.invalid")
      .execute();
    expect(sent.map((m) => m.subject)).toEqual(["Your personal reception is booked"]);
    const mine = await api(t, person, "GET", "/api/v1/receptions/bookings");
    expect(mine.json.items.map((b: { id: string }) => b.id)).toEqual([ok.json.id]);
    const again = await book(t, person, slots[2]?.id as string);
    expect(again.status).toBe(409);
    const list = await page(t, person, "/reception/mine");
    expect(list.body).toContain(`/reception/bookings/${ok.json.id}`);
  });

  it("moves and cancels a future booking, freeing the slot; not once it has passed", async () => {
    const person = await citizen(t);
    const b = await book(t, person, slots[3]?.id as string);
    expect(b.status).toBe(201);
    // Moving to a taken slot is refused and changes nothing.
    const taken = await api(t, person, "POST", `/api/v1/receptions/bookings/${b.json.id}/move`, {
      slotId: slots[0]?.id,
    });
    expect(taken.status).toBe(409);
    const moved = await post(t, person, `/reception/bookings/${b.json.id}/move`, {
      slotId: slots[4]?.id as string,
    });
    expect(moved.statusCode).toBe(303);
    const slotRows = await t.ctx.db.kysely
      .selectFrom("reception_slots")
      .select(["id", "booking_id"])
      .where("id", "in", [slots[3]?.id as string, slots[4]?.id as string])
      .execute();
    expect(slotRows.find((s) => s.id === slots[3]?.id)?.booking_id).toBeNull();
    expect(slotRows.find((s) => s.id === slots[4]?.id)?.booking_id).toBe(b.json.id);
    // Someone else may not cancel it (404, nothing revealed).
    const stranger = await citizen(t);
    const foreign = await api(
      t,
      stranger,
      "POST",
      `/api/v1/receptions/bookings/${b.json.id}/cancel`,
    );
    expect(foreign.status).toBe(404);
    const cancelled = await post(t, person, `/reception/bookings/${b.json.id}/cancel`, {});
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe(`/reception/bookings/${b.json.id}?done=cancelled`);
    const freed = await t.ctx.db.kysely
      .selectFrom("reception_slots")
      .select("booking_id")
      .where("id", "=", slots[4]?.id as string)
      .executeTakeFirstOrThrow();
    expect(freed.booking_id).toBeNull();
    const twice = await api(t, person, "POST", `/api/v1/receptions/bookings/${b.json.id}/cancel`);
    expect(twice.status).toBe(409);
    // Once the time has passed, a booking can no longer be cancelled.
    const late = await book(t, person, slots[5]?.id as string);
    expect(late.status).toBe(201);
    t.clock.set("2025-03-19T07:00:00Z");
    const past = await api(
      t,
      await resume(t, person),
      "POST",
      `/api/v1/receptions/bookings/${late.json.id}/cancel`,
    );
    expect(past.status).toBe(409);
    t.clock.set(MONDAY);
  });

  it("reminds the day before, once, even when two instances run the job together", async () => {
    t.clock.set("2025-03-18T06:00:00Z");
    const [a, b] = await Promise.all([
      sendReceptionReminders(t.ctx),
      sendReceptionReminders(t.ctx),
    ]);
    const booked = await t.ctx.db.kysely
      .selectFrom("reception_bookings")
      .select(["id", "reminded_at"])
      .where("status", "=", "booked")
      .where("starts_at", ">", "2025-03-18T06:00:00Z")
      .where("starts_at", "<=", "2025-03-19T06:00:00Z")
      .execute();
    expect(booked.length).toBeGreaterThan(0);
    expect(a + b).toBe(booked.length);
    expect(booked.every((r) => r.reminded_at !== null)).toBe(true);
    expect(await sendReceptionReminders(t.ctx)).toBe(0);
    t.clock.set(MONDAY);
  });

  it("lets staff ask a clarifying question that the person answers on the booking page", async () => {
    const person = await citizen(t);
    const more = await publish(t, head, {
      "firstDay-day": "26",
      startTime: "15:00",
      endTime: "15:40",
    });
    const slot = more.find((s) => s.starts_at.startsWith("2025-03-26"));
    const b = await book(t, person, slot?.id as string);
    expect(b.status).toBe(201);
    const registrar = await staff(t, "registrar");
    const asked = await post(t, registrar, `/office/reception/bookings/${b.json.id}/clarify`, {
      clarification: "Which entrance?",
    });
    expect(asked.statusCode).toBe(303);
    const shown = await page(t, person, `/reception/bookings/${b.json.id}`);
    expect(shown.body).toContain("Which entrance?");
    const empty = await post(t, person, `/reception/bookings/${b.json.id}/answer`, { answer: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Write your answer");
    const answered = await post(t, person, `/reception/bookings/${b.json.id}/answer`, {
      answer: "The second entrance.",
    });
    expect(answered.statusCode).toBe(303);
    const office = await page(t, registrar, `/office/reception/bookings/${b.json.id}`);
    expect(office.body).toContain("The second entrance.");
  });

  it("redirects with consent (slot freed, person told), only tells without it", async () => {
    const more = (
      await publish(t, head, { "firstDay-day": "27", startTime: "15:00", endTime: "15:40" })
    ).filter((s) => s.starts_at.startsWith("2025-03-27"));
    const willing = await citizen(t, "willing@test.invalid");
    const unwilling = await citizen(t, "unwilling@test.invalid");
    const a = await book(t, willing, more[0]?.id as string, { redirectConsent: true });
    const b = await book(t, unwilling, more[1]?.id as string);
    const mail = await countRows(t, "mail_outbox");
    const invalidRedirect = await post(
      t,
      head,
      `/office/reception/bookings/${a.json.id}/redirect`,
      {
        redirectAgency: "",
        redirectNote: "",
      },
    );
    expect(invalidRedirect.statusCode).toBe(400);
    for (const id of [a.json.id, b.json.id]) {
      const res = await post(t, head, `/office/reception/bookings/${id}/redirect`, {
        redirectAgency: "ag-ministry-labour",
        redirectNote: "Pensions are decided by the ministry.",
      });
      expect(res.statusCode).toBe(303);
    }
    expect(await countRows(t, "mail_outbox")).toBe(mail + 2);
    const rows = await t.ctx.db.kysely
      .selectFrom("reception_bookings")
      .select(["id", "status", "advice_agency_id"])
      .where("id", "in", [a.json.id, b.json.id])
      .execute();
    expect(rows.find((r) => r.id === a.json.id)).toMatchObject({
      status: "redirected",
      advice_agency_id: "ag-ministry-labour",
    });
    expect(rows.find((r) => r.id === b.json.id)).toMatchObject({
      status: "booked",
      advice_agency_id: "ag-ministry-labour",
    });
    const slot = await t.ctx.db.kysely
      .selectFrom("reception_slots")
      .select("booking_id")
      .where("id", "=", more[0]?.id as string)
      .executeTakeFirstOrThrow();
    expect(slot.booking_id).toBeNull();
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "in", [a.json.id, b.json.id])
      .execute();
    expect(audit.map((x) => x.action).sort()).toEqual([
      "reception.advised",
      "reception.booked",
      "reception.booked",
      "reception.redirected",
    ]);
  });
});
