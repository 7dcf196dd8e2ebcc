import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationPolicies } from "../../src/capabilities/consultations/policies.js";
import { Policy, type Principal, type Role } from "../../src/kernel/permissions.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { api, BAIKONUR, citizen, draftForm, get, post, publish, staff, YESIL } from "./support.js";

const policy = new Policy();
for (const [action, rule] of Object.entries(consultationPolicies)) policy.define(action, rule);

const person = (kind: "citizen" | "staff", role?: Role, agencyId = BAIKONUR): Principal => ({
  accountId: `${kind}-${role ?? "none"}-${agencyId}`,
  kind,
  grants: role ? [{ role, agencyId }] : [],
  secondFactor: true,
});

describe("who may do what with drafts (every role in and out of the body)", () => {
  const body = { agencyId: BAIKONUR };
  const cases: [string, Principal, string[]][] = [
    ["a citizen", person("citizen"), ["consultation.comment", "consultation.subscribe"]],
    ["the body's head", person("staff", "head"), ["consultation.manage", "consultation.subscribe"]],
    [
      "the body's executor",
      person("staff", "executor"),
      ["consultation.manage", "consultation.subscribe"],
    ],
    [
      "the body's moderator",
      person("staff", "moderator"),
      ["consultation.moderate", "consultation.subscribe"],
    ],
    ["the body's registrar", person("staff", "registrar"), ["consultation.subscribe"]],
    ["the body's analyst", person("staff", "analyst"), ["consultation.subscribe"]],
    ["another body's head", person("staff", "head", YESIL), ["consultation.subscribe"]],
    ["another body's moderator", person("staff", "moderator", YESIL), ["consultation.subscribe"]],
  ];
  for (const [who, p, allowed] of cases) {
    it(`${who} may ${allowed.join(", ")} and nothing else`, () => {
      const actions = [
        "consultation.manage",
        "consultation.moderate",
        "consultation.comment",
        "consultation.subscribe",
      ];
      expect(actions.filter((a) => policy.can(p, a, body))).toEqual(allowed);
    });
  }
  it("nobody votes on their own comment; staff without the second factor do nothing", () => {
    const p = person("citizen");
    expect(policy.can(p, "consultation.vote", { authorId: p.accountId })).toBe(false);
    expect(policy.can(p, "consultation.vote", { authorId: "someone-else" })).toBe(true);
    const unverified = { ...person("staff", "head"), secondFactor: false };
    expect(policy.can(unverified, "consultation.manage", body)).toBe(false);
    expect(policy.can(null, "consultation.comment", body)).toBe(false);
  });
});

describe.each(testDialects())("authorization through the pages and API on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let id: string;
  let comment: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: "2025-03-19T05:00:00Z" });
    head = await staff(t, "head");
    id = await publish(t, head);
    const alice = await citizen(t);
    comment = (
      await api(t, alice, "POST", `/api/v1/consultations/${id}/comments`, { text: "A comment" })
    ).json.id;
  });
  afterAll(async () => t.close());

  const unchanged = async () => {
    const row = await t.ctx.db.kysely
      .selectFrom("consultation_comments")
      .select(["hidden_at", "answer"])
      .where("id", "=", comment)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ hidden_at: null, answer: null });
  };

  it("a citizen cannot publish, answer or moderate", async () => {
    const me = await citizen(t);
    expect((await post(t, me, "/office/consultations", draftForm())).statusCode).toBe(404);
    expect((await get(t, me, "/office/consultations/new")).statusCode).toBe(404);
    expect(
      (
        await post(t, me, `/office/consultations/${id}/comments/${comment}/answer`, {
          answer: "accepted",
          reason: "x",
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await post(t, me, `/office/consultations/${id}/comments/${comment}/hide`, {
          reason: "offensive",
        })
      ).statusCode,
    ).toBe(404);
    expect((await post(t, me, `/office/consultations/${id}/report`, {})).statusCode).toBe(404);
    await unchanged();
  });

  it("staff of another body cannot publish for this one, answer, moderate or see its page", async () => {
    for (const role of ["head", "moderator"] as const) {
      const other = await staff(t, role, YESIL);
      expect((await post(t, other, "/office/consultations", draftForm())).statusCode).toBe(403);
      expect((await get(t, other, `/office/consultations/${id}`)).statusCode).toBe(404);
      expect(
        (
          await post(t, other, `/office/consultations/${id}/comments/${comment}/answer`, {
            answer: "accepted",
            reason: "x",
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await post(t, other, `/office/consultations/${id}/comments/${comment}/hide`, {
            reason: "offensive",
          })
        ).statusCode,
      ).toBe(403);
      expect((await post(t, other, `/office/consultations/${id}/report`, {})).statusCode).toBe(403);
    }
    await unchanged();
  });

  it("the moderator only moderates; the head does not moderate; staff do not comment", async () => {
    const moderator = await staff(t, "moderator");
    expect((await post(t, moderator, "/office/consultations", draftForm())).statusCode).toBe(403);
    expect(
      (
        await post(t, moderator, `/office/consultations/${id}/comments/${comment}/answer`, {
          answer: "accepted",
          reason: "x",
        })
      ).statusCode,
    ).toBe(403);
    expect((await post(t, moderator, `/office/consultations/${id}/report`, {})).statusCode).toBe(
      403,
    );
    const page = await get(t, moderator, `/office/consultations/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Hide this comment");
    expect(page.body).not.toContain("Answer this comment");
    expect(
      (
        await post(t, head, `/office/consultations/${id}/comments/${comment}/hide`, {
          reason: "offensive",
        })
      ).statusCode,
    ).toBe(403);
    await unchanged();
    expect(
      (await api(t, head, "POST", `/api/v1/consultations/${id}/comments`, { text: "Staff" }))
        .status,
    ).toBe(403);
  });

  it("anonymous visitors are sent to sign in for forms and get 401 from the API", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/consultations/${id}/comments`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "text=x",
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await api(t, null, "POST", `/api/v1/consultations/${id}/comments`, { text: "x" })).status,
    ).toBe(401);
    const page = await get(t, null, `/consultations/${id}`);
    expect(page.body).toContain(`/login?next=%2Fconsultations%2F${id}`);
    expect(page.body).not.toContain('name="text"');
  });

  it("a form without its CSRF token changes nothing", async () => {
    const me = await citizen(t);
    const res = await t.app.inject({
      method: "POST",
      url: `/consultations/${id}/comments`,
      headers: { cookie: me.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "text=Forged",
    });
    expect(res.statusCode).toBe(403);
    const n = await t.ctx.db.kysely
      .selectFrom("consultation_comments")
      .select("id")
      .where("body", "=", "Forged")
      .execute();
    expect(n).toHaveLength(0);
  });
});
