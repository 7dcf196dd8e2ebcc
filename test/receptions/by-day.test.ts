import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { MONDAY, page, publish, staff } from "./support.js";

const PAGE = "/agencies/baikonur-district-akimat/reception";

describe.each(testDialects())("choosing a reception by day, then time, on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let slots: { id: string; starts_at: string }[];
  beforeAll(async () => {
    t = await startTestApp(dialect, { now: MONDAY });
    head = await staff(t, "head");
    // three Wednesdays, six 20-minute receptions each
    slots = await publish(t, head, { weeks: "3" });
  });
  afterAll(async () => t?.close());

  /** The head's section of the body's reception page. */
  const section = (html: string) =>
    parseHTML(html).document.querySelector(`section[aria-labelledby="official-${head.accountId}"]`);

  it("lists the days with free times, then one day's times, with the address once, without JavaScript", async () => {
    expect(slots).toHaveLength(18);
    const day = (n: number) => ["2025-03-19", "2025-03-26", "2025-04-02"][n] as string;
    const res = await page(t, null, `${PAGE}?official=${head.accountId}&day=${day(1)}`);
    expect(res.statusCode).toBe(200);
    const mine = section(res.body);
    const days = Array.from(mine?.querySelectorAll("[data-testid=days] a") ?? []);
    expect(
      days.map((a) => new URL(a.getAttribute("href") ?? "", "http://x").searchParams.get("day")),
    ).toEqual([day(0), day(1), day(2)]);
    expect(days[1]?.getAttribute("aria-current")).toBe("true");
    expect(mine?.querySelector("[data-testid=days]")?.textContent).toContain("6 free times");
    // the second Wednesday's six times, and only those
    const times = Array.from(mine?.querySelectorAll("[data-testid=times] a") ?? []).map((a) =>
      a.getAttribute("href"),
    );
    expect(times).toEqual(slots.slice(6, 12).map((s) => `/reception/slots/${s.id}`));
    expect(mine?.querySelector("[data-testid=times]")?.textContent).toContain("10:00–10:20");
    // the place is named once for the official, not once per time
    expect(mine?.textContent?.split("Astana, 40 Kenesary St, room 201").length).toBe(2);
    // the page is short: three days and six times, not eighteen rows
    expect(mine?.querySelectorAll("a").length).toBe(3 + 6);
  });

  it("opens on the first day with free times, and ignores a day or official it does not have", async () => {
    for (const url of [
      PAGE,
      `${PAGE}?official=${head.accountId}&day=2031-01-01`,
      `${PAGE}?official=x&day=bad`,
    ]) {
      const res = await page(t, null, url);
      expect(res.statusCode, url).toBe(200);
      const first = parseHTML(res.body).document.querySelector("[data-testid=times] a");
      expect(first, url).not.toBeNull();
    }
    const mine = section(
      (await page(t, null, `${PAGE}?official=${head.accountId}&day=2025-03-19`)).body,
    );
    expect(mine?.querySelector("[data-testid=times] a")?.getAttribute("href")).toBe(
      `/reception/slots/${slots[0]?.id}`,
    );
  });

  it("is valid HTML in kk, ru and en", async () => {
    for (const lang of ["kk", "ru", "en"]) {
      const res = await page(t, null, `${PAGE}?official=${head.accountId}&day=2025-03-26`, lang);
      expect(res.statusCode).toBe(200);
      expect(await htmlProblems(res.body), lang).toEqual([]);
    }
  });
});
