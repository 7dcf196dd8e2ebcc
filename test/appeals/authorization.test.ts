import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTIONS,
  type AppealAction,
  type AppealStatus,
} from "../../src/capabilities/appeals/appeal.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import {
  api,
  appealIn,
  BAIKONUR,
  type Cast,
  citizen,
  footprint,
  organisation,
  staff,
  step,
  YESIL,
} from "./support.js";

/**
 * Who may do what, written out. Two appeals: "own" is the applicant's, filed for their
 * organisation with the Baikonur district akimat and assigned to the assigned executor; "other"
 * is someone else's, with the Yesil district akimat. The inbox column is the inbox of that
 * appeal's body. ok: allowed; 401: not signed in (or staff without the second factor); 403:
 * may see but not act; 404: may not even see it.
 */
const TABLE = `
role                 appeal view inbx asgn rdir frwd rqcr corr retn term extd answ appr sndb wdrw rate cmpl publ note ctrl catg stsf
anonymous            own    401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401
anonymous            other  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401
applicant            own    ok   403  403  403  403  403  ok   403  403  403  403  403  403  ok   ok   ok   ok   403  403  403  403
applicant            other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
representative       own    ok   403  403  403  403  403  ok   403  403  403  403  403  403  ok   ok   ok   ok   403  403  403  403
representative       other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
other-citizen        own    404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
other-citizen        other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
registrar            own    ok   ok   403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403
registrar            other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
executor             own    ok   ok   403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403
executor             other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
assigned-executor    own    ok   ok   403  403  403  403  403  403  403  403  ok   403  403  403  403  403  403  ok   403  403  403
assigned-executor    other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
co-executor          own    ok   ok   403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  ok   403  403  403
co-executor          other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
head                 own    ok   ok   ok   ok   ok   ok   403  ok   ok   ok   ok   ok   ok   403  403  403  403  ok   ok   ok   ok
head                 other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
analyst              own    ok   ok   403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403  403
analyst              other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
body-admin           own    404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
body-admin           other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
system-admin         own    404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
system-admin         other  404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
head-of-other-body   own    404  403  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
head-of-other-body   other  ok   ok   ok   ok   ok   ok   403  ok   ok   ok   ok   ok   ok   403  403  403  403  ok   ok   ok   ok
no-second-factor     own    401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401
no-second-factor     other  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401  401
`;

/** The table's column heads, in order. */
const COLUMNS: Record<string, "view" | "inbox" | AppealAction> = {
  view: "view",
  inbx: "inbox",
  asgn: "assign",
  rdir: "redirect",
  frwd: "forward",
  rqcr: "request-correction",
  corr: "correct",
  retn: "return",
  term: "terminate",
  extd: "extend",
  answ: "answer",
  appr: "approve",
  sndb: "send-back",
  wdrw: "withdraw",
  rate: "rate",
  cmpl: "complain",
  publ: "publish",
  note: "note",
  ctrl: "control",
  catg: "categorise",
  stsf: "satisfy",
};

type Expect = "ok" | 401 | 403 | 404;
interface Cell {
  role: string;
  target: "own" | "other";
  column: "view" | "inbox" | AppealAction;
  expected: Expect;
}

function parseTable(): Cell[] {
  const [head, ...rows] = TABLE.trim().split("\n");
  const heads = (head ?? "").trim().split(/\s+/).slice(2);
  if (heads.join() !== Object.keys(COLUMNS).join()) throw new Error("table columns");
  return rows.flatMap((line) => {
    const [role, target, ...values] = line.trim().split(/\s+/);
    if (values.length !== heads.length) throw new Error(`row ${role} ${target}`);
    return values.map((v, i) => ({
      role: role as string,
      target: target as "own" | "other",
      column: COLUMNS[heads[i] as string] as Cell["column"],
      expected: (v === "ok" ? "ok" : Number(v)) as Expect,
    }));
  });
}

const CELLS = parseTable();
const ROLES = [
  "anonymous",
  "applicant",
  "representative",
  "other-citizen",
  "registrar",
  "executor",
  "assigned-executor",
  "co-executor",
  "head",
  "analyst",
  "body-admin",
  "system-admin",
  "head-of-other-body",
  "no-second-factor",
];

/** The state in which each step is allowed, so that an allowed cell is proven by a success. */
const READY: Record<AppealAction, AppealStatus> = {
  assign: "registered",
  redirect: "registered",
  forward: "registered",
  "request-correction": "registered",
  correct: "awaiting_correction",
  return: "registered",
  terminate: "registered",
  extend: "registered",
  answer: "in_progress",
  approve: "awaiting_approval",
  "send-back": "awaiting_approval",
  withdraw: "registered",
  rate: "answered",
  complain: "answered",
  publish: "registered",
  note: "in_progress",
  control: "registered",
  categorise: "registered",
  satisfy: "registered",
};

/** Steps that only a complaint filed with the body can take. */
const COMPLAINT_STEPS: AppealAction[] = ["forward", "satisfy"];
/** A topic both bodies handle (read once the app is up). */
const topics = { own: "", other: "" };

function bodyFor(action: AppealAction, cast: Cast): Record<string, unknown> {
  switch (action) {
    case "assign":
      return { executorId: cast.executor.accountId };
    case "redirect":
      return { agencyId: cast.agencyId === YESIL ? BAIKONUR : YESIL, reason: "Not ours" };
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
      return { outcome: "explained", text: "The lamps will be replaced." };
    case "send-back":
      return { reason: "Cite the law" };
    case "rate":
      return { score: 3, resolved: "partly" };
    case "complain":
      return { text: "Nothing was done." };
    case "publish":
      return { public: true };
    case "forward":
      return { position: "The answer was lawful." };
    case "note":
      return { text: "Called the applicant." };
    case "control":
      return { on: true };
    case "categorise":
      return { categoryId: cast.agencyId === YESIL ? topics.other : topics.own };
    case "satisfy":
      return { text: "The complaint is satisfied." };
    default:
      return {};
  }
}

const ERROR_CODES: Record<401 | 403 | 404, string[]> = {
  401: ["UNAUTHENTICATED", "SECOND_FACTOR_REQUIRED"],
  403: ["FORBIDDEN"],
  404: ["NOT_FOUND"],
};

describe("the expected table", () => {
  it("covers every role, both appeals, viewing, the inbox and every action", () => {
    expect(new Set(Object.values(COLUMNS))).toEqual(new Set(["view", "inbox", ...ACTIONS]));
    expect(CELLS).toHaveLength(ROLES.length * 2 * (ACTIONS.length + 2));
    for (const role of ROLES) {
      for (const target of ["own", "other"]) {
        expect(CELLS.filter((c) => c.role === role && c.target === target)).toHaveLength(
          ACTIONS.length + 2,
        );
      }
    }
  });
});

describe.each(testDialects())("appeal authorization matrix (%s)", (dialect) => {
  let t: TestApp;
  const who = new Map<string, SignedIn | null>();
  /** The people around each appeal, for making fresh ones in the state a step needs. */
  let ownCast: Cast;
  let otherCast: Cast;
  const shared = { own: "", other: "" };
  let coExecutorId = "";
  /** The own appeal's resolution names the co-executor beside the assigned executor. */
  const withCoExecutor = (number: string) =>
    step(t, ownCast.head, number, "assign", {
      executorId: ownCast.executor.accountId,
      coExecutorIds: [coExecutorId],
    });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const applicant = await citizen(t);
    const representative = await citizen(t);
    const head = await staff(t, "head");
    const assigned = await staff(t, "executor");
    const coExecutor = await staff(t, "executor");
    who.set("co-executor", coExecutor);
    coExecutorId = coExecutor.accountId;
    const topicOf = async (agencyId: string) =>
      (
        await t.ctx.db.kysely
          .selectFrom("agency_competences")
          .select("category_id")
          .where("agency_id", "=", agencyId)
          .orderBy("category_id")
          .executeTakeFirstOrThrow()
      ).category_id;
    topics.own = await topicOf(BAIKONUR);
    topics.other = await topicOf(YESIL);
    const yesilHead = await staff(t, "head", YESIL);
    who.set("anonymous", null);
    who.set("applicant", applicant);
    who.set("representative", representative);
    who.set("other-citizen", await citizen(t));
    who.set("registrar", await staff(t, "registrar"));
    who.set("executor", await staff(t, "executor"));
    who.set("assigned-executor", assigned);
    who.set("head", head);
    who.set("analyst", await staff(t, "analyst"));
    who.set("body-admin", await staff(t, "admin"));
    who.set("system-admin", await signInAs(t, { grants: [{ role: "admin", agencyId: null }] }));
    who.set("head-of-other-body", yesilHead);
    who.set(
      "no-second-factor",
      await signInAs(t, { grants: [{ role: "head", agencyId: BAIKONUR }], secondFactor: false }),
    );
    ownCast = {
      agencyId: BAIKONUR,
      applicant,
      head,
      executor: assigned,
      organisationId: await organisation(t, [applicant, representative]),
    };
    otherCast = {
      agencyId: YESIL,
      applicant: await citizen(t),
      head: yesilHead,
      executor: await staff(t, "executor", YESIL),
    };
    shared.own = await appealIn(t, ownCast, "in_progress");
    await withCoExecutor(shared.own);
    shared.other = await appealIn(t, otherCast, "registered");
  });
  afterAll(async () => {
    await t?.close();
  });

  const agencyOf = (target: "own" | "other") => (target === "own" ? BAIKONUR : YESIL);

  it.each(CELLS.filter((c) => c.expected !== "ok"))(
    "$role × $column × $target appeal → $expected, nothing changes",
    async ({ role, target, column, expected }) => {
      const number = shared[target];
      const before = await footprint(t, number);
      const res =
        column === "view"
          ? await api(t, who.get(role) ?? null, "GET", `/api/v1/appeals/${number}`)
          : column === "inbox"
            ? await api(
                t,
                who.get(role) ?? null,
                "GET",
                `/api/v1/agencies/${agencyOf(target)}/appeals`,
              )
            : await api(
                t,
                who.get(role) ?? null,
                "POST",
                `/api/v1/appeals/${number}/${column}`,
                bodyFor(column, target === "own" ? ownCast : otherCast),
              );
      expect(res.status).toBe(expected);
      expect(ERROR_CODES[expected as 401 | 403 | 404]).toContain(res.json.error.code);
      // A denial reveals nothing of the appeal.
      expect(JSON.stringify(res.json)).not.toContain("Street lighting");
      expect(await footprint(t, number)).toEqual(before);
    },
  );

  it.each(CELLS.filter((c) => c.expected === "ok"))(
    "$role × $column × $target appeal → allowed",
    async ({ role, target, column }) => {
      const actor = who.get(role);
      if (!actor) throw new Error(role);
      const cast = target === "own" ? ownCast : otherCast;
      if (column === "view") {
        const res = await api(t, actor, "GET", `/api/v1/appeals/${shared[target]}`);
        expect(res.status).toBe(200);
        expect(res.json.number).toBe(shared[target]);
        return;
      }
      if (column === "inbox") {
        const res = await api(
          t,
          actor,
          "GET",
          `/api/v1/agencies/${agencyOf(target)}/appeals?q=${shared[target]}`,
        );
        expect(res.status).toBe(200);
        expect(res.json.items.map((i: { number: string }) => i.number)).toEqual([shared[target]]);
        return;
      }
      const number = await appealIn(t, cast, READY[column], {
        complaint: COMPLAINT_STEPS.includes(column),
      });
      if (role === "co-executor") await withCoExecutor(number);
      const res = await api(
        t,
        actor,
        "POST",
        `/api/v1/appeals/${number}/${column}`,
        bodyFor(column, cast),
      );
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      const entry = await t.ctx.db.kysely
        .selectFrom("audit_events")
        .select(["action", "actor_id"])
        .where("subject_id", "=", String((await footprint(t, number)).row?.id))
        .orderBy("seq", "desc")
        .executeTakeFirstOrThrow();
      expect(entry).toEqual({ action: `appeal.${column}`, actor_id: actor.accountId });
    },
  );

  it("lists only the caller's own appeals (and their organisation's)", async () => {
    const mine = async (role: string) =>
      (await api(t, who.get(role) ?? null, "GET", "/api/v1/appeals")).json.items.map(
        (i: { number: string }) => i.number,
      );
    expect(await mine("applicant")).toContain(shared.own);
    expect(await mine("representative")).toContain(shared.own);
    expect(await mine("other-citizen")).toEqual([]);
    expect(await mine("head")).toEqual([]);
    expect(await mine("applicant")).not.toContain(shared.other);
    expect((await api(t, null, "GET", "/api/v1/appeals")).status).toBe(401);
  });

  it("hides the draft answer and the applicant's contacts from the applicant's view", async () => {
    const number = await appealIn(t, ownCast, "awaiting_approval");
    const applicantView = await api(
      t,
      who.get("applicant") ?? null,
      "GET",
      `/api/v1/appeals/${number}`,
    );
    expect(applicantView.json.answer).toBeNull();
    expect(applicantView.json.executorId).toBeNull();
    const headView = await api(t, who.get("head") ?? null, "GET", `/api/v1/appeals/${number}`);
    expect(headView.json.answer.text).toBe("Here is the answer.");
    expect(headView.json.applicant.name).toContain("Test");
  });
});
