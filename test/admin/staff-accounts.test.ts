import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccount, setGrants } from "../../src/capabilities/identity/account.repository.js";
import { auditTrail } from "../../src/kernel/audit/audit.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import {
  auditCount,
  BODY_A,
  BODY_B,
  bodyAdmin,
  get,
  post,
  sessionsOf,
  staffWith,
  systemAdmin,
} from "./support.js";

describe.each(testDialects())("staff accounts on %s", (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  const db = () => t.ctx.db.kysely;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await systemAdmin(t);
  });
  afterAll(async () => t.close());

  it("resets the second factor: secret, recovery codes and sessions go", async () => {
    const person = await staffWith(t, [{ role: "executor", agencyId: BODY_A.id }]);
    const now = t.clock.now().toISOString();
    await db()
      .updateTable("accounts")
      .set({ totp_secret: "JBSWY3DPEHPK3PXP", totp_enabled_at: now, totp_last_step: 42 })
      .where("id", "=", person.accountId)
      .execute();
    await db()
      .insertInto("recovery_codes")
      .values([
        { account_id: person.accountId, code_hash: "h1", used_at: null },
        { account_id: person.accountId, code_hash: "h2", used_at: null },
      ])
      .execute();
    // the button leads to a confirmation page saying what will happen and asking the reason
    const confirm = await get(t, `/admin/staff/${person.accountId}/reset-two-factor`, admin, "ru");
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Сброс второго фактора");
    expect(confirm.body).toContain("резервные коды сотрудника перестают действовать");
    expect(confirm.body).toContain('name="reason"');
    // without a reason nothing happens
    const before = await auditCount(t);
    const bare = await post(
      t,
      `/admin/staff/${person.accountId}/reset-two-factor`,
      admin,
      {},
      {
        lang: "ru",
      },
    );
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain("Укажите основание");
    expect(await auditCount(t)).toBe(before);
    expect((await findAccount(db(), person.accountId))?.totpEnabled).toBe(true);
    const res = await post(t, `/admin/staff/${person.accountId}/reset-two-factor`, admin, {
      reason: "Телефон утерян",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain("notice=staff_two_factor_reset");
    const row = await db()
      .selectFrom("accounts")
      .selectAll()
      .where("id", "=", person.accountId)
      .executeTakeFirst();
    expect(row).toMatchObject({ totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    const codes = await db()
      .selectFrom("recovery_codes")
      .selectAll()
      .where("account_id", "=", person.accountId)
      .execute();
    expect(codes).toHaveLength(0);
    expect(await sessionsOf(t, person.accountId)).toBe(0);
    expect((await auditTrail(db(), "account", person.accountId)).at(-1)).toMatchObject({
      action: "staff.two_factor_reset",
      actorId: admin.accountId,
      reason: "Телефон утерян",
      data: { hadTwoFactor: true, recoveryCodesDeleted: 2, sessionsEnded: 1 },
    });
    // the reason is in the account's history
    const history = await get(t, `/admin/staff/${person.accountId}/edit`, admin, "ru");
    expect(history.body).toContain("История учётной записи");
    expect(history.body).toContain("Второй фактор сброшен");
    expect(history.body).toContain("Основание: Телефон утерян");
  });

  it("deactivates an account: no more sign-in, sessions end; never one's own", async () => {
    const person = await staffWith(t, [{ role: "head", agencyId: BODY_B.id }]);
    const confirm = await get(t, `/admin/staff/${person.accountId}/deactivate`, admin, "kk");
    expect(confirm.body).toContain("Есептік жазбаны өшіру");
    const before0 = await auditCount(t);
    const bare = await post(t, `/admin/staff/${person.accountId}/deactivate`, admin, {
      reason: "   ",
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain("Enter the reason");
    expect((await findAccount(db(), person.accountId))?.active).toBe(true);
    expect(await auditCount(t)).toBe(before0);
    const res = await post(t, `/admin/staff/${person.accountId}/deactivate`, admin, {
      reason: "Left the service",
    });
    expect(res.statusCode).toBe(303);
    expect((await findAccount(db(), person.accountId))?.active).toBe(false);
    expect(await sessionsOf(t, person.accountId)).toBe(0);
    expect((await auditTrail(db(), "account", person.accountId)).at(-1)).toMatchObject({
      action: "staff.deactivated",
      actorId: admin.accountId,
      reason: "Left the service",
    });
    const list = await get(t, "/admin/staff", admin);
    expect(list.body).toContain("Inactive");

    const before = await auditCount(t);
    const self = await post(t, `/admin/staff/${admin.accountId}/deactivate`, admin, {
      reason: "Testing",
    });
    expect(self.statusCode).toBe(409);
    expect(self.body).toContain("govuk-error-summary");
    expect(self.body).toContain("You cannot deactivate your own account");
    expect((await findAccount(db(), admin.accountId))?.active).toBe(true);
    expect(await auditCount(t)).toBe(before);
  });

  it("keeps at least one active system administrator", async () => {
    const others = await db()
      .selectFrom("account_roles")
      .select("account_id")
      .where("role", "=", "admin")
      .where("agency_id", "is", null)
      .where("account_id", "<>", admin.accountId)
      .execute();
    for (const o of others) await setGrants(db(), o.account_id, [], t.clock.now().toISOString());
    const before = await auditCount(t);
    const res = await post(t, `/admin/staff/${admin.accountId}/edit`, admin, {
      role_0: "admin",
      body_0: BODY_A.id,
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("This is the last system administrator");
    expect((await findAccount(db(), admin.accountId))?.grants).toEqual([
      { role: "admin", agencyId: null },
    ]);
    expect(await auditCount(t)).toBe(before);
  });

  it("answers 404 for an unknown person or a citizen, to a system admin", async () => {
    const citizen = await signInAs(t, { kind: "citizen" });
    expect((await get(t, "/admin/staff/no-such-id/edit", admin)).statusCode).toBe(404);
    expect((await get(t, `/admin/staff/${citizen.accountId}/edit`, admin)).statusCode).toBe(404);
    const adminA = await bodyAdmin(t, BODY_A.id);
    expect((await get(t, `/admin/staff/${citizen.accountId}/edit`, adminA)).statusCode).toBe(403);
  });
});
