import { inject } from 'vitest';

/** The running test server's admin URL, or null with the reason printed once (the caller skips). */
export function postgresServer(): string | null {
  const server = inject('postgres');
  if ('error' in server) {
    console.warn(`skipping tests on a real PostgreSQL server: ${server.error}`);
    return null;
  }
  return server.url;
}

export { createDatabase } from './create-database.js';
