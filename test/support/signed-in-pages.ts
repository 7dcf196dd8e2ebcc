import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "./app.js";
import { type SignedIn, signInAs } from "./sessions.js";

export interface SignedInPage {
  /** Who sees it: the session used to request it. */
  as: "citizen" | "staff-before-second-factor" | "system-admin";
  path: string;
}

/** Every page only a signed-in person sees, with the kind of person who sees it. */
export const SIGNED_IN_PAGES: SignedInPage[] = [
  { as: "citizen", path: "/account" },
  { as: "citizen", path: "/my" },
  { as: "staff-before-second-factor", path: "/login/second-factor" },
  { as: "staff-before-second-factor", path: "/account/two-factor" },
  { as: "system-admin", path: "/account" },
];

const GRANTS: Record<SignedInPage["as"], RoleGrant[] | undefined> = {
  citizen: undefined,
  "staff-before-second-factor": [{ role: "executor", agencyId: "ag-baikonur-akimat" }],
  "system-admin": [{ role: "admin", agencyId: null }],
};

/** One session per kind of person, made directly in the database. */
export async function sessionsForPages(t: TestApp): Promise<Record<SignedInPage["as"], SignedIn>> {
  return {
    citizen: await signInAs(t),
    "staff-before-second-factor": await signInAs(t, {
      grants: GRANTS["staff-before-second-factor"],
      secondFactor: false,
    }),
    "system-admin": await signInAs(t, { grants: GRANTS["system-admin"] }),
  };
}
