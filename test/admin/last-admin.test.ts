import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deactivateStaff } from "../../src/capabilities/admin/staff-admin.js";
import { findAccount } from "../../src/capabilities/identity/account.repository.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";

describe.each(testDialects())("the last system administrator on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it("two administrators removing each other at once leave one of them", async () => {
    const db = t.ctx.db.kysely;
    // The demo administrator is removed first, so exactly two system administrators remain.
    const demo = await db
      .selectFrom("accounts")
      .select("id")
      .where("email", "=", "admin@demo.halyq.kz")
      .executeTakeFirstOrThrow();
    const a = await signInAs(t, { grants: [{ role: "admin", agencyId: null }] });
    const b = await signInAs(t, { grants: [{ role: "admin", agencyId: null }] });
    const demoAccount = await findAccount(db, demo.id);
    if (!demoAccount) throw new Error("no demo admin");
    expect(
      (
        await deactivateStaff(
          t.ctx,
          { id: a.accountId, label: "a" },
          demoAccount,
          "Left the service",
        )
      ).kind,
    ).toBe("ok");
    const [accountA, accountB] = await Promise.all([
      findAccount(db, a.accountId),
      findAccount(db, b.accountId),
    ]);
    if (!accountA || !accountB) throw new Error("no admins");
    const results = await Promise.all([
      deactivateStaff(t.ctx, { id: a.accountId, label: "a" }, accountB, "Left the service"),
      deactivateStaff(t.ctx, { id: b.accountId, label: "b" }, accountA, "Left the service"),
    ]);
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(1);
    const active = await db
      .selectFrom("accounts")
      .innerJoin("account_roles", "account_roles.account_id", "accounts.id")
      .select("accounts.id")
      .where("account_roles.role", "=", "admin")
      .where("account_roles.agency_id", "is", null)
      .where("accounts.active", "=", 1)
      .execute();
    expect(active).toHaveLength(1);
  });
});
