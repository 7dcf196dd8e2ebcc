import type {
  AgenciesTable,
  AgencyCompetencesTable,
  CategoriesTable,
} from "../capabilities/agencies/agency.table.js";
import type {
  AuditEventsTable,
  CalendarYearsTable,
  SettingsTable,
} from "../kernel/audit/audit.table.js";

/** Every table, as Kysely sees it. Each capability keeps its table types beside its code. */
export interface Database {
  settings: SettingsTable;
  calendar_years: CalendarYearsTable;
  audit_events: AuditEventsTable;
  agencies: AgenciesTable;
  categories: CategoriesTable;
  agency_competences: AgencyCompetencesTable;
}
