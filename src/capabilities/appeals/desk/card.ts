import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { FieldIssue } from "../../../kernel/result.js";

/** Who sent the letter: the person themself, another body, a deputy, the akim's blog, other. */
export const CORRESPONDENTS = ["applicant", "body", "deputy", "akim_blog", "other"] as const;
export type Correspondent = (typeof CORRESPONDENTS)[number];

/** How the answer is to reach the person. */
export const ANSWER_DELIVERIES = ["email", "post", "in_person", "account"] as const;
export type AnswerDelivery = (typeof ANSWER_DELIVERIES)[number];

/** The registration card as the registrar fills it in (strings as typed). */
export interface CardValues {
  letterNumber: string;
  /** `YYYY-MM-DD`, a malformed `x`-padded date, or "" when left empty. */
  letterDate: string;
  sheets: string;
  correspondent: string;
  correspondentAgencyId: string;
  correspondentReference: string;
  answerDelivery: string;
  underControl: boolean;
}

/** The card as stored and shown. */
export interface Card {
  letterNumber: string | null;
  letterDate: string | null;
  sheets: number | null;
  correspondent: Correspondent;
  correspondentAgencyId: string | null;
  correspondentReference: string | null;
  answerDelivery: AnswerDelivery;
  underControl: boolean;
}

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v);

/**
 * Checks the card against itself and the applicant's contacts: a forwarded letter names the
 * body, a deputy's request, the blog and "other" say who; the answer can go by e-mail only to
 * an address, by post only to a postal address, through the account only to a linked one.
 */
export function cardIssues(
  v: CardValues,
  c: {
    today: string;
    agencyIds: Set<string>;
    email: boolean;
    postalAddress: boolean;
    linked: boolean;
  },
): { issues: FieldIssue[]; card: Card | null } {
  const issues: FieldIssue[] = [];
  const letterNumber = v.letterNumber.trim();
  if (letterNumber.length > 50)
    issues.push({ field: "letterNumber", key: "appeals.error.too_long", params: { max: 50 } });
  let letterDate: string | null = null;
  if (v.letterDate) {
    const d = new Date(`${v.letterDate}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(v.letterDate) ||
      Number.isNaN(d.getTime()) ||
      d.toISOString().slice(0, 10) !== v.letterDate
    )
      issues.push({ field: "letterDate", key: "appeals.desk_card.error.letter_date" });
    else if (v.letterDate > c.today)
      issues.push({ field: "letterDate", key: "appeals.desk_card.error.letter_date_future" });
    else letterDate = v.letterDate;
  }
  let sheets: number | null = null;
  if (v.sheets.trim()) {
    const n = Number(v.sheets.trim());
    if (!/^\d{1,4}$/.test(v.sheets.trim()) || n < 1 || n > 9999)
      issues.push({ field: "sheets", key: "appeals.desk_card.error.sheets" });
    else sheets = n;
  }
  if (!isOneOf(CORRESPONDENTS, v.correspondent))
    issues.push({ field: "correspondent", key: "appeals.desk_card.error.correspondent" });
  const reference = v.correspondentReference.trim();
  if (reference.length > 300)
    issues.push({
      field: "correspondentReference",
      key: "appeals.error.too_long",
      params: { max: 300 },
    });
  const body = v.correspondent === "body";
  if (body && !c.agencyIds.has(v.correspondentAgencyId))
    issues.push({
      field: "correspondentAgencyId",
      key: "appeals.desk_card.error.correspondent_body",
    });
  if (["deputy", "akim_blog", "other"].includes(v.correspondent) && !reference)
    issues.push({
      field: "correspondentReference",
      key: "appeals.desk_card.error.correspondent_reference",
    });
  if (!isOneOf(ANSWER_DELIVERIES, v.answerDelivery))
    issues.push({ field: "answerDelivery", key: "appeals.desk_card.error.delivery" });
  else if (v.answerDelivery === "email" && !c.email && !c.linked)
    issues.push({ field: "answerDelivery", key: "appeals.desk_card.error.delivery_email" });
  else if (v.answerDelivery === "post" && !c.postalAddress)
    issues.push({ field: "answerDelivery", key: "appeals.desk_card.error.delivery_post" });
  else if (v.answerDelivery === "account" && !c.linked)
    issues.push({ field: "answerDelivery", key: "appeals.desk_card.error.delivery_account" });
  if (issues.length > 0) return { issues, card: null };
  return {
    issues,
    card: {
      letterNumber: letterNumber || null,
      letterDate,
      sheets,
      correspondent: v.correspondent as Correspondent,
      correspondentAgencyId: body ? v.correspondentAgencyId : null,
      correspondentReference: reference || null,
      answerDelivery: v.answerDelivery as AnswerDelivery,
      underControl: v.underControl,
    },
  };
}

/** Writes the card of a newly registered appeal, in the registration's transaction. */
export async function insertCard(
  trx: Kysely<Database>,
  appealId: string,
  card: Card,
  now: string,
): Promise<void> {
  await trx
    .insertInto("appeal_cards")
    .values({
      appeal_id: appealId,
      letter_number: card.letterNumber,
      letter_date: card.letterDate,
      sheets: card.sheets,
      correspondent: card.correspondent,
      correspondent_agency_id: card.correspondentAgencyId,
      correspondent_reference: card.correspondentReference,
      answer_delivery: card.answerDelivery,
      under_control: card.underControl ? 1 : 0,
      created_at: now,
    })
    .execute();
}

/** The card of an appeal, if it was registered with one. */
export async function findCard(db: Kysely<Database>, appealId: string): Promise<Card | undefined> {
  const r = await db
    .selectFrom("appeal_cards")
    .selectAll()
    .where("appeal_id", "=", appealId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    letterNumber: r.letter_number,
    letterDate: r.letter_date,
    sheets: r.sheets === null ? null : Number(r.sheets),
    correspondent: r.correspondent as Correspondent,
    correspondentAgencyId: r.correspondent_agency_id,
    correspondentReference: r.correspondent_reference,
    answerDelivery: r.answer_delivery as AnswerDelivery,
    underControl: Number(r.under_control) === 1,
  };
}

/** A registrar's remembered choices, to pre-fill the desk. */
export interface DeskDefaults {
  channel: string;
  kind: string;
  correspondent: string;
  answerDelivery: string;
}

/** The first registration's choices: a paper statement from the person, answered by post. */
export const FIRST_DEFAULTS: DeskDefaults = {
  channel: "paper",
  kind: "statement",
  correspondent: "applicant",
  answerDelivery: "post",
};

export async function registrarDefaults(
  db: Kysely<Database>,
  accountId: string,
): Promise<DeskDefaults> {
  const r = await db
    .selectFrom("registrar_defaults")
    .selectAll()
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return r
    ? {
        channel: r.channel,
        kind: r.kind,
        correspondent: r.correspondent,
        answerDelivery: r.answer_delivery,
      }
    : FIRST_DEFAULTS;
}

/** Remembers a registrar's choices of a registration, in its transaction. */
export async function rememberDefaults(
  trx: Kysely<Database>,
  accountId: string,
  d: DeskDefaults,
  now: string,
): Promise<void> {
  const values = {
    channel: d.channel,
    kind: d.kind,
    correspondent: d.correspondent,
    answer_delivery: d.answerDelivery,
    updated_at: now,
  };
  await trx
    .insertInto("registrar_defaults")
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column("account_id").doUpdateSet(values))
    .execute();
}
