import { Type } from "@sinclair/typebox";
import type { Actor } from "../../kernel/audit/audit.js";
import { HalyqError } from "../../kernel/errors.js";
import type { Principal } from "../../kernel/permissions.js";
import { type FormBody, FormBodySchema, one } from "../../web/forms.js";

/** Route parameters, checked before the handler runs: a bad one is a 400, never a query. */
export const SlugParams = Type.Object({ slug: Type.String({ pattern: "^[a-z0-9-]{1,80}$" }) });
export const IdParams = Type.Object({ id: Type.String({ pattern: "^[A-Za-z0-9-]{1,64}$" }) });

/** Every value of a repeated field (checkboxes), trimmed, empty ones dropped, no duplicates. */
export function many(body: FormBody | undefined, name: string): string[] {
  const v = body?.[name];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return [...new Set(list.map((x) => x.trim()).filter((x) => x !== ""))];
}

/** The signed-in person, who every admin route has (the scope's hook made sure). */
export function principalOf(request: { principal?: Principal | null }): Principal {
  const p = request.principal ?? null;
  if (!p) throw new HalyqError("UNAUTHENTICATED");
  return p;
}

/** The audit record's "who": the person's account, as the identity capability labels it. */
export function actorOf(p: Principal): Actor {
  return { id: p.accountId, label: `account:${p.accountId}` };
}

/** The same shapes the identity capability accepts at registration. */
export const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
export const PHONE = /^\+?[\d\s()-]{7,20}$/;

/** Notices a redirect may ask the next page to show; anything else is ignored. */
export const NOTICES = [
  "agency_created",
  "agency_updated",
  "agency_deactivated",
  "agency_reactivated",
  "staff_created",
  "staff_updated",
  "staff_deactivated",
  "staff_two_factor_reset",
] as const;
/** One of NOTICES. */
export type Notice = (typeof NOTICES)[number];

/** The notice a redirect asked for, if it is one we know (so nothing typed is echoed). */
export function noticeOf(query: unknown): Notice | undefined {
  const n = (query as { notice?: unknown } | undefined)?.notice;
  return (NOTICES as readonly unknown[]).includes(n) ? (n as Notice) : undefined;
}

export { type FormBody, FormBodySchema, one };
