import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertAgency } from "../../src/capabilities/agencies/agency.repository.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import {
  api,
  appealIn,
  BAIKONUR,
  castFor,
  citizen,
  footprint,
  resume,
  staff,
  statement,
  step,
  YESIL,
} from "./support.js";

const START = "2025-03-19T05:00:00Z";
const RU_BODY = "ag-test-ru-body";

/** [instant (UTC), what it is in Almaty, registered on, due on] for a statement to a Kazakh body. */
const KZ_CASES: [string, string, string, string][] = [
  ["2025-03-19T05:00:00Z", "Wednesday 10:00", "2025-03-19", "2025-04-14"],
  ["2025-03-19T13:29:00Z", "Wednesday 18:29", "2025-03-19", "2025-04-14"],
  ["2025-03-19T13:30:00Z", "Wednesday 18:30, closed", "2025-03-20", "2025-04-15"],
  ["2025-03-19T14:00:00Z", "Wednesday 19:00", "2025-03-20", "2025-04-15"],
  ["2025-03-18T20:00:00Z", "Wednesday 01:00 (still Tuesday in UTC)", "2025-03-19", "2025-04-14"],
  ["2025-03-15T06:00:00Z", "Saturday", "2025-03-17", "2025-04-10"],
  ["2025-03-21T06:00:00Z", "Nauryz", "2025-03-26", "2025-04-16"],
  ["2025-01-03T06:00:00Z", "Friday off by swap", "2025-01-05", "2025-01-27"],
  ["2025-01-05T06:00:00Z", "Sunday worked by swap", "2025-01-05", "2025-01-27"],
  ["2025-05-06T14:00:00Z", "19:00 before 7 May", "2025-05-08", "2025-05-30"],
  ["2025-06-05T14:00:00Z", "19:00 before Kurban Ait", "2025-06-09", "2025-06-30"],
  ["2025-08-29T14:00:00Z", "19:00 before 30 August", "2025-09-02", "2025-09-23"],
  ["2025-10-24T14:00:00Z", "19:00 before 25 October", "2025-10-28", "2025-11-18"],
  ["2025-12-15T14:00:00Z", "19:00 before 16 December", "2025-12-17", "2026-01-12"],
  ["2025-12-31T14:00:00Z", "19:00 on New Year's Eve", "2026-01-05", "2026-01-27"],
];

/** [instant (UTC), what it is in Moscow, registered on, due on] for a body of the Russian profile. */
const RU_CASES: [string, string, string, string][] = [
  ["2025-03-19T05:00:00Z", "Wednesday 08:00", "2025-03-19", "2025-04-18"],
  ["2025-03-19T14:59:00Z", "Wednesday 17:59", "2025-03-19", "2025-04-18"],
  [
    "2025-03-19T15:30:00Z",
    "Wednesday 18:30, closed; 30 days end on a Saturday",
    "2025-03-20",
    "2025-04-21",
  ],
  ["2025-04-09T07:00:00Z", "30 days end on Victory Day", "2025-04-09", "2025-05-12"],
];

describe.each(testDialects())("due dates through the API (%s)", (dialect) => {
  let t: TestApp;
  let me: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: START });
    me = await citizen(t);
    await insertAgency(
      t.ctx.db.kysely,
      {
        id: RU_BODY,
        slug: "test-ru-body",
        parentId: null,
        higherBodyId: null,
        kind: "other",
        level: "region",
        jurisdiction: "ru",
        territoryCode: null,
        names: { kk: "Ресей органы", ru: "Российский орган", en: "Russian body" },
        address: null,
        phone: null,
        email: null,
        website: null,
      },
      START,
    );
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => {
    t.clock.set(START);
  });

  /** Moves the clock and signs the person in again (earlier sessions expire as time passes). */
  async function at(instant: string, who: SignedIn): Promise<SignedIn> {
    t.clock.set(instant);
    return resume(t, who);
  }

  it.each(KZ_CASES)("filed %s (%s): registered %s, due %s", async (instant, _l, on, due) => {
    const who = await at(instant, me);
    const res = await api(t, who, "POST", "/api/v1/appeals", statement());
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      registeredOn: on,
      dueDate: due,
      receivedAt: instant.replace("Z", ".000Z"),
    });
    // The number carries the year of registration, not of arrival.
    expect(res.json.number).toMatch(new RegExp(`^BKA-${on.slice(0, 4)}-\\d{4}$`));
    const seen = await api(t, who, "GET", `/api/v1/appeals/${res.json.number}`);
    expect(seen.json).toMatchObject({ registeredOn: on, dueDate: due, originalDueDate: due });
  });

  it.each(RU_CASES)(
    "Russian profile, filed %s (%s): registered %s, due %s",
    async (instant, _l, on, due) => {
      const who = await at(instant, me);
      const res = await api(t, who, "POST", "/api/v1/appeals", statement({ agencyId: RU_BODY }));
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ agencyId: RU_BODY, registeredOn: on, dueDate: due });
      expect(res.json.number).toMatch(/^TRB-2025-\d{4}$/);
    },
  );

  it("gives the same day a 15-working-day term in Kazakhstan and a 30-day term in Russia", async () => {
    const kz = await api(t, me, "POST", "/api/v1/appeals", statement());
    const ru = await api(t, me, "POST", "/api/v1/appeals", statement({ agencyId: RU_BODY }));
    expect([kz.json.registeredOn, kz.json.dueDate]).toEqual(["2025-03-19", "2025-04-14"]);
    expect([ru.json.registeredOn, ru.json.dueDate]).toEqual(["2025-03-19", "2025-04-18"]);
  });

  it("extends to at most two months from the decision, once", async () => {
    const cast = await castFor(t, BAIKONUR, me);
    const number = await appealIn(t, cast, "in_progress");
    const extend = (until: string) =>
      api(t, cast.head, "POST", `/api/v1/appeals/${number}/extend`, {
        until,
        reason: "An expert opinion is needed",
      });
    const before = await footprint(t, number);
    const beyond = await extend("2025-05-20");
    expect(beyond.status).toBe(400);
    expect(beyond.json.error.details.map((d: { field: string }) => d.field)).toEqual(["until"]);
    const notLater = await extend("2025-04-14");
    expect(notLater.status).toBe(400);
    expect(await footprint(t, number)).toEqual(before);

    expect((await extend("2025-05-19")).status).toBe(200);
    const seen = await api(t, me, "GET", `/api/v1/appeals/${number}`);
    expect(seen.json).toMatchObject({ dueDate: "2025-05-19", originalDueDate: "2025-04-14" });
    expect(seen.json.extension.reason).toBe("An expert opinion is needed");

    const extended = await footprint(t, number);
    const again = await extend("2025-05-16");
    expect(again.status).toBe(409);
    expect(await footprint(t, number)).toEqual(extended);
  });

  it("counts the two months from the day of the decision, not from registration", async () => {
    const cast = await castFor(t, BAIKONUR, me);
    const number = await appealIn(t, cast, "in_progress");
    const head = await at("2025-04-10T05:00:00Z", cast.head);
    const extend = (until: string) =>
      api(t, head, "POST", `/api/v1/appeals/${number}/extend`, { until, reason: "A survey" });
    expect((await extend("2025-06-11")).status).toBe(400);
    expect((await extend("2025-06-10")).status).toBe(200);
    expect((await footprint(t, number)).row?.due_on).toBe("2025-06-10");
  });

  it("refuses to extend a term that has already passed (it is deemed refused)", async () => {
    const cast = await castFor(t, BAIKONUR, me);
    const number = await appealIn(t, cast, "in_progress");
    const extend = async (instant: string) =>
      api(t, await at(instant, cast.head), "POST", `/api/v1/appeals/${number}/extend`, {
        until: "2025-05-30",
        reason: "An expert opinion is needed",
      });
    const before = await footprint(t, number);
    expect((await extend("2025-04-15T05:00:00Z")).status).toBe(409);
    expect(await footprint(t, number)).toEqual(before);
    // On the last day of the term it still may.
    expect((await extend("2025-04-14T12:00:00Z")).status).toBe(200);
  });

  it("gives 5 working days to correct, and returns for no correction only after them", async () => {
    const cast = await castFor(t, BAIKONUR, me);
    const number = await appealIn(t, cast, "awaiting_correction");
    const seen = await api(t, me, "GET", `/api/v1/appeals/${number}`);
    // Nauryz skipped: 20, 26, 27, 28 and 31 March.
    expect(seen.json.correction.dueDate).toBe("2025-03-31");
    const giveBack = async (instant: string) =>
      api(t, await at(instant, cast.head), "POST", `/api/v1/appeals/${number}/return`, {
        reason: "correction_not_made",
      });
    expect((await giveBack("2025-03-31T12:00:00Z")).status).toBe(409);
    expect((await giveBack("2025-04-01T04:00:00Z")).status).toBe(200);
  });

  it("lets the applicant rate an answer within 30 days", async () => {
    const cast = await castFor(t, BAIKONUR, me);
    const inTime = await appealIn(t, cast, "answered");
    const late = await appealIn(t, cast, "answered");
    let who = await at("2025-04-18T05:00:00Z", me);
    const rate = (number: string) =>
      api(t, who, "POST", `/api/v1/appeals/${number}/rate`, { score: 5, resolved: "yes" });
    expect((await rate(inTime)).status).toBe(200);
    who = await at("2025-04-19T05:00:00Z", me);
    expect((await rate(late)).status).toBe(409);
  });

  it("accepts a complaint against an answer for three months, and not a day more", async () => {
    const cast = await castFor(t, BAIKONUR, me);
    const inTime = await appealIn(t, cast, "answered");
    const tooLate = await appealIn(t, cast, "answered");
    let who = await at("2025-06-19T05:00:00Z", me);
    const ok = await api(t, who, "POST", `/api/v1/appeals/${inTime}/complain`, {
      text: "The answer ignores the facts.",
    });
    expect(ok.status).toBe(200);
    // Filed with the body that acted, which has 3 working days to forward it.
    expect(ok.json.created).toMatchObject({ agencyId: BAIKONUR, dueOn: "2025-06-24" });

    who = await at("2025-06-20T05:00:00Z", me);
    const before = await footprint(t, tooLate);
    const late = await api(t, who, "POST", `/api/v1/appeals/${tooLate}/complain`, {
      text: "The answer ignores the facts.",
    });
    expect(late.status).toBe(409);
    expect(await footprint(t, tooLate)).toEqual(before);
  });

  it("counts the complaint window from the body's day of the answer, not the UTC date", async () => {
    const cast = await castFor(t, BAIKONUR, me);
    const number = await appealIn(t, cast, "awaiting_approval");
    // 01:00 on 20 March in Almaty is still 19 March in UTC.
    const head = await at("2025-03-19T20:00:00Z", cast.head);
    await step(t, head, number, "approve");
    const who = await at("2025-06-20T05:00:00Z", me);
    const res = await api(t, who, "POST", `/api/v1/appeals/${number}/complain`, {
      text: "The answer ignores the facts.",
    });
    expect(res.status).toBe(200);
  });

  it("accepts a complaint against silence only once the term has passed", async () => {
    const cast = await castFor(t, BAIKONUR, me);
    const number = await appealIn(t, cast, "in_progress");
    let who = await at("2025-04-14T13:00:00Z", me);
    const early = await api(t, who, "POST", `/api/v1/appeals/${number}/complain`, {
      text: "No answer.",
    });
    expect(early.status).toBe(409);
    who = await at("2025-04-15T04:00:00Z", me);
    const res = await api(t, who, "POST", `/api/v1/appeals/${number}/complain`, {
      text: "No answer.",
    });
    expect(res.status).toBe(200);
  });

  it("records a redirect as late after 3 working days, by the body's own day", async () => {
    const cast = await castFor(t, BAIKONUR, me);
    const onTime = await appealIn(t, cast, "registered");
    const overdue = await appealIn(t, cast, "registered");
    const redirect = async (number: string, instant: string) => {
      const head = await at(instant, cast.head);
      const res = await step(t, head, number, "redirect", {
        agencyId: YESIL,
        reason: "Yesil's street",
      });
      const row = (await footprint(t, number)).row;
      const entry = await t.ctx.db.kysely
        .selectFrom("audit_events")
        .select("data")
        .where("subject_id", "=", String(row?.id))
        .where("action", "=", "appeal.redirect")
        .executeTakeFirstOrThrow();
      return { created: res.created, late: JSON.parse(entry.data).late };
    };
    // Registered Wednesday 19 March; 3 working days skip Nauryz and end on Thursday 27 March.
    const a = await redirect(onTime, "2025-03-27T18:00:00Z"); // 23:00 on the 27th in Almaty
    expect(a.late).toBe(false);
    const b = await redirect(overdue, "2025-03-27T19:30:00Z"); // 00:30 on the 28th in Almaty
    expect(b.late).toBe(true);
    // The receiving body's term starts on arrival there: registered 28 March, due 18 April.
    expect(b.created).toMatchObject({ agencyId: YESIL, dueOn: "2025-04-18" });
    const yesilHead = await staff(t, "head", YESIL);
    const there = await api(t, yesilHead, "GET", `/api/v1/appeals/${b.created.number}`);
    expect(there.json).toMatchObject({ registeredOn: "2025-03-28", dueDate: "2025-04-18" });
  });
});
