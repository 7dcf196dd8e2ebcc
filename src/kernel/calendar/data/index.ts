import type { CalendarYear } from "../calendar-year.js";
import kz2024 from "./kz-2024.json" with { type: "json" };
import kz2025 from "./kz-2025.json" with { type: "json" };
import kz2026 from "./kz-2026.json" with { type: "json" };

/**
 * Official calendars bundled with the code, so deadlines are right even before anything is
 * imported into the database. Each file's `source` names the decrees it follows.
 */
export const builtInCalendarYears: CalendarYear[] = [kz2024, kz2025, kz2026];
