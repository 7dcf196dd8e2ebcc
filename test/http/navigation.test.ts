import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleGrant } from "../../src/kernel/permissions.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { signInAs } from "../support/sessions.js";

const BODY = "ag-baikonur-akimat";

const PUBLIC_MENU = ["/appeals", "/petitions", "/participation", "/reception", "/statistics"];

/** Each kind of person, and exactly the menu their roles open (in menu order). */
const MENUS: { who: string; grants?: RoleGrant[]; secondFactor?: boolean; menu: string[] }[] = [
  { who: "visitor", menu: PUBLIC_MENU },
  { who: "citizen", menu: PUBLIC_MENU },
  {
    who: "registrar",
    grants: [{ role: "registrar", agencyId: BODY }],
    menu: [
      "/office/tasks",
      "/office/appeals",
      "/office/petitions",
      "/office/reception",
      "/office/identity",
    ],
  },
  {
    who: "executor",
    grants: [{ role: "executor", agencyId: BODY }],
    menu: [
      "/office/tasks",
      "/office/appeals",
      "/office/petitions",
      "/office/consultations",
      "/office/meetings",
      "/office/dialogue",
      "/office/polls",
      "/office/publications",
      "/office/budgets",
    ],
  },
  {
    who: "head",
    grants: [{ role: "head", agencyId: BODY }],
    menu: [
      "/office/tasks",
      "/office/appeals",
      "/office/answer-templates",
      "/office/reports",
      "/office/petitions",
      "/office/petitions/signatures",
      "/office/consultations",
      "/office/meetings",
      "/office/dialogue",
      "/office/polls",
      "/office/reception",
      "/office/publications",
      "/office/budgets",
    ],
  },
  {
    who: "moderator",
    grants: [{ role: "moderator", agencyId: BODY }],
    menu: [
      "/office/petitions",
      "/office/petitions/signatures",
      "/office/moderation",
      "/office/consultations",
      "/office/meetings",
      "/office/dialogue",
      "/office/polls",
      "/office/publications",
    ],
  },
  {
    who: "analyst",
    grants: [{ role: "analyst", agencyId: BODY }],
    menu: ["/office/appeals", "/office/reports", "/office/petitions"],
  },
  {
    who: "system admin",
    grants: [{ role: "admin", agencyId: null }],
    menu: ["/admin", "/office/budgets"],
  },
  {
    who: "body admin",
    grants: [{ role: "admin", agencyId: BODY }],
    menu: ["/admin", "/office/budgets"],
  },
  {
    who: "staff before the second factor",
    grants: [{ role: "head", agencyId: BODY }],
    secondFactor: false,
    menu: [],
  },
];

function links(html: string, selector: string): string[] {
  const { document } = parseHTML(html);
  return Array.from(document.querySelectorAll(selector)).map((a) => a.getAttribute("href") ?? "");
}

describe.each(testDialects())("navigation by role on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it.each(MENUS.map((m) => [m.who, m] as const))(
    "the %s's menu lists exactly the pages their roles open, each answering 200",
    async (_who, m) => {
      const cookie =
        m.who === "visitor"
          ? ""
          : (
              await signInAs(t, {
                ...(m.grants ? { grants: m.grants } : {}),
                ...(m.secondFactor === false ? { secondFactor: false } : {}),
              })
            ).cookie;
      const headers = { cookie: `${cookie ? `${cookie}; ` : ""}halyq_lang=en` };
      const page = await t.app.inject({ url: "/about", headers });
      expect(page.statusCode).toBe(200);
      expect(links(page.body, "#navigation a")).toEqual(m.menu);
      // A folding menu has its button; a single link needs none.
      expect(page.body.includes("govuk-js-service-navigation-toggle")).toBe(m.menu.length > 1);
      const footer = links(page.body, ".govuk-footer__navigation a");
      if (m.who === "visitor" || m.who === "citizen") {
        expect(footer).toEqual(
          expect.arrayContaining(["/agencies", "/calendar", "/open-data", "/news", "/polls"]),
        );
      } else {
        // Staff keep the reference pages meant for everyone, one level down.
        expect(footer).toEqual(["/agencies", "/categories", "/calendar"]);
      }
      for (const href of [...m.menu, ...footer]) {
        const res = await t.app.inject({ url: href, headers });
        expect(res.statusCode, `${m.who} ${href}`).toBe(200);
      }
    },
    60_000,
  );

  it("the Participation page lists consultations, meetings, dialogue, polls and the participatory budget", async () => {
    const res = await t.app.inject({ url: "/participation", headers: { cookie: "halyq_lang=kk" } });
    expect(res.statusCode).toBe(200);
    expect(links(res.body, "main a")).toEqual([
      "/consultations",
      "/meetings",
      "/dialogue",
      "/polls",
      "/budgets",
    ]);
    expect(res.body).toContain("<h1");
    expect(await htmlProblems(res.body)).toEqual([]);
  });

  it("the visitor's home page offers no office page", async () => {
    const res = await t.app.inject({ url: "/", headers: { cookie: "halyq_lang=en" } });
    const hrefs = links(res.body, "a");
    expect(hrefs.filter((h) => h.startsWith("/office") || h.startsWith("/admin"))).toEqual([]);
    expect(hrefs).toEqual(expect.arrayContaining(PUBLIC_MENU));
  });

  it("a 403 page says who may use the page and how to get access, in the person's language", async () => {
    const citizen = await signInAs(t);
    const forbidden = await t.app.inject({
      url: "/office/appeals",
      headers: { cookie: `${citizen.cookie}; halyq_lang=ru` },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers["content-type"]).toBe("text/html; charset=utf-8");
    const { document } = parseHTML(forbidden.body);
    expect(document.querySelector("h1")?.textContent).toBe("У вас нет доступа к этой странице");
    const roles = Array.from(document.querySelectorAll("main li")).map((li) =>
      li.textContent?.trim(),
    );
    expect(roles).toEqual(
      expect.arrayContaining(["Регистратор", "Исполнитель", "Руководитель", "Аналитик"]),
    );
    expect(forbidden.body).toContain("учётной записью гражданина");
    expect(forbidden.body).toContain("попросите администратора вашего органа");
    expect(document.querySelector("main")?.textContent).not.toContain("FORBIDDEN");
    expect(forbidden.body).not.toContain("Код ошибки");
    expect(await htmlProblems(forbidden.body)).toEqual([]);

    const executor = await signInAs(t, { grants: [{ role: "executor", agencyId: BODY }] });
    const admin = await t.app.inject({
      url: "/admin",
      headers: { cookie: `${executor.cookie}; halyq_lang=kk` },
    });
    expect(admin.statusCode).toBe(403);
    const page = parseHTML(admin.body).document;
    expect(page.querySelector("h1")?.textContent).toBe("Бұл бетке кіру құқығыңыз жоқ");
    expect(
      Array.from(page.querySelectorAll("main li")).map((li) => li.textContent?.trim()),
    ).toContain("Әкімші");
    expect(admin.body).toContain("Есептік жазбаңызда бұл бет тиесілі органда мұндай рөл жоқ.");
    expect(page.querySelector("main")?.textContent).not.toContain("FORBIDDEN");

    // An API caller still gets the coded JSON error.
    const api = await t.app.inject({
      url: "/api/v1/office/appeals",
      headers: { cookie: citizen.cookie },
    });
    expect(api.headers["content-type"]).toContain("application/json");
  });
});
