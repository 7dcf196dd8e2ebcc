import { type IdentityAssurance, identityVerified } from "./identity-assurance.js";

/** Staff roles; each is held within one body, except admin which may be system-wide. */
export const ROLES = ["registrar", "executor", "head", "moderator", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  /** The body the role is held in; null only for a system-wide admin. */
  agencyId: string | null;
}

/** Who is acting, as the policy sees them. */
export interface Principal {
  accountId: string;
  kind: "citizen" | "staff";
  grants: RoleGrant[];
  /** Whether this session passed the second factor (always required of staff). */
  secondFactor: boolean;
  /**
   * How sure Halyq is of who holds the account (see identity-assurance.ts); missing means
   * declared, so a principal built without it never counts as a verified person.
   */
  identity?: IdentityAssurance;
}

// biome-ignore lint/suspicious/noExplicitAny: rules are stored together; each is typed where it is defined
export type Rule<R = any> = (principal: Principal, resource: R) => boolean;

export function hasRole(p: Principal, role: Role, agencyId?: string | null): boolean {
  return p.grants.some(
    (g) =>
      g.role === role && (agencyId === undefined || g.agencyId === null || g.agencyId === agencyId),
  );
}

/** Whether the principal's identity is verified (by e-ID or in person), not only declared. */
export function hasVerifiedIdentity(p: Principal): boolean {
  return identityVerified(p.identity);
}

/** A citizen whose identity is verified: the one who may be counted once as a person. */
export function isVerifiedCitizen(p: Principal): boolean {
  return p.kind === "citizen" && hasVerifiedIdentity(p);
}

export function isSystemAdmin(p: Principal): boolean {
  return p.grants.some((g) => g.role === "admin" && g.agencyId === null);
}

/**
 * The one place that decides who may do what. It fails closed: an action nobody defined, an
 * anonymous caller, or a staff session without its second factor is refused, whatever the rule.
 */
export class Policy {
  readonly #rules = new Map<string, Rule>();

  define<R>(action: string, rule: Rule<R>): void {
    if (this.#rules.has(action)) throw new Error(`Policy for "${action}" defined twice`);
    this.#rules.set(action, rule);
  }

  can<R>(principal: Principal | null | undefined, action: string, resource?: R): boolean {
    const rule = this.#rules.get(action);
    if (!rule || !principal) return false;
    if (principal.kind === "staff" && !principal.secondFactor) return false;
    try {
      return rule(principal, resource) === true;
    } catch {
      return false;
    }
  }

  /**
   * Why the policy refuses: `"identity_not_verified"` when the same person would be allowed
   * with a verified identity (so the answer can say how to verify), otherwise `"forbidden"`;
   * null when allowed.
   */
  refusal<R>(
    principal: Principal | null | undefined,
    action: string,
    resource?: R,
  ): "identity_not_verified" | "forbidden" | null {
    if (this.can(principal, action, resource)) return null;
    if (principal && !hasVerifiedIdentity(principal)) {
      if (this.can({ ...principal, identity: "eid" }, action, resource))
        return "identity_not_verified";
    }
    return "forbidden";
  }

  actions(): string[] {
    return [...this.#rules.keys()].sort();
  }
}
