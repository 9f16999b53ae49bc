import { homedir, platform } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { GlimpseError } from '@glimpse/core';

export type PostgresConfig =
  { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };

/** The platform's folder for a user's application data: `~/.local/share/glimpse` on Linux (or `$XDG_DATA_HOME`). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env['HOME'] || homedir();
  switch (platform()) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'glimpse');
    case 'win32':
      return join(env['LOCALAPPDATA'] || join(home, 'AppData', 'Local'), 'glimpse');
    default:
      return join(env['XDG_DATA_HOME'] || join(home, '.local', 'share'), 'glimpse');
  }
}

/** A database URL with its password replaced, safe to show in messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Reads the database settings: `GLIMPSE_DATABASE_URL` (postgres://user:pass@host:port/db) selects a Postgres
 * server; otherwise the embedded PGlite database lives in `GLIMPSE_DATA_DIR` (default {@link defaultDataDir}).
 * Throws one `invalid-input` error listing every problem.
 */
export function parsePostgresConfig(env: NodeJS.ProcessEnv = process.env): PostgresConfig {
  const problems: string[] = [];
  const url = env['GLIMPSE_DATABASE_URL']?.trim();
  const dir = env['GLIMPSE_DATA_DIR']?.trim();
  let config: PostgresConfig | null = null;
  if (url) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`GLIMPSE_DATABASE_URL is not a URL; expected postgres://user:password@host:5432/database`);
    }
    if (parsed) {
      if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
        problems.push(`GLIMPSE_DATABASE_URL must start with postgres:// or postgresql:// (got ${parsed.protocol}//)`);
      }
      if (!parsed.hostname) problems.push('GLIMPSE_DATABASE_URL names no host');
      if (parsed.port && !(Number(parsed.port) > 0 && Number(parsed.port) < 65536))
        problems.push('GLIMPSE_DATABASE_URL has an invalid port');
      if (problems.length === 0) config = { kind: 'postgres', url };
    }
  } else {
    const dataDir = dir ? expandHome(dir, env) : defaultDataDir(env);
    if (!isAbsolute(dataDir)) problems.push(`GLIMPSE_DATA_DIR must be an absolute path (got "${dir}")`);
    else config = { kind: 'pglite', dataDir: resolve(dataDir) };
  }
  if (problems.length > 0 || !config) {
    throw new GlimpseError('invalid-input', `The database settings are not valid:\n- ${problems.join('\n- ')}`);
  }
  return config;
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  return p === '~' || p.startsWith('~/') ? join(env['HOME'] || homedir(), p.slice(1)) : p;
}
