import type { Generated } from "kysely";

/** The registration card of an appeal registered at the desk (migration 2026-12-07T1830). */
export interface AppealCardsTable {
  appeal_id: string;
  /** The incoming letter's own (outgoing) number, as written on it. */
  letter_number: string | null;
  /** The letter's own date, `YYYY-MM-DD`. */
  letter_date: string | null;
  sheets: number | null;
  /** desk/card.ts CORRESPONDENTS */
  correspondent: string;
  /** The body that forwarded the letter, when `correspondent` is `body`. */
  correspondent_agency_id: string | null;
  /** The deputy, the blog entry or whatever else sent it, as the registrar wrote it. */
  correspondent_reference: string | null;
  /** desk/card.ts ANSWER_DELIVERIES */
  answer_delivery: string;
  under_control: Generated<number>;
  created_at: string;
}

/** A registrar's last choices at the desk, to pre-fill the next registration. */
export interface RegistrarDefaultsTable {
  account_id: string;
  channel: string;
  kind: string;
  correspondent: string;
  answer_delivery: string;
  updated_at: string;
}

export interface DeskCardTables {
  appeal_cards: AppealCardsTable;
  registrar_defaults: RegistrarDefaultsTable;
}
