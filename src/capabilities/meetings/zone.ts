import type { AppContext } from "../../platform/manifest.js";

/** The IANA zone a body keeps its times in: its jurisdiction's (Kazakhstan's when unknown). */
export function zoneOf(ctx: AppContext, jurisdiction: string): string {
  return (
    ctx.calendars.get(jurisdiction)?.rules.timeZone ??
    ctx.calendars.get("kz")?.rules.timeZone ??
    "Asia/Almaty"
  );
}
