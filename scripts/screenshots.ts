// Renders Halyq's main pages at a phone's and a desktop's width in Kazakh, Russian and English
// into docs/screenshots/, so anyone can see the service without running it.
//
//   npm run screenshots                  every page below
//   npm run screenshots -- home petitions   only these
//
// It starts Halyq on a fresh SQLite database with demo data (a temporary folder), signs in as
// the demo accounts through the sign-in pages, and photographs the first screen of each page
// in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { currentTotp } from "../src/capabilities/identity/auth/totp.js";
import { DEMO_TOTP_SECRET } from "../src/capabilities/identity/demo-accounts.js";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "docs", "screenshots");
const LANGS = ["kk", "ru", "en"] as const;
const SIZES = [
  { name: "phone", width: 360, height: 780 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

type Who = "visitor" | "citizen@demo.halyq.kz" | "executor@demo.halyq.kz";

/**
 * The pages shown, by file name: who looks at them and where. `follow` reaches a page whose
 * address holds a random id: from `path`, each pattern in turn picks the first link in `main`
 * whose address matches it.
 */
const PAGES: { name: string; who: Who; path: string; follow?: RegExp[] }[] = [
  { name: "home", who: "visitor", path: "/" },
  { name: "appeal-form", who: "citizen@demo.halyq.kz", path: "/appeals/new" },
  { name: "petitions", who: "visitor", path: "/petitions" },
  { name: "petition", who: "visitor", path: "/petitions/PET-2025-000001" },
  { name: "search", who: "visitor", path: `/search?q=${encodeURIComponent("спорт")}` },
  { name: "my-halyq", who: "citizen@demo.halyq.kz", path: "/my" },
  { name: "body", who: "visitor", path: "/agencies/baikonur-district-akimat" },
  { name: "statistics", who: "visitor", path: "/statistics" },
  { name: "staff-inbox", who: "executor@demo.halyq.kz", path: "/office/appeals" },
  {
    name: "budget-cycle",
    who: "visitor",
    path: "/budgets",
    follow: [/^\/budgets\/[0-9a-f-]{36}$/],
  },
  {
    name: "budget-proposal",
    who: "visitor",
    path: "/budgets",
    follow: [/^\/budgets\/[0-9a-f-]{36}$/, /\/proposals$/, /\/proposals\/[0-9a-f-]{36}$/],
  },
  {
    name: "budget-project",
    who: "visitor",
    path: "/budgets/projects",
    follow: [/^\/budgets\/projects\/[0-9a-f-]{36}$/],
  },
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function start(): Promise<{ base: string; child: ChildProcess; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-screenshots-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: "",
      DATA_DIR: dir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DEMO_DATA: "auto",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Halyq exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("Halyq did not start within two minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, child, dir };
}

/** Signs in through the pages, with the demo password and, for staff, the demo second factor. */
async function signIn(context: BrowserContext, base: string, email: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "demo-password");
  await page.click('main button[type="submit"], main input[type="submit"]');
  await page.waitForURL((u) => u.pathname !== "/login", { timeout: 10_000 }).catch(() => {});
  if (new URL(page.url()).pathname === "/login/second-factor") {
    await page.fill('input[name="code"]', currentTotp(DEMO_TOTP_SECRET, new Date()));
    await page.click('main button[type="submit"], main input[type="submit"]');
    await page
      .waitForURL((u) => u.pathname !== "/login/second-factor", { timeout: 10_000 })
      .catch(() => {});
  }
  if (new URL(page.url()).pathname.startsWith("/login")) {
    console.error(await page.locator("main").textContent());
    throw new Error(`could not sign in as ${email}: ${page.url()}`);
  }
  await page.close();
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const pages = only.length ? PAGES.filter((p) => only.includes(p.name)) : PAGES;
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}`);
  fs.mkdirSync(out, { recursive: true });
  const { base, child, dir } = await start();
  const browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  const problems: string[] = [];
  try {
    for (const who of new Set(pages.map((p) => p.who))) {
      // One sign-in per person (a second-factor code is good once), its cookies reused.
      const signedIn = await browser.newContext();
      if (who !== "visitor") await signIn(signedIn, base, who);
      const storageState = await signedIn.storageState();
      await signedIn.close();
      for (const size of SIZES) {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          storageState,
        });
        const tab = await context.newPage();
        for (const lang of LANGS) {
          await context.addCookies([{ name: "halyq_lang", value: lang, url: base }]);
          for (const p of pages.filter((x) => x.who === who)) {
            let response = await tab.goto(`${base}${p.path}`);
            for (const pattern of p.follow ?? []) {
              const hrefs = await tab.$$eval("main a[href]", (as) =>
                as.map((a) => a.getAttribute("href") ?? ""),
              );
              const next = hrefs.find((h) => pattern.test(h.split("?")[0] ?? ""));
              if (!next) {
                response = null;
                break;
              }
              response = await tab.goto(`${base}${next}`);
            }
            if (response?.status() !== 200) {
              problems.push(`${p.name} (${p.path}): ${response?.status()}`);
              continue;
            }
            const file = path.join(out, `${p.name}-${lang}-${size.name}.png`);
            await tab.screenshot({ path: file });
          }
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const written = fs.readdirSync(out).filter((f) => f.endsWith(".png")).length;
  console.log(`${written} screenshots in docs/screenshots/`);
  if (problems.length) {
    console.error(`not photographed:\n  ${[...new Set(problems)].join("\n  ")}`);
    process.exitCode = 1;
  }
}

await main();
