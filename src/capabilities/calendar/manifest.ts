import type { CapabilityManifest } from "../../platform/manifest.js";
import { calendarRoutes } from "./calendar.routes.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** Working days per jurisdiction: the public calculator and calendar API. */
export const calendarManifest: CapabilityManifest = {
  name: "calendar",
  locales: { kk, ru, en },
  routes: calendarRoutes,
  navigation: [{ href: "/calendar", labelKey: "nav.calendar", place: "more" }],
  async publicPaths() {
    return [
      "/calendar",
      "/calendar?day=19&month=3&year=2025&days=15&jurisdiction=kz",
      "/calendar?day=31&month=2&year=2025&days=x",
    ];
  },
};
