import { randomBytes } from "node:crypto";
import {
  type Agency,
  type AgencyInput,
  createAgency,
} from "../../src/capabilities/agencies/index.js";
import { systemActor } from "../../src/kernel/audit/audit.js";
import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "./app.js";
import { type SignedIn, signInAs } from "./sessions.js";

/**
 * Records a test arranges for itself, through the owners' own commands, so that a test says
 * what it needs instead of leaning on the demo data (start with `DEMO_DATA: "off"`).
 */

/** A state body (a district akimat in Kazakhstan unless told otherwise), made by the agencies' command. */
export async function agency(t: TestApp, overrides: Partial<AgencyInput> = {}): Promise<Agency> {
  const tag = randomBytes(4).toString("hex");
  return createAgency(t.ctx, systemActor("test"), {
    slug: `test-akimat-${tag}`,
    parentId: null,
    higherBodyId: null,
    kind: "akimat",
    level: "district",
    jurisdiction: "kz",
    territoryCode: null,
    names: {
      kk: `Сынақ ауданының әкімдігі ${tag}`,
      ru: `Акимат тестового района ${tag}`,
      en: `Test district akimat ${tag}`,
    },
    address: null,
    phone: null,
    email: null,
    website: null,
    categoryIds: [],
    ...overrides,
  });
}

/** A citizen with a live browser session. */
export const citizen = (t: TestApp, email?: string): Promise<SignedIn> =>
  signInAs(t, { kind: "citizen", ...(email ? { email } : {}) });

/** A member of staff of a body, with one role and a session that has passed the second factor. */
export const staff = (t: TestApp, role: RoleGrant["role"], agencyId: string): Promise<SignedIn> =>
  signInAs(t, { grants: [{ role, agencyId }] });
