import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { appendAudit, systemActor } from "../../kernel/audit/audit.js";
import type { AppContext } from "../../platform/manifest.js";
import { hashKey } from "./open311/api-keys.js";

/** The demo instance's Open311 key, published in the docs so anyone can try the interface. */
export const DEMO_OPEN311_KEY = "demo-open311-key";
export const DEMO_KEY_ID = "00000000-0000-4000-8000-000000000311";

/** Issues the demo key (its hash only, like any other key), recorded in the audit log. */
export async function seedDemoOpenData(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  await trx
    .insertInto("open311_api_keys")
    .values({
      id: DEMO_KEY_ID,
      key_hash: hashKey(DEMO_OPEN311_KEY),
      name: "Демо-интегратор",
      organisation: "Halyq демо",
      contact: "open311@demo.invalid",
      created_by_id: null,
      created_at: ctx.clock.now().toISOString(),
      revoked_by_id: null,
      revoked_at: null,
    })
    .execute();
  await appendAudit(trx, ctx.clock, [
    {
      actor: systemActor("demo"),
      action: "open311.key_issued",
      subjectType: "open311_api_key",
      subjectId: DEMO_KEY_ID,
      data: { name: "Демо-интегратор", organisation: "Halyq демо" },
    },
  ]);
}
