import { describe, expect, it } from "vitest";
import { toRow } from "./search-index.js";

const doc = {
  kind: "appeal" as const,
  id: "a1",
  agencyId: "ag",
  title: { ru: "Звоните +7 701 123 45 67" },
  text: { ru: "Мой ИИН 900101300123, почта ivan (at) mail.kz, дом 12." },
  url: "/appeals/public/X-1",
  date: "2025-03-19T20:30:00Z",
  public: true,
};

describe("what enters the search index", () => {
  it("is redacted by the platform's redaction, with the date in the default zone", () => {
    const row = toRow(doc, "Asia/Almaty");
    expect(row?.title_ru).not.toMatch(/701|123 45/);
    expect(row?.text_ru).not.toContain("900101300123");
    expect(row?.text_ru).not.toContain("mail.kz");
    expect(row?.text_ru).toContain("дом 12");
    // 20:30 UTC is the next day in Kazakhstan.
    expect(row?.date).toBe("2025-03-20");
  });

  it("leaves out what is not public, has no title or points off the site", () => {
    expect(toRow({ ...doc, public: false }, "Asia/Almaty")).toBeNull();
    expect(toRow({ ...doc, title: { ru: "   " } }, "Asia/Almaty")).toBeNull();
    expect(toRow({ ...doc, url: "https://example.com/" }, "Asia/Almaty")).toBeNull();
    expect(toRow({ ...doc, url: "//example.com/" }, "Asia/Almaty")).toBeNull();
  });
});
