import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  calendarFile,
  escapeText,
  foldLine,
  utcStamp,
} from "../../src/capabilities/meetings/icalendar.js";
import { localToUtc, utcToLocal } from "../../src/kernel/time/local-time.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { announce, staff } from "./support.js";

/** Content lines as a calendar reader unfolds them (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n");

describe("iCalendar (RFC 5545)", () => {
  const event = {
    uid: "meeting-1@halyq.example",
    stamp: new Date("2025-03-19T05:00:00.123Z"),
    start: new Date("2025-04-01T10:00:00Z"),
    end: new Date("2025-04-01T12:00:00Z"),
    summary: "Hearing; park, lake\nand the square",
    location: "Astana, 40 Kenesary St; hall 2",
    url: "https://meet.example/room?a=1,b=2",
  };

  it("writes one event with UID, DTSTAMP, DTSTART and DTEND in UTC, SUMMARY, LOCATION and URL", () => {
    const lines = unfold(calendarFile(event));
    expect(lines.slice(0, 6)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Halyq//Meetings//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
    ]);
    expect(lines).toContain("UID:meeting-1@halyq.example");
    expect(lines).toContain("DTSTAMP:20250319T050000Z");
    expect(lines).toContain("DTSTART:20250401T100000Z");
    expect(lines).toContain("DTEND:20250401T120000Z");
    expect(lines).toContain("SUMMARY:Hearing\\; park\\, lake\\nand the square");
    expect(lines).toContain("LOCATION:Astana\\, 40 Kenesary St\\; hall 2");
    expect(lines).toContain("URL:https://meet.example/room?a=1,b=2");
    expect(lines.slice(-3)).toEqual(["END:VEVENT", "END:VCALENDAR", ""]);
  });

  it("ends every line with CRLF and never a bare LF", () => {
    const ics = calendarFile(event);
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("escapes backslashes, semicolons, commas and every kind of line break", () => {
    expect(escapeText("a\\b;c,d\r\ne\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  it("folds lines at 75 octets without splitting a character", () => {
    const long = `SUMMARY:${"Қоғамдық тыңдау — ".repeat(12)}`;
    const folded = foldLine(long);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    expect(Buffer.from(folded, "utf8").toString("utf8")).not.toContain("\uFFFD");
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
    const ascii = foldLine(`X:${"a".repeat(200)}`).split("\r\n");
    expect(ascii.map((l) => Buffer.byteLength(l))).toEqual([75, 75, 54]);
  });

  it("writes UTC stamps without fractions", () => {
    expect(utcStamp(new Date("2025-12-31T23:59:59.999Z"))).toBe("20251231T235959Z");
  });

  it("reads a body's wall-clock time in its own zone", () => {
    expect(localToUtc("2025-04-01T15:00", "Europe/Moscow")?.toISOString()).toBe(
      "2025-04-01T12:00:00.000Z",
    );
    expect(localToUtc("2025-04-01T15:00", "UTC")?.toISOString()).toBe("2025-04-01T15:00:00.000Z");
    const almaty = localToUtc("2025-04-01T15:00", "Asia/Almaty");
    expect(almaty && utcToLocal(almaty, "Asia/Almaty")).toBe("2025-04-01T15:00");
    expect(localToUtc("2025-02-30T15:00", "UTC")).toBeNull();
    expect(localToUtc("2025-04-01T24:00", "UTC")).toBeNull();
  });
});

describe.each(testDialects())("a meeting's calendar file on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("is served as text/calendar with the meeting's times, place and link", async () => {
    const head = await staff(t, "head");
    const id = await announce(t, head, {
      "title-en": "Hearing, on the park; phase 2",
      onlineUrl: "https://meet.example/park",
    });
    const res = await t.app.inject({ url: `/meetings/${id}/calendar.ics?lang=en` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const lines = unfold(res.body);
    const start = localToUtc("2025-04-01T15:00", "Asia/Almaty") as Date;
    const end = localToUtc("2025-04-01T17:00", "Asia/Almaty") as Date;
    expect(lines).toContain(`UID:meeting-${id}@localhost:3000`);
    expect(lines).toContain(`DTSTART:${utcStamp(start)}`);
    expect(lines).toContain(`DTEND:${utcStamp(end)}`);
    expect(lines).toContain("SUMMARY:Hearing\\, on the park\\; phase 2");
    expect(lines).toContain("LOCATION:Astana\\, 40 Kenesary St\\, hall");
    expect(lines).toContain("URL:https://meet.example/park");
    expect(lines.some((l) => l.startsWith("DTSTAMP:") && /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(
      true,
    );
    const ru = await t.app.inject({ url: `/meetings/${id}/calendar.ics?lang=ru` });
    expect(unfold(ru.body)).toContain("SUMMARY:Слушания по парку");
    expect((await t.app.inject({ url: "/meetings/nope/calendar.ics" })).statusCode).toBe(404);
  });
});
