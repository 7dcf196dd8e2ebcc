import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/kernel/permissions.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { api, ask, BAIKONUR, castFor, citizen, form, page, published, YESIL } from "./support.js";

/** Who tries, and what they may do with a question to the Yesil akimat. */
const ACTORS: {
  name: string;
  kind?: "citizen";
  roles?: [Role, string | null][];
  noSecondFactor?: boolean;
  moderate: boolean;
  answer: boolean;
  /** May register a question as an appeal of the body. */
  register?: boolean;
}[] = [
  { name: "citizen", kind: "citizen", moderate: false, answer: false },
  {
    name: "moderator of the body",
    roles: [["moderator", YESIL]],
    moderate: true,
    answer: false,
    register: true,
  },
  {
    name: "head of the body",
    roles: [["head", YESIL]],
    moderate: false,
    answer: true,
    register: true,
  },
  { name: "executor of the body", roles: [["executor", YESIL]], moderate: false, answer: true },
  {
    name: "moderator and executor of the body",
    roles: [
      ["moderator", YESIL],
      ["executor", YESIL],
    ],
    moderate: true,
    answer: true,
    register: true,
  },
  { name: "registrar of the body", roles: [["registrar", YESIL]], moderate: false, answer: false },
  { name: "analyst of the body", roles: [["analyst", YESIL]], moderate: false, answer: false },
  { name: "head of another body", roles: [["head", BAIKONUR]], moderate: false, answer: false },
  {
    name: "moderator of another body",
    roles: [["moderator", BAIKONUR]],
    moderate: false,
    answer: false,
  },
  { name: "system administrator", roles: [["admin", null]], moderate: false, answer: false },
  {
    name: "head without the second factor",
    roles: [["head", YESIL]],
    noSecondFactor: true,
    moderate: false,
    answer: false,
  },
];

describe.each(testDialects())("who may moderate and answer on %s", (dialect) => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof castFor>>;
  let asker: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    cast = await castFor(t);
    asker = await citizen(t);
  });
  afterAll(async () => t?.close());

  const footprint = async (id: string) => ({
    row: await t.ctx.db.kysely
      .selectFrom("dialogue_questions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst(),
    audit: (await t.ctx.db.kysely.selectFrom("audit_events").select("seq").execute()).length,
    mail: (await t.ctx.db.kysely.selectFrom("mail_outbox").select("id").execute()).length,
  });

  for (const actor of ACTORS) {
    it(`${actor.name}: moderate ${actor.moderate ? "yes" : "no"}, answer ${actor.answer ? "yes" : "no"}, register as an appeal ${actor.register ? "yes" : "no"}`, async () => {
      const who = await signInAs(t, {
        ...(actor.kind ? { kind: actor.kind } : {}),
        ...(actor.roles
          ? { grants: actor.roles.map(([role, agencyId]) => ({ role, agencyId })) }
          : {}),
        ...(actor.noSecondFactor ? { secondFactor: false } : {}),
      });
      const refused = actor.noSecondFactor ? 401 : 403;

      const pending = await ask(t, asker);
      const before = await footprint(pending);
      const moderated = await api(
        t,
        who,
        "POST",
        `/api/v1/dialogue/questions/${pending}/moderation`,
        {
          decision: "approve",
        },
      );
      expect(moderated.status).toBe(actor.moderate ? 200 : refused);
      if (!actor.moderate) expect(await footprint(pending)).toEqual(before);
      const queue = await page(t, who, `/office/dialogue/${YESIL}/moderation`);
      expect(queue.status).toBe(actor.moderate ? 200 : actor.noSecondFactor ? 303 : 404);

      const open = await published(t, asker, cast.moderator);
      const beforeAnswer = await footprint(open);
      const answered = await api(t, who, "POST", `/api/v1/dialogue/questions/${open}/answer`, {
        text: "Answer",
      });
      expect(answered.status).toBe(actor.answer ? 200 : refused);
      if (!actor.answer) expect(await footprint(open)).toEqual(beforeAnswer);
      const answers = await page(t, who, `/office/dialogue/${YESIL}/answers`);
      expect(answers.status).toBe(actor.answer ? 200 : actor.noSecondFactor ? 303 : 404);

      const toRegister = await ask(t, asker);
      const url = `/office/dialogue/questions/${toRegister}/appeal`;
      const beforeRegister = await footprint(toRegister);
      const registered = await form(t, who, url, { kind: "statement" });
      if (actor.register) {
        expect(registered.status).toBe(303);
        expect(registered.location).toBe(url);
        expect((await footprint(toRegister)).row?.status).toBe("registered_as_appeal");
      } else {
        expect(registered.location ?? "").not.toBe(url);
        expect(await footprint(toRegister)).toEqual(beforeRegister);
        expect((await page(t, who, url)).status).toBe(actor.noSecondFactor ? 303 : 404);
      }
    });
  }

  it("staff pages and forms refuse citizens and other bodies' staff", async () => {
    const other = await signInAs(t, { grants: [{ role: "moderator", agencyId: BAIKONUR }] });
    const id = await ask(t, asker);
    expect((await page(t, other, `/office/dialogue/questions/${id}`)).status).toBe(404);
    expect((await page(t, asker, `/office/dialogue/questions/${id}`)).status).toBe(404);
    expect((await page(t, asker, "/office/dialogue")).status).toBe(404);
    const posted = await t.app.inject({
      method: "POST",
      url: `/office/dialogue/questions/${id}/approve`,
      headers: { cookie: other.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: other.csrf }).toString(),
    });
    expect(posted.statusCode).toBe(403);
    const staffAsk = await api(t, cast.head, "POST", `/api/v1/dialogue/${YESIL}/questions`, {
      subject: "Staff",
      text: "May staff ask?",
    });
    expect(staffAsk.status).toBe(403);
  });

  it("the policy itself fails closed", () => {
    const p = t.ctx.policy;
    expect(p.can(null, "dialogue.ask", { agencyId: YESIL })).toBe(false);
    const moderator = {
      accountId: "m",
      kind: "staff" as const,
      secondFactor: true,
      grants: [{ role: "moderator" as const, agencyId: YESIL }],
    };
    expect(p.can(moderator, "dialogue.moderate", { agencyId: YESIL })).toBe(true);
    expect(p.can(moderator, "dialogue.moderate", {})).toBe(false);
    expect(p.can(moderator, "dialogue.moderate", { agencyId: BAIKONUR })).toBe(false);
    expect(p.can(moderator, "dialogue.register-appeal", { agencyId: YESIL })).toBe(true);
    expect(p.can(moderator, "dialogue.register-appeal", {})).toBe(false);
    expect(p.can(moderator, "dialogue.register-appeal", { agencyId: BAIKONUR })).toBe(false);
    expect(p.can(null, "dialogue.register-appeal", { agencyId: YESIL })).toBe(false);
    expect(p.can(moderator, "dialogue.answer", { agencyId: YESIL })).toBe(false);
    expect(
      p.can({ ...moderator, secondFactor: false }, "dialogue.moderate", { agencyId: YESIL }),
    ).toBe(false);
  });
});
