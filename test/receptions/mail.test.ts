import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendReceptionReminders } from "../../src/capabilities/receptions/jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { book, citizen, MONDAY, publish, staff } from "./support.js";

/** The confirmation and the reminder reach a real SMTP server, each once. */
describe.each(testDialects())("reception mail on %s", (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp(dialect, { now: MONDAY, env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it("sends the confirmation and, the day before, one reminder", async () => {
    const head = await staff(t, "head");
    const slots = await publish(t, head);
    const person = await citizen(t, "reception.mail@test.invalid");
    const res = await book(t, person, slots[0]?.id as string);
    expect(res.status).toBe(201);
    await t.ctx.mail.flush();
    const confirmation = await smtp.waitFor(
      "reception.mail@test.invalid",
      /Your personal reception is booked/,
    );
    expect(confirmation).toContain(`/reception/bookings/${res.json.id}`);
    t.clock.set("2025-03-18T09:00:00Z");
    expect(await sendReceptionReminders(t.ctx)).toBe(1);
    expect(await sendReceptionReminders(t.ctx)).toBe(0);
    await t.ctx.mail.flush();
    await smtp.waitFor("reception.mail@test.invalid", /A reminder of your personal reception/);
    const delivered = smtp.received.filter((r) => r.to.includes("reception.mail@test.invalid"));
    expect(delivered).toHaveLength(2);
  });
});
