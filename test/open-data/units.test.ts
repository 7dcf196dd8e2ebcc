import { describe, expect, it } from "vitest";
import { subjectOf } from "../../src/capabilities/open-data/open311/file-request.js";
import { zoneOffset } from "../../src/capabilities/open-data/open311/requests.js";
import { REMOVED, redactPersonalData } from "../../src/platform/privacy/redact.js";

describe("personal data in public text", () => {
  it.each([
    ["write to a.b@mail.kz please", `write to ${REMOVED} please`],
    ["call +7 (701) 234-56-78 now", `call ${REMOVED} now`],
    ["call 87012345678", `call ${REMOVED}`],
    ["IIN 900315300123", `IIN ${REMOVED}`],
    ["house 40, flat 12, 2025", "house 40, flat 12, 2025"],
    ["from 1 to 15 March", "from 1 to 15 March"],
  ])("%j becomes %j", (text, out) => {
    expect(redactPersonalData(text)).toBe(out);
  });
});

describe("Open311 helpers", () => {
  it("takes the subject from the description's first line, shortened at a word", () => {
    expect(subjectOf("Pothole\nDetails", "x")).toBe("Pothole");
    expect(subjectOf("  ", "Roads")).toBe("Roads");
    const long = subjectOf("word ".repeat(60), "x");
    expect(long.length).toBeLessThanOrEqual(121);
    expect(long.endsWith("word…")).toBe(true);
  });

  it("writes a zone's offset on the day, as ISO 8601 does", () => {
    expect(zoneOffset("Asia/Almaty", "2025-04-14")).toBe("+05:00");
    expect(zoneOffset("Europe/Moscow", "2025-04-14")).toBe("+03:00");
    expect(zoneOffset("UTC", "2025-04-14")).toBe("Z");
  });
});
