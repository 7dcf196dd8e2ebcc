import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPetition, insertSigners } from "../petitions/signatures-support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { BAIKONUR, page, post, staffOf, YESIL } from "./support.js";

const SUBNET = "10.20.30.0/24";

describe.each(testDialects())(
  "suspicious petition signatures in the moderation queue on %s",
  (dialect) => {
    let t: TestApp;
    let petition: { id: string; number: string };
    let ids: string[];
    let lone: string;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.ctx.db.kysely;
      const now = t.clock.now();
      petition = await insertPetition(db, { now: now.toISOString(), agencyId: YESIL });
      const signers = await insertSigners(db, 7, now);
      const rows = signers.map((s, k) => ({
        id: randomUUID(),
        petition_id: petition.id,
        account_id: s.accountId,
        iin: `9001010000${String(k).padStart(2, "0")}`,
        given_name: "Test",
        surname_initial: "S",
        region_code: null,
        district_code: "",
        address_hash: `hash-${k}`,
        subnet: k < 6 ? SUBNET : "10.99.0.0/24",
        email_domain: `d${k}.test`,
        signed_at: new Date(now.getTime() - (10 - k) * 60_000).toISOString(),
        invalidated_at: null,
        invalidation_reason: null,
        invalidated_by: null,
      }));
      await db.insertInto("petition_signatures").values(rows).execute();
      await db
        .insertInto("petition_signature_tallies")
        .values({ petition_id: petition.id, district_code: "", signatures: 7 })
        .execute();
      ids = rows.slice(0, 6).map((r) => r.id);
      lone = rows[6]?.id as string;
    });
    afterAll(async () => t?.close());

    const db = () => t.ctx.db.kysely;
    const valid = async () =>
      (
        await db()
          .selectFrom("petition_signatures")
          .select("id")
          .where("petition_id", "=", petition.id)
          .where("invalidated_at", "is", null)
          .execute()
      ).length;
    const tally = async () =>
      Number(
        (
          await db()
            .selectFrom("petition_signature_tallies")
            .select("signatures")
            .where("petition_id", "=", petition.id)
            .executeTakeFirstOrThrow()
        ).signatures,
      );

    it("lists the signatures of a burst under the petition's title, without the signer's name", async () => {
      const moderator = await staffOf(t, "moderator");
      const res = await page(t, moderator, "/office/moderation?kind=signature");
      expect(res.status).toBe(200);
      for (const id of ids) expect(res.body).toContain(`value="signature:${id}"`);
      expect(res.body).not.toContain(`signature:${lone}`);
      expect(res.body).toContain(petition.number);
      expect(res.body).toContain(`Signature from the network ${SUBNET}, which sent 6 signatures`);
      expect(res.body).not.toContain("Signer0");
      expect(res.body).not.toContain("900101000000");
      const ru = await page(t, moderator, "/office/moderation?kind=signature", "ru");
      expect(ru.body).toContain("Подозрительная подпись под петицией");
      const kk = await page(t, moderator, "/office/moderation?kind=signature", "kk");
      expect(kk.body).toContain("Петициядағы күдікті қол");
      if (dialect === "sqlite")
        for (const lang of ["kk", "ru", "en"]) {
          const p = await page(t, moderator, "/office/moderation?kind=signature", lang);
          expect(await htmlProblems(p.body), lang).toEqual([]);
        }
      const comments = await page(t, moderator, "/office/moderation?kind=comment");
      expect(comments.body).not.toContain(`signature:${ids[0]}`);
    });

    it("another body's moderator neither sees nor can invalidate them", async () => {
      const other = await staffOf(t, "moderator", BAIKONUR);
      const theirs = await page(t, other, "/office/moderation");
      expect(theirs.body).not.toContain(`signature:${ids[0]}`);
      const res = await post(t, other, "/office/moderation", {
        items: `signature:${ids[0]}`,
        decision: "hide",
        reason: "duplicate",
      });
      expect(res.headers.location).toBe("/office/moderation?done=0&refused=1");
      expect(await valid()).toBe(7);
    });

    it("hiding invalidates the one signature with the reason, audited, and the count drops", async () => {
      const moderator = await staffOf(t, "moderator");
      const res = await post(t, moderator, "/office/moderation", {
        items: `signature:${ids[0]}`,
        decision: "hide",
        reason: "duplicate",
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/office/moderation?done=1&refused=0");
      const row = await db()
        .selectFrom("petition_signatures")
        .select(["invalidated_at", "invalidation_reason", "invalidated_by"])
        .where("id", "=", ids[0] as string)
        .executeTakeFirstOrThrow();
      expect(row.invalidated_at).not.toBeNull();
      expect(row.invalidation_reason).toBe("duplicate");
      expect(row.invalidated_by).toBe(moderator.accountId);
      expect(await valid()).toBe(6);
      expect(await tally()).toBe(6);
      const audit = await db()
        .selectFrom("audit_events")
        .select(["action", "subject_id"])
        .where("action", "in", ["petition.signatures.invalidated", "moderation.hidden"])
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        "moderation.hidden",
        "petition.signatures.invalidated",
      ]);
      const queue = await page(t, moderator, "/office/moderation?kind=signature");
      expect(queue.body).not.toContain(`signature:${ids[0]}`);
    });

    it("keeping marks it reviewed and leaves the signature valid", async () => {
      const moderator = await staffOf(t, "moderator");
      const res = await post(t, moderator, "/office/moderation", {
        items: `signature:${ids[1]}`,
        decision: "approve",
      });
      expect(res.headers.location).toBe("/office/moderation?done=1&refused=0");
      expect(await valid()).toBe(6);
      const queue = await page(t, moderator, "/office/moderation?kind=signature");
      expect(queue.body).not.toContain(`signature:${ids[1]}`);
      expect(queue.body).toContain(`signature:${ids[2]}`);
    });
  },
);
