import type { CapabilityManifest } from "../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** The portal survey: one optional question after a finished interaction. */
export const surveyManifest: CapabilityManifest = {
  name: "survey",
  locales: { kk, ru, en },
};
