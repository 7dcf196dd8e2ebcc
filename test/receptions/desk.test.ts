import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resume } from "../appeals/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { BAIKONUR, book, citizen, MONDAY, page, post, publish, staff, YESIL } from "./support.js";

/** Wednesday 19 March 2025, 11:00 in Astana: during the reception. */
const DURING = "2025-03-19T06:00:00Z";

const period = (from: [number, number], to: [number, number]) =>
  new URLSearchParams({
    agency: BAIKONUR,
    "from-day": String(from[0]),
    "from-month": String(from[1]),
    "from-year": "2025",
    "to-day": String(to[0]),
    "to-month": String(to[1]),
    "to-year": "2025",
  }).toString();

describe.each(testDialects())(
  "the reception desk: ticket, office links, journal (%s)",
  (dialect) => {
    let t: TestApp;
    let head: SignedIn;
    let registrar: SignedIn;
    let ticketId = "";
    let appealNumber = "";
    const bookings: string[] = [];

    beforeAll(async () => {
      t = await startTestApp(dialect, { now: MONDAY });
      head = await staff(t, "head");
      registrar = await staff(t, "registrar");
      const slots = await publish(t, head);
      for (const s of slots.slice(0, 2)) {
        const res = await book(t, await citizen(t), s.id, {
          question: "The lamps in the yard of 40 Kenesary St do not work.",
        });
        expect(res.status).toBe(201);
        bookings.push(res.json.id);
      }
    });
    afterAll(async () => t?.close());

    it("issues a walk-in ticket and opens its printable ticket", async () => {
      const res = await post(
        t,
        registrar,
        `/office/reception/tickets?agency=${BAIKONUR}`,
        {
          officialId: head.accountId,
          visitorName: "Серікова Әйгерім",
          visitorContact: "+7 701 000 00 01",
          question: "Ремонт подъезда дома 3 на улице Тараз.",
        },
        "ru",
      );
      expect(res.statusCode).toBe(303);
      const m = /^\/office\/reception\/bookings\/([^/]+)\/ticket\?issued=1$/.exec(
        String(res.headers.location),
      );
      expect(m).not.toBeNull();
      ticketId = m?.[1] ?? "";
      for (const [lang, words] of [
        [
          "ru",
          [
            "Талон на личный приём",
            "Номер в очереди",
            "17 марта 2025",
            "Серікова Әйгерім",
            "Test Staff",
            "Приёмная органа",
          ],
        ],
        ["kk", ["Жеке қабылдауға талон", "Кезектегі нөмірі", "2025 жылғы 17 наурыз", "Test Staff"]],
      ] as const) {
        const ticket = await page(
          t,
          registrar,
          `/office/reception/bookings/${ticketId}/ticket`,
          lang,
        );
        expect(ticket.statusCode).toBe(200);
        for (const w of words) expect(ticket.body, `${lang}: ${w}`).toContain(w);
        expect(ticket.body).not.toMatch(/2025-03-17/);
        expect(ticket.body).toContain("govuk-!-display-none-print");
      }
      // The desk's list names the day in words, not as a code.
      const office = await page(t, registrar, `/office/reception?agency=${BAIKONUR}`, "ru");
      expect(office.body).toContain("17 марта 2025 г. — Талон");
      expect(office.body).not.toMatch(/2025-03-17 —/);
      // Staff of another body, and a citizen, cannot open it.
      expect(
        (
          await page(
            t,
            await staff(t, "registrar", YESIL),
            `/office/reception/bookings/${ticketId}/ticket`,
          )
        ).statusCode,
      ).toBe(403);
      expect(
        (await page(t, await citizen(t), `/office/reception/bookings/${ticketId}/ticket`))
          .statusCode,
      ).toBe(404);
    });

    it("links a reception registered as an appeal to the office case and its slip", async () => {
      t.clock.set(DURING);
      head = await resume(t, head);
      const res = await post(t, head, `/office/reception/bookings/${bookings[0]}/outcome`, {
        outcome: "appeal",
        appealKind: "statement",
        refusalReason: "",
        note: "The akim asked for an inspection of the lighting.",
      });
      expect(res.statusCode).toBe(303);
      const { appeal_number: number } = await t.ctx.db.kysely
        .selectFrom("reception_bookings")
        .select("appeal_number")
        .where("id", "=", bookings[0] as string)
        .executeTakeFirstOrThrow();
      appealNumber = String(number);
      const shown = await page(t, head, `/office/reception/bookings/${bookings[0]}`, "ru");
      expect(shown.body).toContain(`href="/office/appeals/${number}"`);
      expect(shown.body).toContain(`href="/office/appeals/${number}/slip"`);
      expect(shown.body).not.toContain(`href="/appeals/${number}"`);
      const slip = await page(t, head, `/office/appeals/${number}/slip`, "ru");
      expect(slip.statusCode).toBe(200);
      expect(slip.body).toContain(String(number));
    });

    it("lists the period's receptions in the journal, in words, and exports them as CSV and XLSX", async () => {
      registrar = await resume(t, registrar);
      const all = await page(
        t,
        registrar,
        `/office/reception/journal?${period([1, 3], [31, 3])}`,
        "ru",
      );
      expect(all.statusCode).toBe(200);
      expect(all.body).toContain("Журнал личного приёма");
      expect(all.body).toContain("Серікова Әйгерім");
      expect(all.body).toContain("19 марта 2025");
      expect(all.body).toContain("Зарегистрировано как обращение");
      expect(all.body).not.toMatch(/2025-03-1\d/);
      const later = await page(
        t,
        registrar,
        `/office/reception/journal?${period([18, 3], [31, 3])}`,
        "ru",
      );
      expect(later.body).not.toContain("Серікова Әйгерім");
      expect(later.body).toContain("19 марта 2025");
      const none = await page(
        t,
        registrar,
        `/office/reception/journal?${period([1, 1], [5, 1])}`,
        "kk",
      );
      expect(none.body).toContain("Бұл кезеңде қабылдау болмады.");

      const bad = await page(
        t,
        registrar,
        `/office/reception/journal?agency=${BAIKONUR}&from-day=31&from-month=2&from-year=2025&to-day=1&to-month=3&to-year=2025`,
        "ru",
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("Дата начала указана неверно");
      const reversed = await page(
        t,
        registrar,
        `/office/reception/journal?${period([20, 3], [1, 3])}`,
        "kk",
      );
      expect(reversed.statusCode).toBe(400);
      expect(reversed.body).toContain("Кезеңнің соңы оның басынан ерте болмауы керек");

      const csv = await page(
        t,
        registrar,
        `/office/reception/journal.csv?${period([17, 3], [17, 3])}`,
        "ru",
      );
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      const lines = csv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      expect(lines[0]).toBe("Дата,Время,Вид,Посетитель,Принимающий,Вопрос,Результат,Обращение");
      expect(lines.filter((l) => l.includes("Серікова Әйгерім"))).toHaveLength(1);
      expect(lines.every((l, i) => i === 0 || l.startsWith("17 марта 2025"))).toBe(true);

      const xlsx = await t.app.inject({
        url: `/office/reception/journal.xlsx?${period([1, 3], [31, 3])}`,
        headers: { cookie: `${registrar.cookie}; halyq_lang=kk` },
      });
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      expect(sheet?.name).toBe("Қабылдау журналы");
      expect(sheet?.getRow(1).getCell(1).value).toBe("Күні");
      const rows: string[][] = [];
      sheet?.eachRow((row, n) => {
        if (n > 1) rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
      });
      const walkIn = rows.find((r) => r[3] === "Серікова Әйгерім");
      expect(walkIn?.[0]).toBe("2025 жылғы 17 наурыз");
      expect(walkIn?.[2]).toMatch(/^Тірі кезек, талон \d+$/);
      const appealRow = rows.find((r) => r[7] === appealNumber);
      expect(appealRow?.[0]).toBe("2025 жылғы 19 наурыз");
      expect(appealRow?.[6]).toBe("Өтініш ретінде тіркелді");
    });

    it("keeps the journal to the body's heads and registrars", async () => {
      for (const who of [
        await staff(t, "executor"),
        await staff(t, "analyst"),
        await staff(t, "head", YESIL),
      ]) {
        for (const path of ["journal", "journal.csv", "journal.xlsx"]) {
          const res = await page(t, who, `/office/reception/${path}?${period([1, 3], [31, 3])}`);
          expect(res.statusCode, path).toBe(403);
        }
      }
      expect(
        (await page(t, await citizen(t), `/office/reception/journal?${period([1, 3], [31, 3])}`))
          .statusCode,
      ).not.toBe(200);
    });
  },
);
