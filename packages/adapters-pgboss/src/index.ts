export { PgBossEmbeddingQueue, type PgBossQueueOptions } from './pgboss-embedding-queue.js';
