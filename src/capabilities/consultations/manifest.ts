import type { CapabilityManifest } from "../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** Drafts of acts under public discussion: paragraphs, comments, answers, the report. */
export const consultationsManifest: CapabilityManifest = {
  name: "consultations",
  locales: { kk, ru, en },
};
