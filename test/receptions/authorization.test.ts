import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resume } from "../appeals/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
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
  scheduleForm,
  staff,
  YESIL,
} from "./support.js";

type Who =
  | "anonymous"
  | "owner"
  | "other_citizen"
  | "head"
  | "registrar"
  | "executor"
  | "moderator"
  | "analyst"
  | "other_body_head"
  | "head_without_second_factor";

const WHO: Who[] = [
  "anonymous",
  "owner",
  "other_citizen",
  "head",
  "registrar",
  "executor",
  "moderator",
  "analyst",
  "other_body_head",
  "head_without_second_factor",
];

/**
 * Who may do what, every role against every action, with the status each denial gives; a
 * denial changes nothing (no booking, no audit record). Allowed cells run last so they do not
 * change what the denied ones see.
 */
const MATRIX: Record<string, Partial<Record<Who, number>> & { allowed: Who[] }> = {
  schedule: {
    allowed: ["head"],
    // A form sent without a session has no valid CSRF token either.
    anonymous: 403,
    owner: 404,
    other_citizen: 404,
    registrar: 403,
    executor: 403,
    moderator: 403,
    analyst: 403,
    other_body_head: 403,
    head_without_second_factor: 303,
  },
  book: {
    allowed: ["owner", "other_citizen"],
    anonymous: 401,
    head: 403,
    registrar: 403,
    executor: 403,
    moderator: 403,
    analyst: 403,
    other_body_head: 403,
    head_without_second_factor: 401,
  },
  cancel: {
    allowed: ["owner"],
    anonymous: 401,
    other_citizen: 404,
    head: 404,
    registrar: 404,
    executor: 404,
    moderator: 404,
    analyst: 404,
    other_body_head: 404,
    head_without_second_factor: 401,
  },
  outcome: {
    allowed: ["head", "registrar"],
    anonymous: 401,
    owner: 404,
    other_citizen: 404,
    executor: 403,
    moderator: 403,
    analyst: 403,
    other_body_head: 403,
    head_without_second_factor: 401,
  },
  ticket: {
    allowed: ["head", "registrar"],
    anonymous: 401,
    owner: 403,
    other_citizen: 403,
    executor: 403,
    moderator: 403,
    analyst: 403,
    other_body_head: 403,
    head_without_second_factor: 401,
  },
  office_page: {
    allowed: ["head", "registrar"],
    anonymous: 303,
    owner: 404,
    other_citizen: 404,
    executor: 403,
    moderator: 403,
    analyst: 403,
    other_body_head: 403,
    head_without_second_factor: 303,
  },
};
// The printable ticket and the reception journal with its exports: the office page's rule.
for (const action of ["ticket_page", "journal", "journal_csv", "journal_xlsx"])
  MATRIX[action] = { ...(MATRIX.office_page as (typeof MATRIX)[string]) };

describe.each(testDialects())("reception authorization on %s", (dialect) => {
  let t: TestApp;
  const people = {} as Record<Exclude<Who, "anonymous">, SignedIn>;
  let slots: { id: string }[];

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: MONDAY });
    people.owner = await citizen(t);
    people.other_citizen = await citizen(t);
    for (const role of ["head", "registrar", "executor", "moderator", "analyst"] as const)
      people[role] = await staff(t, role);
    people.other_body_head = await staff(t, "head", YESIL);
    people.head_without_second_factor = await signInAs(t, {
      grants: [{ role: "head", agencyId: BAIKONUR }],
      secondFactor: false,
    });
    slots = await publish(t, people.head, { endTime: "13:00" });
  });
  afterAll(async () => t?.close());

  it("fails closed: each denial has its status and changes nothing", async () => {
    const first = await book(t, people.owner, slots[0]?.id as string);
    expect(first.status).toBe(201);
    const bookingId = first.json.id as string;
    const wednesday = async () => {
      t.clock.set("2025-03-19T06:30:00Z");
      for (const k of Object.keys(people) as (keyof typeof people)[])
        people[k] =
          k === "head_without_second_factor"
            ? await signInAs(t, {
                grants: [{ role: "head", agencyId: BAIKONUR }],
                secondFactor: false,
              })
            : await resume(t, people[k]);
    };
    await wednesday();
    const act = async (action: string, who: Who, n: number) => {
      const p = who === "anonymous" ? null : people[who];
      switch (action) {
        case "schedule": {
          if (!p)
            return (
              await t.app.inject({
                method: "POST",
                url: `/office/reception/schedules?agency=${BAIKONUR}`,
                payload: {},
              })
            ).statusCode;
          return (
            await post(
              t,
              p,
              `/office/reception/schedules?agency=${BAIKONUR}`,
              scheduleForm({ "firstDay-day": "26" }),
            )
          ).statusCode;
        }
        case "book":
          return (await book(t, p as SignedIn, slots[n]?.id as string)).status;
        case "cancel":
          return (await api(t, p, "POST", `/api/v1/receptions/bookings/${bookingId}/cancel`))
            .status;
        case "outcome":
          return (
            await api(t, p, "POST", `/api/v1/receptions/bookings/${bookingId}/outcome`, {
              outcome: "resolved",
              note: "Explained.",
            })
          ).status;
        case "ticket":
          return (
            await api(t, p, "POST", `/api/v1/agencies/${BAIKONUR}/reception/tickets`, {
              officialId: people.head.accountId,
              visitorName: "Walk-in",
              question: "Snow.",
            })
          ).status;
        case "ticket_page":
          return (await page(t, p, `/office/reception/bookings/${bookingId}/ticket`)).statusCode;
        case "journal":
        case "journal_csv":
        case "journal_xlsx": {
          const path = {
            journal: "journal",
            journal_csv: "journal.csv",
            journal_xlsx: "journal.xlsx",
          }[action];
          return (await page(t, p, `/office/reception/${path}?agency=${BAIKONUR}`)).statusCode;
        }
        default:
          return (await page(t, p, `/office/reception/bookings/${bookingId}`)).statusCode;
      }
    };
    const problems: string[] = [];
    for (const [action, row] of Object.entries(MATRIX))
      for (const who of WHO) {
        if (row.allowed.includes(who)) continue;
        const expected = row[who];
        const before = [
          await countRows(t, "reception_bookings"),
          await countRows(t, "audit_events"),
        ];
        const status = await act(action, who, 5);
        const after = [
          await countRows(t, "reception_bookings"),
          await countRows(t, "audit_events"),
        ];
        if (status !== expected)
          problems.push(`${action} by ${who}: ${status}, expected ${expected}`);
        if (after.join() !== before.join()) problems.push(`${action} by ${who} changed something`);
      }
    expect(problems).toEqual([]);
    const booking = await t.ctx.db.kysely
      .selectFrom("reception_bookings")
      .select("status")
      .where("id", "=", bookingId)
      .executeTakeFirstOrThrow();
    expect(booking.status).toBe("booked");
    // The allowed cells (the booking starts at 10:00 today, so cancelling is past; the registrar records).
    t.clock.set(MONDAY);
    people.other_citizen = await resume(t, people.other_citizen);
    people.head = await resume(t, people.head);
    expect(await act("book", "other_citizen", 2)).toBe(201);
    expect(await act("schedule", "head", 0)).toBe(303);
    await wednesday();
    expect(await act("office_page", "head", 0)).toBe(200);
    expect(await act("office_page", "registrar", 0)).toBe(200);
    for (const action of ["ticket_page", "journal", "journal_csv", "journal_xlsx"])
      for (const who of ["head", "registrar"] as const)
        expect(await act(action, who, 0), `${action} by ${who}`).toBe(200);
    expect(await act("ticket", "head", 0)).toBe(201);
    expect(await act("ticket", "registrar", 0)).toBe(201);
    expect(await act("outcome", "registrar", 0)).toBe(200);
  });
});
