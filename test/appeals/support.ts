import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { AppealStatus } from "../../src/capabilities/appeals/appeal.js";
import { createSession } from "../../src/capabilities/identity/session.repository.js";
import type { Database } from "../../src/db/schema.js";
import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "../support/app.js";
import { api } from "../support/http.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export { api };

export const BAIKONUR = "ag-baikonur-akimat";
export const YESIL = "ag-yesil-akimat";
export const CITY = "ag-astana-akimat";

export const staff = (t: TestApp, role: RoleGrant["role"], agencyId = BAIKONUR) =>
  signInAs(t, { grants: [{ role, agencyId }] });
export const citizen = (t: TestApp) => signInAs(t, { kind: "citizen" });

/** Registration numbers stored on more than one appeal (none, in a sound database). */
export function numbersGivenTwice(db: Kysely<Database>) {
  return db
    .selectFrom("appeals")
    .select(["number", (eb) => eb.fn.countAll<number | string>().as("n")])
    .groupBy("number")
    .having((eb) => eb.fn.countAll(), ">", 1)
    .execute();
}

/** A statement to the Baikonur district akimat, unique so that it is never taken for a duplicate. */
export function statement(extra: Record<string, unknown> = {}) {
  return {
    kind: "statement",
    agencyId: BAIKONUR,
    subject: `Street lighting ${randomUUID().slice(0, 8)}`,
    text: "The lamps in our yard have not worked for three weeks.",
    ...extra,
  };
}

/** Files a statement and returns its number (fails the test if it was not registered). */
export async function file(t: TestApp, who: SignedIn, extra: Record<string, unknown> = {}) {
  const res = await api(t, who, "POST", "/api/v1/appeals", statement(extra));
  if (res.status !== 201)
    throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { number: string; dueDate: string; registeredOn: string; status: string };
}

/**
 * A new session for an account that already exists, made at the test clock's current time:
 * sessions made earlier have expired once a test moves the clock on by days.
 */
export async function resume(t: TestApp, who: SignedIn): Promise<SignedIn> {
  const db = t.ctx.db.kysely;
  const account = await db
    .selectFrom("accounts")
    .select("kind")
    .where("id", "=", who.accountId)
    .executeTakeFirstOrThrow();
  const now = t.clock.now();
  const session = await createSession(db, {
    accountId: who.accountId,
    kind: "browser",
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    secondFactorAt: account.kind === "staff" ? now.toISOString() : null,
  });
  const csrfCookie = randomBytes(24).toString("base64url");
  const csrf = createHmac("sha256", t.ctx.secret)
    .update(`${csrfCookie}|${session.idHash}`)
    .digest("base64url");
  return {
    accountId: who.accountId,
    cookie: `halyq_session=${session.token}; halyq_csrf=${csrfCookie}`,
    csrf,
    token: session.token,
  };
}

/** The people an appeal passes through in one body. */
export interface Cast {
  agencyId: string;
  applicant: SignedIn;
  head: SignedIn;
  executor: SignedIn;
  /** Filed for this organisation (the applicant represents it). */
  organisationId?: string;
}

/** A fresh applicant, head and executor for a body (or the given applicant). */
export async function castFor(
  t: TestApp,
  agencyId = BAIKONUR,
  applicant?: SignedIn,
): Promise<Cast> {
  return {
    agencyId,
    applicant: applicant ?? (await citizen(t)),
    head: await staff(t, "head", agencyId),
    executor: await staff(t, "executor", agencyId),
  };
}

/** Takes a step that must succeed (fails the test with the answer otherwise). */
export async function step(
  t: TestApp,
  who: SignedIn,
  number: string,
  action: string,
  body: Record<string, unknown> = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
): Promise<any> {
  const res = await api(t, who, "POST", `/api/v1/appeals/${number}/${action}`, body);
  if (res.status !== 200) {
    throw new Error(`${action} on ${number} failed: ${res.status} ${JSON.stringify(res.json)}`);
  }
  return res.json;
}

/**
 * A new appeal brought into `status` through the API, as the people of `cast` would take it
 * there; with `complaint`, a complaint against an answer of the same body instead of a statement.
 */
export async function appealIn(
  t: TestApp,
  cast: Cast,
  status: AppealStatus,
  options: { complaint?: boolean } = {},
): Promise<string> {
  const { applicant, head, executor } = cast;
  const extra = {
    agencyId: cast.agencyId,
    ...(cast.organisationId ? { organisationId: cast.organisationId } : {}),
  };
  let number: string;
  if (options.complaint) {
    const answered = await appealIn(t, cast, "answered");
    const complained = await step(t, applicant, answered, "complain", {
      text: "The answer does not address the problem.",
    });
    number = complained.created.number;
  } else if (status === "attached") {
    const same = statement(extra);
    await file(t, applicant, same);
    return (await file(t, applicant, same)).number;
  } else {
    number = (await file(t, applicant, extra)).number;
  }
  const assign = () => step(t, head, number, "assign", { executorId: executor.accountId });
  const answer = () =>
    step(t, executor, number, "answer", { outcome: "explained", text: "Here is the answer." });
  switch (status) {
    case "registered":
      break;
    case "in_progress":
      await assign();
      break;
    case "awaiting_correction":
      await step(t, head, number, "request-correction", { note: "Give the address" });
      break;
    case "awaiting_approval":
      await assign();
      await answer();
      break;
    case "answered":
      await assign();
      await answer();
      await step(t, head, number, "approve");
      break;
    case "redirected":
      await step(t, head, number, "redirect", {
        agencyId: cast.agencyId === YESIL ? BAIKONUR : YESIL,
        reason: "Not ours",
      });
      break;
    case "returned":
      await step(t, head, number, "return", { reason: "obscene" });
      break;
    case "terminated":
      await step(t, head, number, "terminate", { reason: "already_decided" });
      break;
    case "withdrawn":
      await step(t, applicant, number, "withdraw");
      break;
    case "attached":
      throw new Error("a complaint is never filed twice");
  }
  return number;
}

/** What a refused step must leave untouched: the appeal's row and every log and outbox. */
export async function footprint(t: TestApp, number: string) {
  const db = t.ctx.db.kysely;
  const count = async (table: "audit_events" | "mail_outbox" | "sms_outbox" | "appeals") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    row: await db.selectFrom("appeals").selectAll().where("number", "=", number).executeTakeFirst(),
    audit: await count("audit_events"),
    mail: await count("mail_outbox"),
    sms: await count("sms_outbox"),
    appeals: await count("appeals"),
  };
}

/** An organisation (by BIN) that the given people represent; returns its id. */
export async function organisation(t: TestApp, members: SignedIn[]): Promise<string> {
  const db = t.ctx.db.kysely;
  const id = randomUUID();
  const now = t.clock.now().toISOString();
  const bin = String(Math.floor(Math.random() * 1e12)).padStart(12, "0");
  await db
    .insertInto("organisations")
    .values({ id, name: "ТОО «Дала»", bin, created_at: now })
    .execute();
  for (const m of members) {
    await db
      .insertInto("organisation_members")
      .values({ organisation_id: id, account_id: m.accountId, created_at: now })
      .execute();
  }
  return id;
}
