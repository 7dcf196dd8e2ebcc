import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit, systemActor } from "../../../kernel/audit/audit.js";
import type { AppContext } from "../../../platform/manifest.js";
import { addDemoResidents } from "../../identity/index.js";
import { findPetition } from "../index.js";
import { regionOf } from "./territory.js";

/** The demo petition open for signatures (see the life cycle's demo data). */
const PETITION = "pet-demo-collecting";
const DISTRICT = "711410000";

/** Residents of the Baikonur district who signed (accounts without a password: they never sign in). */
const SIGNERS: [given: string, surname: string][] = [
  ["Айгерим", "Нұрланова"],
  ["Ерлан", "Сейітов"],
  ["Динара", "Ахметова"],
  ["Тимур", "Жақсыбеков"],
  ["Мария", "Ковалёва"],
  ["Асхат", "Ибраев"],
  ["Гульнара", "Омарова"],
  ["Данияр", "Бекмұхамбетов"],
  ["Светлана", "Ким"],
  ["Нурлан", "Абенов"],
  ["Жанар", "Тұрсынова"],
  ["Олжас", "Қайратұлы"],
];

/**
 * A dozen signatures of the demo petition, spread over its first weeks, written as signing
 * writes them: the rows, the district's tally and one audit entry naming each.
 */
export async function seedDemoSignatures(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  const petition = await findPetition(trx, PETITION);
  if (petition?.status !== "collecting") return;
  const now = ctx.clock.now();
  const start = Date.parse(petition.published_at ?? now.toISOString());
  const span = Math.max(1, now.getTime() - start);
  const iso = now.toISOString();
  const residents = SIGNERS.map(([givenName, surname], k) => ({
    givenName,
    surname,
    iin: `7${String(k + 1).padStart(3, "0")}01300${String(k).padStart(4, "0")}`.slice(0, 12),
    residenceCode: DISTRICT,
    language: "ru",
  }));
  const accountIds = await addDemoResidents(trx, residents, iso);
  const signatures = residents.map((r, k) => ({
    id: randomUUID(),
    petition_id: petition.id,
    account_id: accountIds[k] as string,
    iin: r.iin,
    given_name: r.givenName,
    surname_initial: Array.from(r.surname)[0] ?? "",
    region_code: regionOf(DISTRICT),
    district_code: DISTRICT,
    notify: 0,
    address_hash: null,
    subnet: null,
    email_domain: null,
    signed_at: new Date(start + Math.round((span * (k + 1)) / (SIGNERS.length + 1))).toISOString(),
    invalidated_at: null,
    invalidation_reason: null,
    invalidated_by: null,
  }));
  await trx.insertInto("petition_signatures").values(signatures).execute();
  await trx
    .insertInto("petition_signature_tallies")
    .values({ petition_id: petition.id, district_code: DISTRICT, signatures: signatures.length })
    .execute();
  await appendAudit(trx, ctx.clock, [
    {
      actor: systemActor("demo"),
      action: "petition.signatures.added",
      subjectType: "petition",
      subjectId: petition.id,
      data: { signatures: signatures.map((s) => ({ signatureId: s.id, accountId: s.account_id })) },
    },
  ]);
}
