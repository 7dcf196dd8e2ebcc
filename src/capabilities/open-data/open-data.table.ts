/** A key issued to an integrator for Open311; only its SHA-256 is stored. */
export interface Open311ApiKeysTable {
  id: string;
  key_hash: string;
  name: string;
  organisation: string;
  contact: string;
  created_by_id: string | null;
  created_at: string;
  revoked_by_id: string | null;
  revoked_at: string | null;
}

/** A request filed through Open311: its token, the appeal it became, the key that filed it. */
export interface Open311RequestsTable {
  token: string;
  appeal_id: string;
  api_key_id: string;
  created_at: string;
}

/** This capability's tables, as Kysely sees them. */
export interface OpenDataTables {
  open311_api_keys: Open311ApiKeysTable;
  open311_requests: Open311RequestsTable;
}
