import type { CapabilityManifest } from "../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** Hearings, assemblies and conferences of delegates: registration, minutes, decisions. */
export const meetingsManifest: CapabilityManifest = {
  name: "meetings",
  locales: { kk, ru, en },
};
