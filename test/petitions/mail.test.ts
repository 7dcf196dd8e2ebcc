import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepPetitions } from "../../src/capabilities/petitions/jobs.js";
import { configurePetitions } from "../../src/capabilities/petitions/profiles.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { api, BAIKONUR, createDraft, verifiedCitizen } from "./support.js";

/**
 * Milestone notices reach a real SMTP server, each person in their language: the initiator and
 * the co-initiators at every milestone, signers who opted in from the threshold on, and a
 * signer who did not opt in never.
 */
describe.each(testDialects())("petition notices by mail (%s)", (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp(dialect, {
      now: "2025-03-19T05:00:00Z",
      env: { SMTP_URL: smtp.url },
    });
    await configurePetitions(t.ctx.db.kysely, t.clock, {
      coInitiators: { count: 1, workingDays: 20 },
      thresholds: [{ kind: "akimat", level: "district", fixed: 2 }],
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it("tells initiators, co-initiators and opted-in signers of each milestone in their language", async () => {
    const author = await verifiedCitizen(t, "en", `author.${dialect}@test.invalid`);
    const co = await verifiedCitizen(t, "ru", `co.${dialect}@test.invalid`);
    const head = await signInAs(t, {
      grants: [{ role: "head", agencyId: BAIKONUR }],
      email: `head.${dialect}@test.invalid`,
    });
    const p = await createDraft(t, author);
    await api(t, author, "POST", `/api/v1/petitions/${p.id}/gathering`);
    const token = (
      await t.ctx.db.kysely
        .selectFrom("petitions")
        .select("share_token")
        .where("id", "=", p.id)
        .executeTakeFirstOrThrow()
    ).share_token;
    expect(
      (await api(t, co, "POST", `/api/v1/petitions/${p.id}/co-initiators`, { token })).status,
    ).toBe(200);
    expect((await api(t, author, "POST", `/api/v1/petitions/${p.id}/submission`)).status).toBe(200);
    await t.ctx.mail.flush();
    expect(
      await smtp.waitFor(`author.${dialect}@test.invalid`, /has been sent to the body/),
    ).toContain(`/petitions/${p.number}`);
    await smtp.waitFor(`co.${dialect}@test.invalid`, /направлена в орган/);

    // The body's head hears of it with the term (20 working days across Nauryz).
    await smtp.waitFor(`head.${dialect}@test.invalid`, /by 21 April 2025/);
    expect((await api(t, head, "POST", `/api/v1/petitions/${p.id}/admission`)).status).toBe(200);
    const listening = await verifiedCitizen(t, "kk", `signer.${dialect}@test.invalid`);
    const silent = await verifiedCitizen(t, "en", `silent.${dialect}@test.invalid`);
    expect(
      (await api(t, listening, "POST", `/api/v1/petitions/${p.id}/signatures`, { notify: true }))
        .status,
    ).toBe(201);
    expect((await api(t, silent, "POST", `/api/v1/petitions/${p.id}/signatures`, {})).status).toBe(
      201,
    );
    // The job (or the signing side's check after its batch: one of them wins) moves it on.
    await sweepPetitions(t.ctx);
    const moved = await t.ctx.db.kysely
      .selectFrom("petitions")
      .select("status")
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow();
    expect(moved.status).toBe("consideration");
    await t.ctx.mail.flush();
    await smtp.waitFor(`signer.${dialect}@test.invalid`, /қажетті қол санын жинады/);
    await smtp.waitFor(`author.${dialect}@test.invalid`, /has reached its threshold/);
    await smtp.waitFor(`co.${dialect}@test.invalid`, /набрала нужное число подписей/);
    const to = (a: string) => smtp.received.filter((r) => r.to.includes(a)).length;
    expect(to(`silent.${dialect}@test.invalid`)).toBe(0);
    // Submitted, admitted, threshold: three each for the initiators; one for the signer.
    expect(to(`author.${dialect}@test.invalid`)).toBe(3);
    expect(to(`co.${dialect}@test.invalid`)).toBe(3);
    expect(to(`signer.${dialect}@test.invalid`)).toBe(1);
  });
});
