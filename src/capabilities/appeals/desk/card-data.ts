import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { Locale } from "../../../kernel/i18n.js";
import { agencyNames } from "../../agencies/index.js";
import { findApplicantAccount } from "../../identity/index.js";
import type { AppealRow } from "../appeal.repository.js";
import { type Card, findCard } from "./card.js";

/** What the case page and the slip show of a desk appeal's card and its link to an account. */
export interface DeskCardView {
  card: Card | null;
  /** The forwarding body's name, in the page's language. */
  correspondentBody: string | null;
  /** The linked account's holder, as named on the account. */
  linkedName: string | null;
  scans: { id: string; fileName: string; size: number }[];
}

export async function loadDeskCard(
  db: Kysely<Database>,
  row: Pick<AppealRow, "id" | "applicant_account_id">,
  locale: Locale,
): Promise<DeskCardView> {
  const [card, scans, account] = await Promise.all([
    findCard(db, row.id),
    db
      .selectFrom("appeal_attachments")
      .select(["id", "file_name", "size"])
      .where("appeal_id", "=", row.id)
      .where("purpose", "=", "scan")
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    row.applicant_account_id
      ? findApplicantAccount(db, { id: row.applicant_account_id })
      : Promise.resolve(undefined),
  ]);
  const bodyId = card?.correspondentAgencyId;
  const body = bodyId ? (await agencyNames(db, [bodyId])).get(bodyId)?.[locale] : undefined;
  return {
    card: card ?? null,
    correspondentBody: body ?? null,
    linkedName: account?.name ?? null,
    scans: scans.map((s) => ({ id: s.id, fileName: s.file_name, size: Number(s.size) })),
  };
}
