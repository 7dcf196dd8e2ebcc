import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTIONS,
  APPEAL_STATUSES,
  type AppealAction,
  type AppealStatus,
  allowedFrom,
  nextStatus,
} from "../../src/capabilities/appeals/appeal.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import {
  api,
  appealIn,
  BAIKONUR,
  type Cast,
  CITY,
  castFor,
  footprint,
  resume,
  staff,
  step,
  YESIL,
} from "./support.js";

const START = "2025-03-19T05:00:00Z";
/** The day after the 15-working-day term of an appeal registered on 19 March 2025 (14 April). */
const AFTER_TERM = "2025-04-15T05:00:00Z";

const APPLICANT_STEPS: AppealAction[] = ["correct", "withdraw", "rate", "complain", "publish"];

/** A topic the Baikonur district akimat handles (read once the app is up). */
let topic = "";

/** A valid body for each step, so that only the state can refuse it. */
function bodyFor(action: AppealAction, cast: Cast): Record<string, unknown> {
  switch (action) {
    case "assign":
      return { executorId: cast.executor.accountId };
    case "redirect":
      return { agencyId: YESIL, reason: "The street is in Yesil district" };
    case "forward":
      return { position: "The answer was lawful; the lamps are scheduled for April." };
    case "request-correction":
      return { note: "Give the house number" };
    case "correct":
      return { text: "House 12." };
    case "return":
      return { reason: "obscene" };
    case "terminate":
      return { reason: "already_decided" };
    case "extend":
      return { until: "2025-05-15", reason: "A site visit is needed" };
    case "answer":
      return { outcome: "explained", text: "The lamps will be replaced in April." };
    case "approve":
      return {};
    case "send-back":
      return { reason: "Cite the law" };
    case "withdraw":
      return {};
    case "rate":
      return { score: 4, resolved: "yes" };
    case "complain":
      return { text: "Nothing was done." };
    case "publish":
      return { public: true };
    case "note":
      return { text: "Called the applicant." };
    case "control":
      return { on: true };
    case "categorise":
      return { categoryId: topic };
    case "satisfy":
      return { text: "The complaint is satisfied: the lamps were replaced." };
  }
}

/** Steps that only a complaint filed with this body can take. */
const COMPLAINT_STEPS: AppealAction[] = ["forward", "satisfy"];

const cells = ACTIONS.flatMap((action) =>
  APPEAL_STATUSES.map((status) => ({ action, status, allowed: allowedFrom(action, status) })),
);

describe.each(testDialects())("transitions through the API (%s)", (dialect) => {
  let t: TestApp;
  let cast: Cast;
  /** One statement in each state, and one complaint in each state a complaint can reach. */
  const statements = new Map<AppealStatus, string>();
  const complaints = new Map<AppealStatus, string>();

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: START });
    cast = await castFor(t);
    topic = (
      await t.ctx.db.kysely
        .selectFrom("agency_competences")
        .select("category_id")
        .where("agency_id", "=", BAIKONUR)
        .orderBy("category_id")
        .executeTakeFirstOrThrow()
    ).category_id;
    for (const status of APPEAL_STATUSES) {
      statements.set(status, await appealIn(t, cast, status));
      if (status !== "attached") {
        complaints.set(status, await appealIn(t, cast, status, { complaint: true }));
      }
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Who takes a step: the applicant's own steps, the executor's answer, the head's others. */
  const actorFor = (action: AppealAction, assigned: boolean): SignedIn =>
    APPLICANT_STEPS.includes(action)
      ? cast.applicant
      : action === "answer" && assigned
        ? cast.executor
        : cast.head;

  it("brings the fixtures into the states they are named after", async () => {
    for (const [status, number] of [...statements, ...complaints]) {
      const row = (await footprint(t, number)).row;
      expect(row?.status).toBe(status);
    }
    for (const number of complaints.values()) {
      expect((await footprint(t, number)).row?.kind).toBe("complaint");
    }
  });

  it.each(cells.filter((c) => !c.allowed))(
    "$action from $status: 409, nothing changes",
    async ({ action, status }) => {
      const number =
        COMPLAINT_STEPS.includes(action) && complaints.has(status)
          ? complaints.get(status)
          : statements.get(status);
      if (!number) throw new Error(status);
      const before = await footprint(t, number);
      const res = await api(
        t,
        actorFor(action, false),
        "POST",
        `/api/v1/appeals/${number}/${action}`,
        bodyFor(action, cast),
      );
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("CONFLICT");
      expect(await footprint(t, number)).toEqual(before);
    },
  );

  it.each(cells.filter((c) => c.allowed))(
    "$action from $status: succeeds",
    async ({ action, status }) => {
      const number = await appealIn(t, cast, status as AppealStatus, {
        complaint: COMPLAINT_STEPS.includes(action),
      });
      let who = actorFor(action, status === "in_progress");
      const silence = action === "complain" && status !== "answered";
      if (silence) {
        // A complaint against silence may be filed only once the term has passed.
        t.clock.set(AFTER_TERM);
        who = await resume(t, who);
      }
      try {
        const before = await footprint(t, number);
        const res = await api(
          t,
          who,
          "POST",
          `/api/v1/appeals/${number}/${action}`,
          bodyFor(action, cast),
        );
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        const expected =
          action === "correct" ? "registered" : nextStatus(action, status as AppealStatus);
        expect(res.json.status).toBe(expected);
        const after = await footprint(t, number);
        expect(after.row?.status).toBe(expected);
        expect(after.row?.version).toBe(Number(before.row?.version) + 1);
        expect(after.audit).toBeGreaterThan(before.audit);
        const entry = await t.ctx.db.kysely
          .selectFrom("audit_events")
          .select(["action", "data"])
          .where("subject_id", "=", String(before.row?.id))
          .orderBy("seq", "desc")
          .executeTakeFirstOrThrow();
        expect(entry.action).toBe(`appeal.${action}`);
        const data = JSON.parse(entry.data);
        expect(data).toMatchObject({ from: status, to: expected });
        if (action === "redirect") expect(data.agencyId).toBe(YESIL);
        if (action === "forward") expect(data.agencyId).toBe(CITY);
        if (action === "extend")
          expect(data).toMatchObject({ dueOn: "2025-04-14", until: "2025-05-15" });
        if (action === "redirect" || action === "forward" || action === "complain") {
          expect(res.json.created.number).toMatch(/^[A-Z0-9]{2,4}-2025-\d{4}$/);
          expect(after.appeals).toBe(before.appeals + 1);
        } else {
          expect(after.appeals).toBe(before.appeals);
        }
      } finally {
        t.clock.set(START);
      }
    },
  );

  it("a correction returns an assigned appeal to its executor", async () => {
    const number = await appealIn(t, cast, "in_progress");
    await step(t, cast.head, number, "request-correction", { note: "Give the house number" });
    const res = await step(t, cast.applicant, number, "correct", { text: "House 12." });
    expect(res.status).toBe("in_progress");
    expect((await footprint(t, number)).row).toMatchObject({
      status: "in_progress",
      executor_id: cast.executor.accountId,
      correction_note: null,
    });
  });

  it("redirecting a part leaves the appeal where it was, and says so", async () => {
    const number = await appealIn(t, cast, "in_progress");
    const res = await step(t, cast.head, number, "redirect", {
      agencyId: YESIL,
      reason: "The second question is Yesil's",
      part: "About the bus stop on Turan Avenue.",
    });
    expect(res.created.agencyId).toBe(YESIL);
    expect(res.status).toBe("in_progress");
    expect((await footprint(t, number)).row?.status).toBe("in_progress");
  });

  it("lets only one of two heads acting at once take a step", async () => {
    const number = await appealIn(t, cast, "registered");
    const otherHead = await staff(t, "head");
    const [a, b] = await Promise.all([
      api(t, cast.head, "POST", `/api/v1/appeals/${number}/terminate`, {
        reason: "already_decided",
      }),
      api(t, otherHead, "POST", `/api/v1/appeals/${number}/return`, { reason: "obscene" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", String((await footprint(t, number)).row?.id))
      .execute();
    expect(audit.map((e) => e.action).filter((x) => x !== "appeal.registered")).toHaveLength(1);
  });
});
