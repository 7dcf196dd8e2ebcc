import type { Principal, Rule } from "../../kernel/permissions.js";
import { isSystemAdmin } from "../../kernel/permissions.js";

/** Open data's rules: issuing and revoking Open311 keys is for system administrators only. */
export const openDataPolicies: Record<string, Rule> = {
  "open311.keys.manage": (p: Principal) => p.kind === "staff" && isSystemAdmin(p),
};
