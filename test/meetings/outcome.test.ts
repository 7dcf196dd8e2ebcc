import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingMeasures } from "../../src/capabilities/meetings/measures.js";
import { resume } from "../appeals/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import {
  afterTheMeeting,
  announce,
  api,
  citizen,
  countRows,
  page,
  post,
  register,
  staff,
} from "./support.js";

describe.each(testDialects())("minutes, decisions and attendance on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let id: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    head = await staff(t, "head");
    id = await announce(t, head, { capacity: "10" });
    for (let i = 0; i < 3; i++) await register(t, await citizen(t), id);
  });
  afterAll(async () => t?.close());

  it("refuses the outcome before the meeting has ended", async () => {
    const early = await post(t, head, `/office/meetings/${id}/minutes`, {
      minutes: "Too early",
      registered: "3",
      attended: "2",
    });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("only after the meeting has ended");
    expect((await page(t, head, `/office/meetings/${id}`)).body).toContain(
      "can be published once the meeting has ended",
    );
  });

  it("publishes minutes, attendance and decisions with their follow-up after the meeting", async () => {
    afterTheMeeting(t);
    head = await resume(t, head);
    const office = await page(t, head, `/office/meetings/${id}`);
    expect(office.body).toContain('id="registered" name="registered" type="text" value="3"');
    const audit = await countRows(t, "audit_events");
    const bad = await post(t, head, `/office/meetings/${id}/minutes`, {
      minutes: "",
      registered: "three",
      attended: "-1",
    });
    expect(bad.statusCode).toBe(400);
    for (const f of ["minutes", "registered", "attended"])
      expect(bad.body).toContain(`href="#${f}"`);
    expect(await countRows(t, "audit_events")).toBe(audit);
    const ok = await post(t, head, `/office/meetings/${id}/minutes`, {
      minutes: "Opened at 15:00.\n\nResidents asked for more benches.",
      registered: "3",
      attended: "2",
    });
    expect(ok.headers.location).toBe(`/office/meetings/${id}?done=minutes`);
    for (const [text, followUpKind, followUpRef] of [
      ["Add ten benches by June.", "", ""],
      ["Answer the appeal about the fountain.", "appeal", "BAIKONUR-DISTRICT-AKIMAT-2025-000001"],
      ["Discuss the draft rules for parks.", "draft", "https://legalacts.egov.kz/npa/view?id=1"],
    ] as const) {
      const r = await post(t, head, `/office/meetings/${id}/decisions`, {
        decisionText: text,
        followUpKind,
        followUpRef,
      });
      expect(r.headers.location, text).toBe(`/office/meetings/${id}?done=decision`);
    }
    const shown = await page(t, null, `/meetings/${id}`);
    expect(shown.body).toContain("Residents asked for more benches.");
    expect(shown.body).toContain("Add ten benches by June.");
    expect(shown.body).toContain('href="/appeals/public/BAIKONUR-DISTRICT-AKIMAT-2025-000001"');
    expect(shown.body).toContain('href="https://legalacts.egov.kz/npa/view?id=1"');
    const json = (await api(t, null, "GET", `/api/v1/meetings/${id}`)).json;
    expect(json.phase).toBe("ended");
    expect(json.attendance).toEqual({ registered: 3, attended: 2 });
    expect(json.decisions.map((d: { position: number }) => d.position)).toEqual([1, 2, 3]);
    expect(json.decisions[1].followUp).toEqual({
      kind: "appeal",
      reference: "BAIKONUR-DISTRICT-AKIMAT-2025-000001",
      url: "http://localhost:3000/appeals/public/BAIKONUR-DISTRICT-AKIMAT-2025-000001",
    });
    const measures = await meetingMeasures(t.ctx, "ag-baikonur-akimat", {
      from: "2025-04-01",
      to: "2025-04-01",
    });
    expect(Object.fromEntries(measures.map((m) => [m.name, m.value]))).toMatchObject({
      "meetings.held": 1,
      "meetings.registrations": 3,
      "meetings.attendance": 2,
    });
  });

  it("never stores a link that could run script or leave https", async () => {
    const before = await countRows(t, "meeting_decisions");
    for (const [kind, ref] of [
      ["draft", "javascript:alert(1)"],
      ["petition", "http://example.org/petition"],
      ["draft", "data:text/html,<script>alert(1)</script>"],
      ["appeal", "javascript:alert(1)"],
      ["appeal", "../../admin"],
      ["nonsense", "https://example.org"],
    ] as const) {
      const r = await post(t, head, `/office/meetings/${id}/decisions`, {
        decisionText: "Text",
        followUpKind: kind,
        followUpRef: ref,
      });
      expect(r.statusCode, `${kind} ${ref}`).toBe(400);
    }
    expect(await countRows(t, "meeting_decisions")).toBe(before);
    const badLink = await post(t, head, "/office/meetings", {
      agencyId: "ag-baikonur-akimat",
      kind: "hearing",
      "title-en": "Hearing",
      "agenda-en": "Agenda",
      onlineUrl: "javascript:alert(document.cookie)",
      "date-day": "1",
      "date-month": "5",
      "date-year": "2025",
      startTime: "10:00",
      endTime: "11:00",
      capacity: "5",
      eligibility: "everyone",
    });
    expect(badLink.statusCode).toBe(400);
    expect(badLink.body).toContain('href="#onlineUrl"');
    expect(badLink.body).not.toContain('href="javascript:');
  });

  it("lets only the body's head or executor publish the outcome", async () => {
    for (const who of [
      await staff(t, "moderator"),
      await staff(t, "analyst"),
      await staff(t, "head", "ag-yesil-akimat"),
    ]) {
      const r = await post(t, who, `/office/meetings/${id}/minutes`, {
        minutes: "Forged",
        registered: "1",
        attended: "1",
      });
      expect([403, 404]).toContain(r.statusCode);
    }
    const executor = await staff(t, "executor");
    const r = await post(t, executor, `/office/meetings/${id}/decisions`, {
      decisionText: "From the executor",
      followUpKind: "",
      followUpRef: "",
    });
    expect(r.statusCode).toBe(303);
  });
});
