import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextStates } from "../../src/capabilities/meetings/meeting.js";
import { resume } from "../appeals/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import {
  announce,
  api,
  BAIKONUR_TERRITORY,
  citizen,
  countRows,
  page,
  post,
  register,
  staff,
} from "./support.js";

describe("registration steps", () => {
  it.each([
    ["none", "register", ["confirmed", "waiting"]],
    ["cancelled", "register", ["confirmed", "waiting"]],
    ["waiting", "promote", ["confirmed"]],
    ["waiting", "cancel", ["cancelled"]],
    ["confirmed", "cancel", ["cancelled"]],
    ["confirmed", "register", []],
    ["confirmed", "promote", []],
    ["waiting", "register", []],
    ["cancelled", "cancel", []],
    ["cancelled", "promote", []],
    ["none", "cancel", []],
  ] as const)("%s --%s--> %j", (from, step, to) => {
    expect(nextStates(from, step)).toEqual(to);
  });
});

describe.each(testDialects())("registration on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    head = await staff(t, "head");
  });
  afterAll(async () => t?.close());

  it("confirms up to capacity, then puts people on the waiting list in order", async () => {
    const id = await announce(t, head, { capacity: "2" });
    const people = await Promise.all([1, 2, 3, 4].map(() => citizen(t)));
    const answers = [];
    for (const p of people) answers.push(await register(t, p, id));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((a) => a.json)).toEqual([
      { status: "confirmed", position: null },
      { status: "confirmed", position: null },
      { status: "waiting", position: 1 },
      { status: "waiting", position: 2 },
    ]);
    const again = await register(t, people[3] as SignedIn, id);
    expect(again).toEqual({ status: 200, json: { status: "waiting", position: 2 } });
    const shown = await page(t, people[3] as SignedIn, `/meetings/${id}`);
    expect(shown.body).toContain("You are number 2 on the waiting list");
    const detail = await api(t, null, "GET", `/api/v1/meetings/${id}`);
    expect(detail.json.places).toEqual({ confirmed: 2, waiting: 2 });
  });

  it("gives a freed place to the first person waiting and tells them by e-mail", async () => {
    const id = await announce(t, head, { capacity: "1" });
    const first = await citizen(t, "first.person@test.invalid");
    const second = await citizen(t, "second.person@test.invalid");
    const third = await citizen(t, "third.person@test.invalid");
    for (const p of [first, second, third]) await register(t, p, id);
    const mailBefore = await countRows(t, "mail_outbox");
    // The third person leaves the list: nobody is promoted, nobody is told.
    expect((await api(t, third, "DELETE", `/api/v1/meetings/${id}/registrations/me`)).status).toBe(
      200,
    );
    expect(await countRows(t, "mail_outbox")).toBe(mailBefore);
    // The confirmed person cancels through the page: the second is promoted and told.
    const res = await post(t, first, `/meetings/${id}/cancel`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${id}?done=cancelled`);
    const rows = await t.ctx.db.kysely
      .selectFrom("meeting_registrations")
      .select(["account_id", "status", "promoted_at"])
      .where("meeting_id", "=", id)
      .execute();
    const statusOf = (p: SignedIn) => rows.find((r) => r.account_id === p.accountId)?.status;
    expect([statusOf(first), statusOf(second), statusOf(third)]).toEqual([
      "cancelled",
      "confirmed",
      "cancelled",
    ]);
    const mail = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select(["to_address", "subject", "body_text"])
      .where("to_address", "=", "second.person@test.invalid")
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toContain("A place is free for you: Hearing on the park");
    expect(mail[0]?.body_text).toContain(`/meetings/${id}`);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "meeting.announced",
        "meeting.registration.cancelled",
        "meeting.registration.promoted",
      ]),
    );
    // Registering again after cancelling joins the end of the queue.
    expect((await register(t, first, id)).json).toEqual({ status: "waiting", position: 1 });
  });

  it("never confirms two people for the last place when they register at once", async () => {
    const id = await announce(t, head, { capacity: "1" });
    const people = await Promise.all(Array.from({ length: 8 }, () => citizen(t)));
    const answers = await Promise.all(people.map((p) => register(t, p, id)));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const confirmed = answers.filter((a) => a.json.status === "confirmed");
    expect(confirmed).toHaveLength(1);
    const positions = answers
      .filter((a) => a.json.status === "waiting")
      .map((a) => a.json.position)
      .sort((a, b) => a - b);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // And cancelling at once never confirms more than the capacity either.
    const waiting = people.filter((_, i) => answers[i]?.json.status === "waiting");
    const holder = people.find((_, i) => answers[i]?.json.status === "confirmed") as SignedIn;
    await Promise.all([
      api(t, holder, "DELETE", `/api/v1/meetings/${id}/registrations/me`),
      api(t, waiting[0] as SignedIn, "DELETE", `/api/v1/meetings/${id}/registrations/me`),
      register(t, await citizen(t), id),
    ]);
    const counts = (await api(t, null, "GET", `/api/v1/meetings/${id}`)).json.places;
    expect(counts.confirmed).toBe(1);
  });

  it("closes registration and cancellation when the meeting starts", async () => {
    const id = await announce(t, head);
    const early = await citizen(t);
    await register(t, early, id);
    const before = t.clock.now();
    try {
      t.clock.set("2025-04-01T10:00:00Z");
      const late = await citizen(t);
      const refused = await register(t, late, id);
      expect(refused.status, JSON.stringify(refused.json)).toBe(409);
      expect(refused.json.error.code).toBe("CONFLICT");
      const earlyNow = await resume(t, early);
      expect(
        (await api(t, earlyNow, "DELETE", `/api/v1/meetings/${id}/registrations/me`)).status,
      ).toBe(409);
      const shown = await page(t, late, `/meetings/${id}`);
      expect(shown.body).toContain("Registration has closed");
      expect(shown.body).not.toContain(`action="/meetings/${id}/register"`);
    } finally {
      t.clock.set(before);
    }
  });

  it("takes residents who declare the meeting's territory, and says why others are refused", async () => {
    const id = await announce(t, head, {
      eligibility: "residents",
      territoryCode: BAIKONUR_TERRITORY,
    });
    const person = await citizen(t);
    const shown = await page(t, person, `/meetings/${id}`);
    expect(shown.body).toContain("Halyq has no address register yet");
    const before = await countRows(t, "meeting_registrations");
    const none = await post(t, person, `/meetings/${id}/register`, { territory: "" });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("govuk-error-summary");
    expect(none.body).toContain('href="#territory"');
    expect(none.body).toContain("Choose where you live");
    const elsewhere = await post(t, person, `/meetings/${id}/register`, {
      territory: "711310000",
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain("only for residents of the area it names");
    expect(await countRows(t, "meeting_registrations")).toBe(before);
    const ok = await post(t, person, `/meetings/${id}/register`, {
      territory: BAIKONUR_TERRITORY,
    });
    expect(ok.headers.location).toBe(`/meetings/${id}?done=registered`);
    const row = await t.ctx.db.kysely
      .selectFrom("meeting_registrations")
      .select(["status", "declared_territory"])
      .where("meeting_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "confirmed", declared_territory: BAIKONUR_TERRITORY });
    const api400 = await register(t, await citizen(t), id, { territoryCode: "711310000" });
    expect(api400.status).toBe(400);
  });

  it("takes only the delegates the body named", async () => {
    const delegate = await citizen(t, "Delegate.One@test.invalid");
    const id = await announce(t, head, {
      kind: "conference",
      eligibility: "delegates",
      delegates: "delegate.one@test.invalid\nsomeone.else@test.invalid",
    });
    const outsider = await citizen(t);
    expect((await register(t, outsider, id)).status).toBe(403);
    expect((await page(t, outsider, `/meetings/${id}`)).body).toContain(
      "Only the delegates named by the body may register",
    );
    expect((await register(t, delegate, id)).json).toEqual({
      status: "confirmed",
      position: null,
    });
  });

  it("refuses staff, anonymous callers and unknown meetings", async () => {
    const id = await announce(t, head);
    const staffTry = await register(t, head, id);
    expect(staffTry.status, JSON.stringify(staffTry.json)).toBe(403);
    expect((await api(t, null, "POST", `/api/v1/meetings/${id}/registrations`, {})).status).toBe(
      401,
    );
    const person = await citizen(t);
    expect((await register(t, person, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await register(t, person, "not-an-id")).status).toBe(404);
    expect((await api(t, person, "DELETE", `/api/v1/meetings/${id}/registrations/me`)).status).toBe(
      404,
    );
    const anonymous = await t.app.inject({ method: "POST", url: `/meetings/${id}/register` });
    expect([303, 403]).toContain(anonymous.statusCode);
  });
});
