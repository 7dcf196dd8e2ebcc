import type { Locale } from "../../kernel/i18n.js";
import type { IdentityAssurance } from "../../kernel/identity-assurance.js";
import type { RoleGrant } from "../../kernel/permissions.js";

export type AccountKind = "citizen" | "staff";

export interface Account {
  id: string;
  kind: AccountKind;
  email: string | null;
  emailConfirmed: boolean;
  surname: string;
  givenName: string;
  patronymic: string | null;
  iin: string | null;
  /** KATO code of the registered address, from the e-ID (never typed in). */
  residenceCode: string | null;
  phone: string | null;
  language: Locale;
  notifyEmail: boolean;
  notifySms: boolean;
  totpEnabled: boolean;
  /** Whether the national e-ID is linked to this account. */
  eidLinked: boolean;
  /** How the identity (and IIN) is known: declared, by e-ID or in person. */
  identity: IdentityAssurance;
  active: boolean;
  grants: RoleGrant[];
}

/**
 * One counter's schedule: `free` wrong attempts, then each further attempt waits, the wait
 * doubling from `firstDelayMinutes` up to `maxDelayMinutes`.
 */
export interface ThrottleRule {
  free: number;
  firstDelayMinutes: number;
  maxDelayMinutes: number;
}

export interface ThrottleSettings {
  /** A client with a valid device token for the account (its own, small counter). */
  device: ThrottleRule;
  /** The account from one client address without such a token. */
  address: ThrottleRule;
  /** The account from every client without such a token, together. */
  untrusted: ThrottleRule;
  /** A counter with no wrong attempt for this long starts again from zero. */
  forgetAfterHours: number;
  /** How long a device token stays valid after the sign-in that issued it. */
  deviceDays: number;
}

/** Identity rules that are numbers: configuration, never literals in code. */
export interface IdentitySettings {
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, however active. */
  absoluteHours: number;
  /** How wrong passwords and codes slow down further guessing (docs/security.md). */
  throttle: ThrottleSettings;
  /** How long a confirmation or reset link stays valid. */
  emailTokenHours: number;
}

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
  idleMinutes: 30,
  absoluteHours: 12,
  throttle: {
    device: { free: 5, firstDelayMinutes: 1, maxDelayMinutes: 15 },
    address: { free: 5, firstDelayMinutes: 1, maxDelayMinutes: 60 },
    untrusted: { free: 20, firstDelayMinutes: 1, maxDelayMinutes: 60 },
    forgetAfterHours: 24,
    deviceDays: 365,
  },
  emailTokenHours: 24,
};

/** "Aigerim S.": how a person is shown to others (given name and the surname's initial). */
export function publicName(a: Pick<Account, "givenName" | "surname">): string {
  return `${a.givenName} ${a.surname.slice(0, 1)}.`;
}

export function fullName(a: Pick<Account, "givenName" | "surname" | "patronymic">): string {
  return [a.surname, a.givenName, a.patronymic].filter(Boolean).join(" ");
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
