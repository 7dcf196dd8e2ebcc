import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receptionsManifest } from "../../src/capabilities/receptions/manifest.js";
import { resume } from "../appeals/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { BAIKONUR, page, post, staff } from "./support.js";

const LANGS = ["kk", "ru", "en"] as const;

/** A session for a demo account (made directly, as the sign-in journeys are tested elsewhere). */
async function demo(t: TestApp, who: string): Promise<SignedIn> {
  const row = await t.ctx.db.kysely
    .selectFrom("accounts")
    .select("id")
    .where("email", "=", `${who}@demo.halyq.kz`)
    .executeTakeFirstOrThrow();
  return resume(t, { accountId: row.id, cookie: "", csrf: "", token: "" });
}

describe.each(testDialects())("reception pages on %s", (dialect) => {
  let t: TestApp;
  let citizen: SignedIn;
  let head: SignedIn;
  let bookings: { id: string; status: string; account_id: string | null }[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    citizen = await demo(t, "citizen");
    head = await demo(t, "head");
    bookings = await t.ctx.db.kysely
      .selectFrom("reception_bookings")
      .select(["id", "status", "account_id"])
      .execute();
  });
  afterAll(async () => t?.close());

  it("seeds the demo head's schedule with free slots after the demo clock, and bookings in every state", async () => {
    const free = await t.ctx.db.kysely
      .selectFrom("reception_slots")
      .select("id")
      .where("agency_id", "=", BAIKONUR)
      .where("booking_id", "is", null)
      .where("starts_at", ">", t.clock.now().toISOString())
      .execute();
    expect(free.length).toBeGreaterThan(40);
    expect(new Set(bookings.map((b) => b.status))).toEqual(
      new Set([
        "booked",
        "waiting",
        "cancelled",
        "redirected",
        "resolved",
        "appeal",
        "no_show",
        "refused",
      ]),
    );
  });

  it("lists its public pages, each valid in kk, ru and en", async () => {
    const paths = await receptionsManifest.publicPaths?.(t.ctx);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/reception",
        "/agencies/baikonur-district-akimat/reception",
        "/agencies/baikonur-district-akimat/reception/queue",
      ]),
    );
    expect(paths?.some((p) => p.startsWith("/reception/slots/"))).toBe(true);
    for (const path of paths ?? [])
      for (const lang of LANGS) {
        const res = await page(t, null, path, lang);
        expect(res.statusCode, `${lang} ${path}`).toBe(200);
        expect(res.body).toContain(`<html lang="${lang}"`);
        expect(await htmlProblems(res.body), `${lang} ${path}`).toEqual([]);
      }
  });

  it("shows the person's and the office's pages valid in kk, ru and en", async () => {
    const own = bookings.filter((b) => b.account_id === citizen.accountId);
    expect(own.length).toBeGreaterThan(2);
    const slot = await t.ctx.db.kysely
      .selectFrom("reception_slots")
      .select("id")
      .where("booking_id", "is", null)
      .where("starts_at", ">", t.clock.now().toISOString())
      .executeTakeFirstOrThrow();
    const personal = [
      "/reception/mine",
      `/reception/slots/${slot.id}`,
      ...own.map((b) => `/reception/bookings/${b.id}`),
    ];
    const office = [
      "/office/reception",
      ...bookings.map((b) => `/office/reception/bookings/${b.id}`),
    ];
    for (const lang of LANGS) {
      for (const path of personal) {
        const res = await page(t, citizen, path, lang);
        expect(res.statusCode, `${lang} ${path}`).toBe(200);
        expect(await htmlProblems(res.body), `${lang} ${path}`).toEqual([]);
      }
      for (const path of office) {
        const res = await page(t, head, path, lang);
        expect(res.statusCode, `${lang} ${path}`).toBe(200);
        expect(await htmlProblems(res.body), `${lang} ${path}`).toEqual([]);
      }
    }
    const upcoming = own.find((b) => b.status === "booked");
    const shown = await page(t, citizen, `/reception/bookings/${upcoming?.id}`);
    expect(shown.body).toContain("Move my reception");
    expect(shown.body).toContain("Cancel my reception");
  });

  it("shows forms with errors valid, in each language", async () => {
    const registrar = await staff(t, "registrar");
    for (const lang of LANGS) {
      const res = await post(
        t,
        registrar,
        `/office/reception/tickets?agency=${BAIKONUR}`,
        { officialId: "", visitorName: "", question: "" },
        lang,
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("govuk-error-summary");
      expect(await htmlProblems(res.body), lang).toEqual([]);
    }
  });
});
