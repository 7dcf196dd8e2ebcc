import type { CapabilityManifest } from "../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** Open data exports without personal data, and the Open311 GeoReport v2 interface. */
export const openDataManifest: CapabilityManifest = {
  name: "open-data",
  locales: { kk, ru, en },
};
