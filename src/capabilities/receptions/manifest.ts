import type { CapabilityManifest } from "../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** Personal reception by heads and deputies: schedules, booking, walk-in queue, outcomes. */
export const receptionsManifest: CapabilityManifest = {
  name: "receptions",
  locales: { kk, ru, en },
};
