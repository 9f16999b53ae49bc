// Where a running server leaves word of itself, its key and its worker token: read by the CLI before it loads
// anything else, so that a command a running server can answer costs one HTTP request (see cli.ts).
import { readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { processIsAlive } from '@glimpse/core/node';
import type { GlimpseConfig } from './config.js';
import { loadOrCreateKey } from './middleware/auth.js';

export interface ServerInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly url: string;
  readonly startedAt: string;
}

/** The file in the data directory that names the server holding it. */
export const SERVER_FILE = 'server.json';

/** Where the server keeps its key: in the data directory, or beside the config file when a Postgres server holds the data. */
export function serverKeyFile(config: GlimpseConfig): string {
  if (config.dataDir) return join(config.dataDir, 'server-key');
  const home = process.env['HOME'] || homedir();
  return join(process.env['XDG_CONFIG_HOME'] || join(home, '.config'), 'glimpse', 'server-key');
}

/** Where the server keeps the worker token: beside its key (mode 0600, in a folder of mode 0700). */
export function workerTokenFile(config: GlimpseConfig): string {
  return join(dirname(serverKeyFile(config)), 'worker-token');
}

/** The worker token: GLIMPSE_WORKER_TOKEN when set (a compose stack gives one to every part), else the file's. */
export function workerToken(config: GlimpseConfig): string {
  return config.workerToken ?? loadOrCreateKey(workerTokenFile(config));
}

/** The server holding a data directory, if one is running on this machine. */
export function runningServer(dataDir: string): ServerInfo | null {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, SERVER_FILE), 'utf8')) as ServerInfo;
    return info.hostname === hostname() && processIsAlive(info.pid) ? info : null;
  } catch {
    return null; // no server file, or not one a server wrote: no server
  }
}
