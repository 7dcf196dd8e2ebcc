/** How a member of staff hears of their work: `immediate`, `digest` (once a day) or `none`. */
export interface AppealStaffNoticeSettingsTable {
  account_id: string;
  mode: string;
  updated_at: string;
}

/** An event waiting for a person's daily digest; `sent_at` is set by the digest that lists it. */
export interface AppealStaffDigestTable {
  id: string;
  account_id: string;
  /** The staff notice's name (`tasks/staff-notices.ts`). */
  notice: string;
  appeal_id: string;
  created_at: string;
  sent_at: string | null;
}

/** An inbox filter a person saved under a name, for one body. */
export interface AppealSavedViewsTable {
  id: string;
  account_id: string;
  agency_id: string;
  name: string;
  /** The inbox's query string, as `inboxHref` writes it (only known filters). */
  query: string;
  created_at: string;
}

/** The tables of staff notices and saved views. */
export interface AppealTaskTables {
  appeal_staff_notice_settings: AppealStaffNoticeSettingsTable;
  appeal_staff_digest: AppealStaffDigestTable;
  appeal_saved_views: AppealSavedViewsTable;
}
