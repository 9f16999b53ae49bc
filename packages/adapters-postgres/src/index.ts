export { parsePostgresConfig, defaultDataDir, redactUrl, type PostgresConfig } from './config.js';
export { openDatabase, type GlimpseDatabase, type OpenOptions } from './database.js';
export { DataDirLock } from './data-dir-lock.js';
export { KyselyFileRepository } from './kysely-file-repository.js';
export { KyselySettingsRepository } from './kysely-settings-repository.js';
export { KyselyScanHistory } from './kysely-scan-history.js';
export { PgVectorStore, PgVectorSpaces, tableName, type PgVectorOptions } from './pg-vector-store.js';
export { migrate } from './migrations.js';
export { inBackgroundLane, type DatabaseLane } from './database-lanes.js';
export type { Schema } from './schema.js';
export { PgIndexMaintenance } from './pg-index-maintenance.js';
export {
  AnnIndexes,
  ANN_PARAMETERS,
  loadUsearch,
  openAnnIndex,
  type AnnIndex,
  type AnnIndexOptions,
} from './ann-index.js';
