import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { api, BAIKONUR, book, citizen, countRows, MONDAY, publish, staff } from "./support.js";

describe.each(testDialects())("reception API on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let slots: { id: string }[];

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: MONDAY });
    head = await staff(t, "head");
    slots = await publish(t, head, { onlineUrl: "https://meet.example/akim" });
  });
  afterAll(async () => t?.close());

  it("is in the OpenAPI file", async () => {
    const docs = await t.app.inject({ url: "/api/openapi.json" });
    const paths = Object.keys(JSON.parse(docs.body).paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/agencies/{id}/reception/schedules",
        "/api/v1/agencies/{id}/reception/slots",
        "/api/v1/agencies/{id}/reception/tickets",
        "/api/v1/receptions/bookings",
        "/api/v1/receptions/bookings/{id}/cancel",
        "/api/v1/receptions/bookings/{id}/move",
        "/api/v1/receptions/bookings/{id}/outcome",
      ]),
    );
  });

  it("lists a body's schedules and slots; an unknown body is a 404", async () => {
    const schedules = await api(t, null, "GET", `/api/v1/agencies/${BAIKONUR}/reception/schedules`);
    expect(schedules.status).toBe(200);
    expect(schedules.json.items[0]).toMatchObject({
      officialId: head.accountId,
      days: ["2025-03-19"],
      startTime: "10:00",
      endTime: "12:00",
      slotMinutes: 20,
      onlineUrl: "https://meet.example/akim",
      topics: ["cat-roads-lighting", "cat-landscaping"],
    });
    const range = await api(
      t,
      null,
      "GET",
      `/api/v1/agencies/${BAIKONUR}/reception/slots?from=2025-03-19&to=2025-03-19`,
    );
    expect(
      range.json.items.filter((s: { officialId: string }) => s.officialId === head.accountId),
    ).toHaveLength(6);
    expect((await api(t, null, "GET", "/api/v1/agencies/nope/reception/slots")).status).toBe(404);
    expect(
      (await api(t, null, "GET", `/api/v1/agencies/${BAIKONUR}/reception/slots?from=19.03.2025`))
        .status,
    ).toBe(400);
  });

  it("refuses malformed input and requests without CSRF protection, changing nothing", async () => {
    const person = await citizen(t);
    const before = await countRows(t, "reception_bookings");
    const extra = await book(t, person, slots[0]?.id as string, { admin: true });
    expect(extra.status).toBe(400);
    const unknown = await book(t, person, "not-a-slot");
    expect(unknown.status).toBe(404);
    const topic = await book(t, person, slots[0]?.id as string, { topicId: "cat-healthcare" });
    expect(topic.status).toBe(400);
    // A browser session without the header token.
    const noToken = await t.app.inject({
      method: "POST",
      url: "/api/v1/receptions/bookings",
      headers: { cookie: person.cookie, "content-type": "application/json" },
      payload: JSON.stringify({ slotId: slots[0]?.id, question: "Lamps." }),
    });
    expect(noToken.statusCode).toBe(403);
    // A form without its token.
    const form = await t.app.inject({
      method: "POST",
      url: `/reception/slots/${slots[0]?.id}/book`,
      headers: { cookie: person.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "question=Lamps",
    });
    expect(form.statusCode).toBe(403);
    expect(await countRows(t, "reception_bookings")).toBe(before);
  });
});
