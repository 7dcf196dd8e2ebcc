import type { CapabilityManifest } from "../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** Each body's news and official information, with a freshness monitor. */
export const publicationsManifest: CapabilityManifest = {
  name: "publications",
  locales: { kk, ru, en },
};
