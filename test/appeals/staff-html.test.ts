import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { getPage, postForm, untranslated } from "./staff-support.js";
import { api, citizen, file, staff } from "./support.js";

describe.each(testDialects())(
  "the staff appeal pages are valid HTML in every language (%s)",
  (dialect) => {
    let t: TestApp;
    let head: SignedIn;
    let registrar: SignedIn;
    let pages: {
      name: string;
      who: SignedIn;
      url: string;
      post?: Record<string, string>;
      status: number;
    }[];

    beforeAll(async () => {
      t = await startTestApp(dialect);
      head = await staff(t, "head");
      registrar = await staff(t, "registrar");
      const executor = await staff(t, "executor");
      const me = await citizen(t);
      const fresh = await file(t, me, { crimeReport: true });
      const drafted = await file(t, me);
      await api(t, head, "POST", `/api/v1/appeals/${drafted.number}/assign`, {
        executorId: executor.accountId,
      });
      await api(t, executor, "POST", `/api/v1/appeals/${drafted.number}/answer`, {
        outcome: "explained",
        text: "Line one.\nLine two.\n\nA second paragraph.",
        basis: "APPK art. 89",
      });
      const desk = await postForm(t, registrar, "/office/appeals/new", {
        channel: "paper",
        kind: "statement",
        subject: "Leaking roof",
        text: "The roof leaks.",
        language: "kk",
        applicantName: "Omarov Bauyrzhan",
        applicantAddress: "Astana, Taraz 3",
        applicantLanguage: "kk",
      });
      pages = [
        { name: "inbox", who: head, url: "/office/appeals", status: 200 },
        {
          name: "inbox filtered",
          who: head,
          url: "/office/appeals?due=overdue&q=a&sort=number",
          status: 200,
        },
        {
          name: "case with every form",
          who: head,
          url: `/office/appeals/${fresh.number}`,
          status: 200,
        },
        {
          name: "case awaiting approval",
          who: head,
          url: `/office/appeals/${drafted.number}`,
          status: 200,
        },
        {
          name: "case after a step",
          who: head,
          url: `/office/appeals/${drafted.number}?done=answer`,
          status: 200,
        },
        {
          name: "case with errors",
          who: head,
          url: `/office/appeals/${fresh.number}/extend`,
          post: { "until-day": "40", "until-month": "1", "until-year": "2025", reason: "" },
          status: 400,
        },
        {
          name: "case with a conflict",
          who: head,
          url: `/office/appeals/${fresh.number}/approve`,
          post: {},
          status: 409,
        },
        { name: "desk", who: registrar, url: "/office/appeals/new", status: 200 },
        {
          name: "desk with errors",
          who: registrar,
          url: "/office/appeals/new",
          post: { channel: "phone", applicantIin: "123" },
          status: 400,
        },
        { name: "slip", who: registrar, url: desk.location ?? "", status: 200 },
        { name: "my tasks", who: head, url: "/office/tasks", status: 200 },
        {
          name: "my tasks with errors",
          who: head,
          url: "/office/tasks/notices",
          post: { mode: "hourly" },
          status: 400,
        },
        {
          name: "inbox for approval",
          who: head,
          url: "/office/appeals?stage=approval",
          status: 200,
        },
        {
          name: "saving a filter with errors",
          who: head,
          url: "/office/appeals/views",
          post: { agency: "ag-baikonur-akimat", name: "", query: "stage=done" },
          status: 400,
        },
      ];
    });
    afterAll(async () => {
      await t?.close();
    });

    for (const lang of ["kk", "ru", "en"]) {
      it(`in ${lang}`, async () => {
        for (const page of pages) {
          const res = page.post
            ? await postForm(t, page.who, page.url, page.post, lang)
            : await getPage(t, page.who, page.url, lang);
          expect(res.status, page.name).toBe(page.status);
          expect(res.body, page.name).toContain(`<html lang="${lang}"`);
          expect(await htmlProblems(res.body), page.name).toEqual([]);
          expect(untranslated(res.body), page.name).toEqual([]);
        }
      });
    }
  },
);
