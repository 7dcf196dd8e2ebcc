import { getSetting } from "../../kernel/settings.js";
import type { AppContext } from "../../platform/manifest.js";

/**
 * The standard sections of official information a body may publish, each with a label in
 * every locale (`publications.section.<slug>`). Configuration chooses which apply and in
 * what order.
 */
export const SECTION_CATALOGUE = [
  "contacts",
  "structure",
  "leadership",
  "reception",
  "services",
  "budget",
  "procurement",
  "vacancies",
  "legal-acts",
  "reports",
] as const;
export type Section = (typeof SECTION_CATALOGUE)[number];

export interface PublicationSettings {
  /** Information not updated for this many months is flagged as out of date. */
  staleMonths: number;
  /** The sections every body is expected to publish, in the order shown. */
  sections: Section[];
}

export const DEFAULT_SETTINGS: PublicationSettings = {
  staleMonths: 6,
  sections: ["contacts", "structure", "leadership", "reception", "services", "budget"],
};

/** Instance settings (the `settings` table) that override the defaults. */
export const SETTING_KEYS = {
  staleMonths: "publications.stale_months",
  sections: "publications.sections",
} as const;

export function isSection(value: string): value is Section {
  return (SECTION_CATALOGUE as readonly string[]).includes(value);
}

/**
 * Parses the overrides; a malformed value is ignored (and the default kept), so a typo in
 * configuration cannot take the pages down. Months: a whole number from 1 to 60. Sections: a
 * comma-separated list of catalogue slugs.
 */
export function parseSettings(raw: {
  staleMonths?: string;
  sections?: string;
}): PublicationSettings {
  const months = raw.staleMonths?.trim() ?? "";
  const staleMonths =
    /^\d{1,2}$/.test(months) && Number(months) >= 1 && Number(months) <= 60
      ? Number(months)
      : DEFAULT_SETTINGS.staleMonths;
  const list = (raw.sections ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const sections =
    list.length > 0 && list.every(isSection) ? [...new Set(list)] : DEFAULT_SETTINGS.sections;
  return { staleMonths, sections: sections as Section[] };
}

/** The settings in force now (read on each use: changing them needs no restart). */
export async function publicationSettings(ctx: AppContext): Promise<PublicationSettings> {
  const [staleMonths, sections] = await Promise.all([
    getSetting(ctx.db.kysely, SETTING_KEYS.staleMonths),
    getSetting(ctx.db.kysely, SETTING_KEYS.sections),
  ]);
  return parseSettings({
    ...(staleMonths !== undefined ? { staleMonths } : {}),
    ...(sections !== undefined ? { sections } : {}),
  });
}
