import type { ColumnType, Generated } from 'kysely';

/** int8 columns come back as bigint from PGlite and as string from pg; both are read through `Number()`/`BigInt()`. */
type Int8 = ColumnType<bigint | string | number, bigint | string | number, bigint | string | number>;

export interface FilesTable {
  id: Generated<string>;
  path: string;
  size: Int8;
  mtime_ns: Int8;
  kind: string;
  content_hash: string | null;
  status: string;
  error: string | null;
  keywords_text: string | null;
}

export interface ContentsTable {
  hash: string;
  kind: string;
  status: string;
  model_id: string | null;
  segments: number;
  width: number | null;
  height: number | null;
  duration_sec: number | null;
  taken_at: Date | null;
  error: string | null;
  released_at: ColumnType<Date | null, never, Date | null>;
}

export interface ContentMetaTable {
  hash: string;
  version: number;
  taken_at: Date | null;
  taken_at_offset_min: number | null;
  taken_at_source: string;
  camera_make: string | null;
  camera_model: string | null;
  lens: string | null;
  latitude: number | null;
  longitude: number | null;
  orientation: number | null;
  city: string | null;
  region: string | null;
  country: string | null;
  country_code: string | null;
  camera_key: string | null;
  lens_key: string | null;
  place_key: string | null;
  keywords_text: string | null;
}

export interface ContentTextTable {
  hash: string;
  reader: string;
  lines: unknown;
  text: string;
  error: string | null;
  read_at: Generated<Date>;
  keywords_text: string | null;
}

export interface VectorDeletionsTable {
  hash: string;
}

export interface VectorSpacesTable {
  model_id: string;
  dimension: number;
  table_name: string;
}

export interface SettingsTable {
  key: string;
  value: unknown;
}

export interface ScanHistoryTable {
  id: string;
  finished_at: Date;
  job: unknown;
}

export interface Schema {
  files: FilesTable;
  contents: ContentsTable;
  content_meta: ContentMetaTable;
  content_text: ContentTextTable;
  vector_deletions: VectorDeletionsTable;
  vector_spaces: VectorSpacesTable;
  settings: SettingsTable;
  scan_history: ScanHistoryTable;
}
