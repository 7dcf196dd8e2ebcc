import { randomUUID } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import { compiled, type Params } from "../../../db/compiled.js";
import type { Database } from "../../../db/schema.js";
import { appendAudit, systemActor } from "../../../kernel/audit/audit.js";
import type { Clock } from "../../../kernel/clock.js";
import { accountContacts } from "../../identity/index.js";
import { petitionsForSigning } from "../index.js";
import { emailDomain } from "./address.js";
import type { PetitionSignaturesTable, PetitionSignatureTalliesTable } from "./signatures.table.js";
import { regionOf, withinTerritory } from "./territory.js";

/** One signing attempt, as the request hands it over (nothing checked against the database yet). */
export interface SignRequest {
  petitionId: string;
  accountId: string;
  notify: boolean;
  /** Whether the signer's name may appear in the public list of signers. */
  showName: boolean;
  addressHash: string | null;
  subnet: string | null;
}

/** What became of an attempt once its batch committed. */
export type SignOutcome =
  | { kind: "signed"; id: string; signedAt: string }
  | { kind: "not_found" }
  | { kind: "closed" }
  | { kind: "no_iin" }
  | { kind: "identity_not_verified" }
  | { kind: "not_eligible" }
  | { kind: "already_signed" }
  | { kind: "invalidated" };

interface Pending {
  req: SignRequest;
  resolve: (o: SignOutcome) => void;
  reject: (e: unknown) => void;
}

type SignatureRow = Required<Insertable<PetitionSignaturesTable>>;

interface Candidate {
  i: number;
  row: SignatureRow;
}

const SIGNATURE_COLUMNS = [
  "id",
  "petition_id",
  "account_id",
  "iin",
  "given_name",
  "surname_initial",
  "region_code",
  "district_code",
  "notify",
  "show_name",
  "address_hash",
  "subnet",
  "email_domain",
  "signed_at",
  "invalidated_at",
  "invalidation_reason",
  "invalidated_by",
] as const satisfies readonly (keyof SignatureRow)[];

// A batch's writes, compiled once per number of rows: the signatures that are not yet there,
// then each petition's and district's tally raised by its new signatures.
const insertSignatures = compiled((db, p: Params<{ rows: SignatureRow[] }>) =>
  db
    .insertInto("petition_signatures")
    .values(p.rows("rows", SIGNATURE_COLUMNS))
    .onConflict((oc) => oc.columns(["petition_id", "iin"]).doNothing())
    .returning("id"),
);
const addToTallies = compiled((db, p: Params<{ rows: PetitionSignatureTalliesTable[] }>) =>
  db
    .insertInto("petition_signature_tallies")
    .values(p.rows("rows", ["petition_id", "district_code", "signatures"]))
    .onConflict((oc) =>
      oc.columns(["petition_id", "district_code"]).doUpdateSet((eb) => ({
        signatures: eb("petition_signature_tallies.signatures", "+", eb.ref("excluded.signatures")),
      })),
    ),
);

/** Signing is open while the petition collects and its closing instant has not come. */
export function signingOpen(
  petition: { status: string; signing_closes_at: string | null },
  now: Date,
): boolean {
  return (
    petition.status === "collecting" &&
    petition.signing_closes_at !== null &&
    now.getTime() < Date.parse(petition.signing_closes_at)
  );
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Group commit specialised for signatures. Attempts that arrive together are settled in one
 * transaction: one read of their petitions, one of their accounts, one multi-row insert that
 * skips people who already signed (the unique index decides, across instances too), one tally
 * change per petition and district, and the audit entries; each caller is answered only after
 * that commit. Rows are written in a fixed order (petition, IIN, then tally keys) so two
 * instances' batches wait for each other instead of deadlocking.
 */
export class SignatureBatcher {
  #queue: Pending[] = [];
  #running = false;
  readonly #afterCommit: ((petitionIds: string[]) => void)[] = [];

  constructor(
    readonly db: Kysely<Database>,
    readonly clock: Clock,
    readonly maxBatch = 256,
  ) {}

  /** Called with the petitions that gained signatures, after each commit. */
  onCommitted(fn: (petitionIds: string[]) => void): void {
    this.#afterCommit.push(fn);
  }

  sign(req: SignRequest): Promise<SignOutcome> {
    return new Promise<SignOutcome>((resolve, reject) => {
      this.#queue.push({ req, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.maxBatch);
        await this.#settle(batch);
      }
    } finally {
      this.#running = false;
      if (this.#queue.length > 0) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    }
  }

  async #settle(batch: Pending[]): Promise<void> {
    let lastError: unknown;
    // A batch can lose to another instance's (a deadlock or serialisation failure the database
    // resolves by aborting one): everything is read again inside the retry, so it is safe.
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const outcomes = await this.db.transaction().execute((trx) => this.#write(trx, batch));
        batch.forEach((p, i) => {
          p.resolve(outcomes[i] as SignOutcome);
        });
        const signed = new Set<string>();
        batch.forEach((p, i) => {
          if (outcomes[i]?.kind === "signed") signed.add(p.req.petitionId);
        });
        if (signed.size > 0) for (const fn of this.#afterCommit) fn([...signed]);
        return;
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
      }
    }
    for (const p of batch) p.reject(lastError);
  }

  async #write(trx: Kysely<Database>, batch: Pending[]): Promise<SignOutcome[]> {
    const now = this.clock.now();
    const signedAt = now.toISOString();
    const petitionIds = [...new Set(batch.map((p) => p.req.petitionId))];
    const accountIds = [...new Set(batch.map((p) => p.req.accountId))];
    const [petitions, contacts] = await Promise.all([
      petitionsForSigning(trx, petitionIds),
      accountContacts(trx, accountIds),
    ]);
    const petitionOf = new Map(petitions.map((p) => [p.id, p]));
    const accountOf = new Map([...contacts].filter(([, a]) => a.active));

    const outcomes: (SignOutcome | undefined)[] = new Array(batch.length);
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    batch.forEach((p, i) => {
      const petition = petitionOf.get(p.req.petitionId);
      const account = accountOf.get(p.req.accountId);
      if (!petition || !account) outcomes[i] = { kind: "not_found" };
      else if (!signingOpen(petition, now)) outcomes[i] = { kind: "closed" };
      else if (!account.iin) outcomes[i] = { kind: "no_iin" };
      // Only a verified IIN keys a signature: a declared one would block its real holder.
      else if (!account.identityVerified) outcomes[i] = { kind: "identity_not_verified" };
      else if (!withinTerritory(account.residenceCode, petition.territory_code))
        outcomes[i] = { kind: "not_eligible" };
      else if (seen.has(`${petition.id}|${account.iin}`)) outcomes[i] = { kind: "already_signed" };
      else {
        seen.add(`${petition.id}|${account.iin}`);
        candidates.push({
          i,
          row: {
            id: randomUUID(),
            petition_id: petition.id,
            account_id: account.id,
            iin: account.iin,
            given_name: account.given_name.trim().slice(0, 100),
            surname_initial: Array.from(account.surname.trim())[0]?.toUpperCase() ?? "",
            region_code: regionOf(account.residenceCode),
            district_code: account.residenceCode,
            notify: p.req.notify ? 1 : 0,
            show_name: p.req.showName ? 1 : 0,
            address_hash: p.req.addressHash,
            subnet: p.req.subnet,
            email_domain: emailDomain(account.email),
            signed_at: signedAt,
            invalidated_at: null,
            invalidation_reason: null,
            invalidated_by: null,
          },
        });
      }
    });

    candidates.sort(
      (a, b) => byKey(a.row.petition_id, b.row.petition_id) || byKey(a.row.iin, b.row.iin),
    );
    const inserted = new Set<string>();
    for (let k = 0; k < candidates.length; k += 200) {
      const chunk = candidates.slice(k, k + 200);
      const rows = await insertSignatures.execute(trx, { rows: chunk.map((c) => c.row) });
      for (const r of rows) inserted.add(r.id);
    }
    const lost = candidates.filter((c) => !inserted.has(c.row.id));
    const invalidated = new Set<string>();
    if (lost.length > 0) {
      for (const pid of new Set(lost.map((c) => c.row.petition_id))) {
        const rows = await trx
          .selectFrom("petition_signatures")
          .select("iin")
          .where("petition_id", "=", pid)
          .where(
            "iin",
            "in",
            lost.filter((c) => c.row.petition_id === pid).map((c) => c.row.iin),
          )
          .where("invalidated_at", "is not", null)
          .execute();
        for (const r of rows) invalidated.add(`${pid}|${r.iin}`);
      }
    }

    const tallies = new Map<
      string,
      { petition_id: string; district_code: string; signatures: number }
    >();
    for (const c of candidates) {
      const i = c.i;
      if (!inserted.has(c.row.id)) {
        outcomes[i] = invalidated.has(`${c.row.petition_id}|${c.row.iin}`)
          ? { kind: "invalidated" }
          : { kind: "already_signed" };
        continue;
      }
      outcomes[i] = { kind: "signed", id: c.row.id, signedAt };
      const district = c.row.district_code ?? "";
      const key = `${c.row.petition_id}|${district}`;
      const t = tallies.get(key);
      if (t) t.signatures++;
      else
        tallies.set(key, {
          petition_id: c.row.petition_id,
          district_code: district,
          signatures: 1,
        });
    }
    if (tallies.size > 0) {
      const rows = [...tallies.entries()].sort(([a], [b]) => byKey(a, b)).map(([, v]) => v);
      await addToTallies.run(trx, { rows });
      // One entry per petition and batch, naming every signature and its signer: the record
      // stays complete, and a burst costs one hash-chained row per commit instead of hundreds.
      const added = new Map<string, { signatureId: string; accountId: string }[]>();
      for (const c of candidates) {
        if (!inserted.has(c.row.id)) continue;
        const list = added.get(c.row.petition_id) ?? [];
        list.push({ signatureId: c.row.id, accountId: c.row.account_id });
        added.set(c.row.petition_id, list);
      }
      await appendAudit(
        trx,
        this.clock,
        [...added.entries()].map(([petitionId, signatures]) => ({
          actor: systemActor("petition-signatures"),
          action: "petition.signatures.added",
          subjectType: "petition",
          subjectId: petitionId,
          data: { signatures },
        })),
      );
    }
    return outcomes as SignOutcome[];
  }
}
