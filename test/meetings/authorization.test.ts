import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingPolicies } from "../../src/capabilities/meetings/policies.js";
import { Policy, type Principal, ROLES, type Role } from "../../src/kernel/permissions.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";
import { announce, api, BAIKONUR, citizen, page, post, staff, YESIL } from "./support.js";

const policy = new Policy();
for (const [action, rule] of Object.entries(meetingPolicies)) policy.define(action, rule);

const staffIn = (role: Role, agencyId: string | null, secondFactor = true): Principal => ({
  accountId: "a",
  kind: "staff",
  grants: [{ role, agencyId }],
  secondFactor,
});
const aCitizen: Principal = { accountId: "c", kind: "citizen", grants: [], secondFactor: false };
const own = { agencyId: BAIKONUR };
const other = { agencyId: YESIL };

describe("who may do what with meetings", () => {
  const allowed: Record<string, Role[]> = {
    "meeting.manage": ["head", "executor"],
    "meeting.moderate": ["moderator"],
    "meeting.register": [],
    "meeting.ask": [],
  };
  for (const [action, roles] of Object.entries(allowed)) {
    for (const role of ROLES) {
      const expected = roles.includes(role);
      it(`${role} of the body ${expected ? "may" : "may not"} ${action}; never in another body or without the second factor`, () => {
        expect(policy.can(staffIn(role, BAIKONUR), action, own)).toBe(expected);
        expect(policy.can(staffIn(role, BAIKONUR), action, other)).toBe(false);
        expect(policy.can(staffIn(role, BAIKONUR, false), action, own)).toBe(false);
      });
    }
    it(`a citizen ${roles.length === 0 ? "may" : "may not"} ${action}; nobody anonymous may`, () => {
      expect(policy.can(aCitizen, action, own)).toBe(roles.length === 0);
      expect(policy.can(null, action, own)).toBe(false);
      expect(policy.can(aCitizen, action, undefined)).toBe(false);
    });
  }
  it("refuses an action nobody defined", () => {
    expect(policy.can(staffIn("head", BAIKONUR), "meeting.delete", own)).toBe(false);
  });
});

describe.each(testDialects())("meeting pages and API by who is asking on %s", (dialect) => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    id = await announce(t, await staff(t, "head"));
  });
  afterAll(async () => t?.close());

  it("keeps the office pages to the body's staff", async () => {
    const person = await citizen(t);
    expect((await page(t, null, "/office/meetings")).statusCode).toBe(303);
    expect((await page(t, person, "/office/meetings")).statusCode).toBe(404);
    expect((await page(t, person, `/office/meetings/${id}`)).statusCode).toBe(404);
    expect((await page(t, person, "/office/meetings/new")).statusCode).toBe(404);
    const stranger = await staff(t, "head", YESIL);
    expect((await page(t, stranger, `/office/meetings/${id}`)).statusCode).toBe(404);
    const analyst = await staff(t, "analyst");
    expect((await page(t, analyst, `/office/meetings/${id}`)).statusCode).toBe(404);
    expect((await page(t, analyst, "/office/meetings/new")).statusCode).toBe(404);
    const halfSignedIn = await signInAs(t, {
      grants: [{ role: "head", agencyId: BAIKONUR }],
      secondFactor: false,
    });
    const redirected = await page(t, halfSignedIn, `/office/meetings/${id}`);
    expect(redirected.statusCode).toBe(303);
    expect(redirected.headers.location).toBe("/login/second-factor");
    const moderator = await staff(t, "moderator");
    const seen = await page(t, moderator, `/office/meetings/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain("/minutes");
  });

  it("lets a body announce only for itself", async () => {
    const executor = await staff(t, "executor");
    const res = await post(t, executor, "/office/meetings", {
      agencyId: YESIL,
      kind: "hearing",
      "title-en": "Not ours",
      "agenda-en": "Agenda",
      place: "Somewhere",
      "date-day": "1",
      "date-month": "5",
      "date-year": "2025",
      startTime: "10:00",
      endTime: "11:00",
      capacity: "5",
      eligibility: "everyone",
    });
    expect(res.statusCode).toBe(403);
    const count = await t.ctx.db.kysely
      .selectFrom("meetings")
      .select("id")
      .where("agency_id", "=", YESIL)
      .execute();
    expect(count).toEqual([]);
  });

  it("refuses forms without the CSRF token", async () => {
    const person = await citizen(t);
    const res = await t.app.inject({
      method: "POST",
      url: `/meetings/${id}/register`,
      headers: { cookie: person.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "territory=",
    });
    expect(res.statusCode).toBe(403);
    const apiNoToken = await t.app.inject({
      method: "POST",
      url: `/api/v1/meetings/${id}/registrations`,
      headers: { cookie: person.cookie, "content-type": "application/json" },
      payload: "{}",
    });
    expect(apiNoToken.statusCode).toBe(403);
    expect((await api(t, person, "GET", `/api/v1/meetings/${id}`)).status).toBe(200);
  });
});
