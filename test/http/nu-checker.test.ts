import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { citizen, file, staff } from "../appeals/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { allPublicPaths } from "../support/public-paths.js";
import type { SignedIn } from "../support/sessions.js";

const run = promisify(execFile);
const VNU = path.resolve(import.meta.dirname, "../../node_modules/vnu-jar/build/dist/vnu.jar");

interface VnuMessage {
  type: "error" | "info" | "non-document-error";
  subType?: "warning" | "fatal";
  url: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/**
 * The W3C Nu HTML checker over the server's HTML: every public page of the html-validate sweep
 * in kk, ru and en (the statistics, a body's statistics and a closed poll's results with their
 * charts among them) and pages behind sign-in, saved to one folder and checked in one Java run.
 * Without Java the global setup says so, and under CI=true fails the run.
 */
describe.runIf(inject("javaPath") !== null)("the W3C Nu HTML checker", () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp("sqlite");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-vnu-"));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it("finds no error and no warning in any page", async () => {
    const saved = new Map<string, string>();
    let n = 0;
    const save = async (url: string, lang: string, who?: SignedIn) => {
      const cookie = [`halyq_lang=${lang}`, who?.cookie].filter(Boolean).join("; ");
      const res = await t.app.inject({ url, headers: { cookie } });
      expect([200, 400, 404], `${url} ${lang}`).toContain(res.statusCode);
      expect(res.headers["content-type"], url).toBe("text/html; charset=utf-8");
      const name = `page-${String(++n).padStart(3, "0")}.html`;
      fs.writeFileSync(path.join(dir, name), res.body);
      saved.set(name, `${url} (${lang}${who ? ", signed in" : ""})`);
      return res.body;
    };

    const publicPaths = await allPublicPaths(t);
    for (const must of ["/statistics", "/statistics/agencies/baikonur-district-akimat"]) {
      expect(publicPaths).toContain(must);
    }
    let charts = 0;
    for (const lang of ["kk", "ru", "en"]) {
      for (const url of publicPaths) {
        const body = await save(url, lang);
        if (body.includes("<svg") && /^\/(statistics|polls\/)/.test(url)) charts++;
      }
    }
    // The statistics, a body's statistics and a poll's results, each with its chart.
    expect(charts).toBeGreaterThanOrEqual(9);

    const me = await citizen(t);
    const filed = await file(t, me);
    const registrar = await staff(t, "registrar");
    const head = await staff(t, "head");
    for (const lang of ["kk", "ru", "en"]) {
      for (const url of ["/account", "/appeals", "/appeals/new", `/appeals/${filed.number}`]) {
        await save(url, lang, me);
      }
      await save("/office/appeals", lang, registrar);
      await save(`/office/appeals/${filed.number}`, lang, head);
    }

    const { stdout, stderr } = await run(
      String(inject("javaPath")),
      ["-jar", VNU, "--format", "json", "--exit-zero-always", dir],
      { maxBuffer: 64 * 1024 * 1024, timeout: 240_000 },
    );
    // vnu writes its JSON report to stderr.
    const report = JSON.parse(stderr || stdout) as { messages: VnuMessage[] };
    const checked = new Set(report.messages.map((m) => path.basename(new URL(m.url).pathname)));
    expect(checked.size, "vnu read the pages").toBeGreaterThan(0);
    const problems = report.messages
      // Errors, and warnings (vnu reports them as info/warning), count; plain info is allowed:
      // "Trailing slash on void elements has no effect" from the renderer's `<meta … />`.
      .filter((m) => m.type !== "info" || m.subType === "warning")
      .map((m) => {
        const page = saved.get(path.basename(new URL(m.url).pathname)) ?? m.url;
        return `${page}: ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message} [${m.extract ?? ""}]`;
      });
    expect(problems).toEqual([]);
    expect(saved.size).toBeGreaterThan(100);
  }, 600_000);
});
