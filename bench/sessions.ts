import path from "node:path";
import SQLite from "better-sqlite3";
import { currentTotp } from "../src/capabilities/identity/auth/totp.js";

/** The demo accounts' password and the demo staff's TOTP secret (README). */
const DEMO_PASSWORD = "demo-password";
const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

/** A bearer token for a demo account, through the API as any program would get one. */
export async function bearerToken(url: string, email: string, staff = false): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email,
      password: DEMO_PASSWORD,
      ...(staff ? { totp: currentTotp(DEMO_TOTP_SECRET, new Date()) } : {}),
    }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Reads a server's SQLite database beside it (WAL lets a reader in while it runs). */
export function countRows(dataDir: string, query: string): number {
  const db = new SQLite(path.join(dataDir, "halyq.db"), { readonly: true });
  try {
    return Number((db.prepare(query).pluck().get() as number | bigint) ?? 0);
  } finally {
    db.close();
  }
}
