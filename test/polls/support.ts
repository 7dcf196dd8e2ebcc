import { randomInt } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../src/db/schema.js";
import type { TestApp } from "../support/app.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export { page, post } from "../meetings/support.js";

import { api as sharedApi } from "../support/http.js";

/** The JSON API as the shared helper calls it, in English. */
export const api = (
  t: TestApp,
  who: SignedIn | null,
  method: "GET" | "POST" | "DELETE",
  url: string,
  body?: unknown,
) => sharedApi(t, who, method, url, body, { lang: "en" });

export const BAIKONUR = "ag-baikonur-akimat";
export const BAIKONUR_TERRITORY = "711410000";

/** The demo data's open vote for residents of Baikonur district (no ballots in it yet). */
export async function demoVote(db: Kysely<Database>): Promise<string> {
  const poll = await db
    .selectFrom("polls")
    .select("id")
    .where("kind", "=", "vote")
    .where("status", "=", "scheduled")
    .executeTakeFirstOrThrow();
  return poll.id;
}
export const YESIL_TERRITORY = "711310000";
export const ASTANA_TERRITORY = "710000000";

let iinSeq = 0;
/** A 12-digit IIN unique within the test run (eligibility only asks that one is present). */
export function freshIin(): string {
  iinSeq++;
  return `9${String(randomInt(1e6)).padStart(6, "0")}${String(iinSeq).padStart(5, "0")}`;
}

/**
 * A citizen with a browser session; `iin` and `residence` as the eID would have set them, so
 * verified by e-ID unless `identity` says otherwise (an account without an IIN is declared).
 */
export async function person(
  t: TestApp,
  o: {
    iin?: string | null;
    residence?: string | null;
    identity?: "declared" | "eid" | "in_person";
  } = {},
): Promise<SignedIn> {
  const who = await signInAs(t, { kind: "citizen" });
  const iin = o.iin === undefined ? freshIin() : o.iin;
  await t.ctx.db.kysely
    .updateTable("accounts")
    .set({
      iin,
      residence_code: o.residence === undefined ? BAIKONUR_TERRITORY : o.residence,
      identity_assurance: o.identity ?? (iin ? "eid" : "declared"),
    })
    .where("id", "=", who.accountId)
    .execute();
  return who;
}

export const staff = (
  t: TestApp,
  role: "head" | "executor" | "moderator" | "registrar",
  agencyId = BAIKONUR,
) => signInAs(t, { grants: [{ role, agencyId }] });

/** The draft form for a vote of Baikonur residents: opens 19 March 2025 09:00, closes 26 March 18:00. */
export function voteForm(extra: Record<string, string> = {}): Record<string, string> {
  return {
    agencyId: BAIKONUR,
    kind: "vote",
    "title-kk": "Саябақ",
    "title-ru": "Сквер",
    "title-en": "The square",
    "description-kk": "",
    "description-ru": "",
    "description-en": "",
    eligibility: "territory",
    territoryCode: BAIKONUR_TERRITORY,
    eligibleCount: "",
    opensAt: "2025-03-19T09:00",
    closesAt: "2025-03-26T18:00",
    "q1-kind": "single",
    "q1-text-kk": "Не салынсын?",
    "q1-text-ru": "Что построить?",
    "q1-text-en": "What should be built?",
    "q1-options-kk": "Алаң\nСпорт\nГүлзар",
    "q1-options-ru": "Площадка\nСпорт\nЦветники",
    "q1-options-en": "Playground\nSports\nFlowers",
    "q1-scale": "5",
    ...extra,
  };
}

/** A survey for everyone: a scale, several choices and free text. */
export function surveyForm(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...voteForm(),
    kind: "survey",
    eligibility: "everyone",
    territoryCode: "",
    "q1-kind": "scale",
    "q1-options-kk": "",
    "q1-options-ru": "",
    "q1-options-en": "",
    "q1-scale": "10",
    "q2-kind": "multiple",
    "q2-text-en": "When do you travel?",
    "q2-options-en": "Mornings\nDaytime\nEvenings",
    "q3-kind": "text",
    "q3-text-en": "What could be better?",
    ...extra,
  };
}

/** Creates a draft through the body's form and publishes it; returns its id. */
export async function createPoll(
  t: TestApp,
  head: SignedIn,
  form: Record<string, string>,
  schedule = true,
): Promise<string> {
  const { post } = await import("../meetings/support.js");
  const res = await post(t, head, "/office/polls", form);
  const m = /^\/office\/polls\/([0-9a-f-]{36})\?done=created$/.exec(
    String(res.headers.location ?? ""),
  );
  if (res.statusCode !== 303 || !m)
    throw new Error(`creating failed: ${res.statusCode} ${res.body.slice(0, 3000)}`);
  const id = m[1] as string;
  if (schedule) {
    const s = await post(t, head, `/office/polls/${id}/schedule`, {});
    if (s.statusCode !== 303) throw new Error(`scheduling failed: ${s.statusCode}`);
  }
  return id;
}

export async function count(
  t: TestApp,
  table: "poll_voters" | "poll_ballots" | "poll_texts",
  pollId: string,
) {
  const r = await t.ctx.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("poll_id", "=", pollId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The columns of a table, from the database's own catalogue. */
export async function columnsOf(t: TestApp, table: string): Promise<string[]> {
  const tables = await t.ctx.db.kysely.introspection.getTables();
  const found = tables.find((x) => x.name === table);
  if (!found) throw new Error(`no table ${table}`);
  return found.columns.map((c) => c.name).sort();
}

export { sql };
