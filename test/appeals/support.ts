import { randomUUID } from "node:crypto";
import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "../support/app.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export const BAIKONUR = "ag-baikonur-akimat";
export const YESIL = "ag-yesil-akimat";
export const CITY = "ag-astana-akimat";

/** A JSON API call with a browser session (cookie and CSRF header), as the pages' scripts would. */
export async function api(
  t: TestApp,
  who: SignedIn | null,
  method: "GET" | "POST",
  url: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = {};
  if (who) {
    headers.cookie = who.cookie;
    headers["x-csrf-token"] = who.csrf;
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : null };
}

export const staff = (t: TestApp, role: RoleGrant["role"], agencyId = BAIKONUR) =>
  signInAs(t, { grants: [{ role, agencyId }] });
export const citizen = (t: TestApp) => signInAs(t, { kind: "citizen" });

/** A statement to the Baikonur district akimat, unique so that it is never taken for a duplicate. */
export function statement(extra: Record<string, unknown> = {}) {
  return {
    kind: "statement",
    agencyId: BAIKONUR,
    subject: `Street lighting ${randomUUID().slice(0, 8)}`,
    text: "The lamps in our yard have not worked for three weeks.",
    ...extra,
  };
}

/** Files a statement and returns its number (fails the test if it was not registered). */
export async function file(t: TestApp, who: SignedIn, extra: Record<string, unknown> = {}) {
  const res = await api(t, who, "POST", "/api/v1/appeals", statement(extra));
  if (res.status !== 201)
    throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { number: string; dueDate: string; registeredOn: string; status: string };
}
