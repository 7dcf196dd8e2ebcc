import type { DraftType } from "./consultation.js";

/**
 * The discussion window of each kind of draft, per jurisdiction, in working days of the body's
 * calendar counted from the day after publication. Kazakhstan's default is 10 (Law on State
 * Services, art. 15, for service standards); a law that sets another term is configured here.
 */
export interface ConsultationProfile {
  jurisdiction: string;
  windowWorkingDays: Record<DraftType, number>;
}

const ten: Record<DraftType, number> = {
  law: 10,
  regulation: 10,
  service_standard: 10,
  akimat_resolution: 10,
  maslikhat_decision: 10,
};

const profiles = new Map<string, ConsultationProfile>([
  ["kz", { jurisdiction: "kz", windowWorkingDays: ten }],
  ["ru", { jurisdiction: "ru", windowWorkingDays: ten }],
]);

/** The profile of a jurisdiction; an unknown one falls back to Kazakhstan's. */
export function consultationProfile(jurisdiction: string): ConsultationProfile {
  return profiles.get(jurisdiction) ?? (profiles.get("kz") as ConsultationProfile);
}
