import { existsSync, readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { parsePostgresConfig, type PostgresConfig } from '@glimpse/adapters-postgres/config';
import { parseQdrantConfig, QDRANT_SETTINGS, type QdrantConfig } from '@glimpse/adapters-qdrant/config';
import { DEFAULT_HUB_URL, DEFAULT_MODEL, defaultModelDir } from '@glimpse/adapters-onnx/model-manager';
import { GlimpseError } from '@glimpse/core';
import { isIPv4Network } from './middleware/localhost-guard.js';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Host names accepted besides localhost (GLIMPSE_ALLOWED_HOSTS). */
  readonly allowedHosts: readonly string[];
  /** Networks trusted like loopback, for a reverse proxy in docker compose (GLIMPSE_TRUSTED_NETWORKS). Off by default. */
  readonly trustedNetworks: readonly string[];
  readonly maxUploadBytes: number;
  readonly maxUploadPixels: number;
}

export interface GlimpseConfig {
  /** The user's home folder (HOME): where the folder picker starts. */
  readonly home: string;
  readonly database: PostgresConfig;
  /** Where the data directory is; null when a Postgres server holds the data. */
  readonly dataDir: string | null;
  /** Where thumbnails and frames are cached. */
  readonly cacheDir: string;
  /** Where the vectors are: pgvector in the file database (the default), or a Qdrant server. */
  readonly vectorStore: 'pgvector' | 'qdrant';
  /** The Qdrant server's settings (used when `vectorStore` is `qdrant`, or to copy an index there). */
  readonly qdrant: QdrantConfig;
  /** A model name on the hub or a model folder: the one a setting names, else the default. */
  readonly model: string;
  /**
   * Whether a setting (command line, environment, config file) named the model. When none did, the model the
   * index was built with is used (see `chooseModel`).
   */
  readonly modelGiven: boolean;
  /** Days the vectors of contents whose files left the index are kept, so a file that comes back is not embedded. */
  readonly vectorGraceDays: number;
  readonly modelDir: string;
  readonly hubUrl: string;
  readonly offline: boolean;
  readonly ffmpegTimeoutMs: number;
  readonly server: ServerConfig;
  /** The config file that was read, if any. */
  readonly configFile: string | null;
  /** A folder with the built web app to serve instead of the bundled one (GLIMPSE_WEB_DIR). */
  readonly webDir: string | null;
  /**
   * Embedding workers (GLIMPSE_WORKERS=1): scans queue their contents for `glimpse worker` processes in the
   * Postgres at `queueUrl` (GLIMPSE_QUEUE_URL, default GLIMPSE_DATABASE_URL). Null: scans embed in process.
   */
  readonly workers: WorkersConfig | null;
  /** Where `glimpse worker` takes jobs from (GLIMPSE_QUEUE_URL or GLIMPSE_DATABASE_URL), whether or not scans queue. */
  readonly queueUrl: string | null;
  /**
   * For `glimpse worker` on a machine that does not see the files at their paths: the server's worker address
   * (GLIMPSE_WORKER_FILES_URL, e.g. http://nas.local:7789) it fetches them from. Null: files are read in place.
   */
  readonly workerFilesUrl: string | null;
  /** The worker token (GLIMPSE_WORKER_TOKEN); null: the server makes one in its data dir (`glimpse worker-token`). */
  readonly workerToken: string | null;
  /** A worker's name in the server's metrics (GLIMPSE_WORKER_NAME); default its host name and process id. */
  readonly workerName: string;
  /** Where the model runs (GLIMPSE_EXECUTION_PROVIDER): `cpu` (default) or `cuda`, which falls back to the CPU. */
  readonly executionProvider: 'cpu' | 'cuda';
  /**
   * Whether scans read the text in pictures (GLIMPSE_OCR: `on`, the default, or `off`). Off: no text is read
   * (what was read is kept and still searched).
   */
  readonly ocr: boolean;
  /**
   * Whether pictures are embedded from the preview they carry when it is at least as large as the model's input
   * (GLIMPSE_PREVIEWS: `on`, the default, or `off`): a HEIC's thumbnail, a camera JPEG's MPF preview. Off: every
   * picture is decoded in full (a camera RAW is always embedded from its preview).
   */
  readonly previews: boolean;
}

export interface WorkersConfig {
  readonly queueUrl: string;
  /** How long a worker may hold a job before it counts as gone and the job is tried again (GLIMPSE_WORKER_LEASE_SECONDS). */
  readonly leaseSeconds: number;
  /**
   * Where the server listens for workers on other machines (GLIMPSE_WORKER_LISTEN, e.g. 0.0.0.0:7789): only the
   * worker endpoints, only with the worker token. Null: no such listener (workers see the files at their paths).
   */
  readonly listen: { readonly host: string; readonly port: number } | null;
}

export const DEFAULT_PORT = 7788;

/** Every setting, by its environment name; a config file uses the same names, or camelCase without GLIMPSE_. */
export const SETTINGS = [
  'GLIMPSE_DATA_DIR',
  'GLIMPSE_DATABASE_URL',
  'GLIMPSE_CACHE_DIR',
  'GLIMPSE_VECTOR_STORE',
  'GLIMPSE_MODEL',
  'GLIMPSE_MODEL_DIR',
  'GLIMPSE_HUB_URL',
  'GLIMPSE_OFFLINE',
  'GLIMPSE_FFMPEG_TIMEOUT_MS',
  'GLIMPSE_VECTOR_GRACE_DAYS',
  'GLIMPSE_HOST',
  'GLIMPSE_PORT',
  'GLIMPSE_ALLOWED_HOSTS',
  'GLIMPSE_TRUSTED_NETWORKS',
  'GLIMPSE_MAX_UPLOAD_MB',
  'GLIMPSE_MAX_UPLOAD_MEGAPIXELS',
  'GLIMPSE_WEB_DIR',
  'GLIMPSE_WORKERS',
  'GLIMPSE_QUEUE_URL',
  'GLIMPSE_WORKER_LEASE_SECONDS',
  'GLIMPSE_WORKER_LISTEN',
  'GLIMPSE_WORKER_FILES_URL',
  'GLIMPSE_WORKER_TOKEN',
  'GLIMPSE_EXECUTION_PROVIDER',
  'GLIMPSE_WORKER_NAME',
  'GLIMPSE_OCR',
  'GLIMPSE_PREVIEWS',
  ...QDRANT_SETTINGS,
] as const;

/**
 * Reads every setting: command-line `overrides` first, then the environment (`GLIMPSE_*`), then the optional
 * JSON config file (`GLIMPSE_CONFIG`, else `~/.config/glimpse/config.json` when it exists), then defaults.
 * Throws one `invalid-input` error listing every problem.
 */
export function parseGlimpseConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<string, string>> = {},
): GlimpseConfig {
  const problems: string[] = [];
  const { values: fromFile, file: configFile } = readConfigFile(env, overrides, problems);
  const merged: NodeJS.ProcessEnv = { ...fromFile, ...env, ...definedOnly(overrides) };
  const get = (name: (typeof SETTINGS)[number]) => {
    const v = merged[name]?.trim();
    return v === '' ? undefined : v;
  };

  let database: PostgresConfig | null = null;
  try {
    database = parsePostgresConfig(merged);
  } catch (e) {
    problems.push(...(e as Error).message.split('\n- ').slice(1));
  }
  const vectorStore = get('GLIMPSE_VECTOR_STORE') ?? 'pgvector';
  // Read whichever store is chosen: `glimpse index copy --to qdrant` needs them with pgvector chosen too.
  let qdrant: QdrantConfig | null = null;
  try {
    qdrant = parseQdrantConfig(merged);
  } catch (e) {
    problems.push(...(e as Error).message.split('\n- ').slice(1));
  }
  if (vectorStore !== 'pgvector' && vectorStore !== 'qdrant') {
    problems.push(`GLIMPSE_VECTOR_STORE must be "pgvector" or "qdrant" (got "${vectorStore}")`);
  }
  const offline = get('GLIMPSE_OFFLINE') ?? '0';
  if (!['0', '1', 'true', 'false'].includes(offline)) problems.push('GLIMPSE_OFFLINE must be 1 or 0');
  const hubUrl = get('GLIMPSE_HUB_URL') ?? DEFAULT_HUB_URL;
  try {
    const u = new URL(hubUrl);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') problems.push('GLIMPSE_HUB_URL must be an http(s) URL');
  } catch {
    problems.push(`GLIMPSE_HUB_URL is not a URL ("${hubUrl}")`);
  }
  const int = (name: (typeof SETTINGS)[number], fallback: number, min: number, max: number, what: string) => {
    const raw = get(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be ${what} from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const ffmpegTimeoutMs = int('GLIMPSE_FFMPEG_TIMEOUT_MS', 60_000, 1, 3_600_000, 'a whole number of milliseconds');
  const vectorGraceDays = int('GLIMPSE_VECTOR_GRACE_DAYS', 30, 0, 3650, 'a whole number of days');
  const port = int('GLIMPSE_PORT', DEFAULT_PORT, 0, 65535, 'a port number');
  const uploadMb = int('GLIMPSE_MAX_UPLOAD_MB', 25, 1, 1024, 'a whole number of megabytes');
  const uploadMp = int('GLIMPSE_MAX_UPLOAD_MEGAPIXELS', 50, 1, 1000, 'a whole number of megapixels');
  const host = get('GLIMPSE_HOST') ?? '127.0.0.1';
  const list = (name: (typeof SETTINGS)[number]) =>
    (get(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const trustedNetworks = list('GLIMPSE_TRUSTED_NETWORKS');
  for (const n of trustedNetworks)
    if (!isIPv4Network(n))
      problems.push(`GLIMPSE_TRUSTED_NETWORKS must list IPv4 networks like 172.18.0.0/16 (got "${n}")`);
  const allowedHosts = list('GLIMPSE_ALLOWED_HOSTS').map((h) => h.toLowerCase());
  for (const h of allowedHosts)
    if (!/^[a-z0-9.-]+$/.test(h)) problems.push(`GLIMPSE_ALLOWED_HOSTS must list host names (got "${h}")`);

  const workersOn = get('GLIMPSE_WORKERS') ?? '0';
  if (!['0', '1', 'true', 'false'].includes(workersOn)) problems.push('GLIMPSE_WORKERS must be 1 or 0');
  const leaseSeconds = int('GLIMPSE_WORKER_LEASE_SECONDS', 600, 5, 86_400, 'a whole number of seconds');
  const queueUrl = get('GLIMPSE_QUEUE_URL') ?? (database?.kind === 'postgres' ? database.url : undefined) ?? null;
  if (queueUrl !== null && !/^postgres(ql)?:\/\/[^/]/.test(queueUrl))
    problems.push('GLIMPSE_QUEUE_URL must be a postgres:// URL (the Postgres that holds the embedding queue)');
  const workers = workersOn === '1' || workersOn === 'true';
  if (workers && queueUrl === null)
    problems.push(
      'GLIMPSE_WORKERS=1 needs a Postgres server for the embedding queue: set GLIMPSE_QUEUE_URL (or GLIMPSE_DATABASE_URL)',
    );
  const listenRaw = get('GLIMPSE_WORKER_LISTEN');
  let listen: { host: string; port: number } | null = null;
  if (listenRaw !== undefined) {
    const m = /^(\[[0-9a-fA-F:]+\]|[a-zA-Z0-9.-]+):(\d{1,5})$/.exec(listenRaw);
    if (!m || Number(m[2]) > 65535)
      problems.push(`GLIMPSE_WORKER_LISTEN must be host:port, e.g. 0.0.0.0:7789 (got "${listenRaw}")`);
    else listen = { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
    if (!workers) problems.push('GLIMPSE_WORKER_LISTEN is for workers: set GLIMPSE_WORKERS=1 too');
  }
  const workerFilesUrl = get('GLIMPSE_WORKER_FILES_URL') ?? null;
  if (workerFilesUrl !== null && !/^https?:\/\/[^/]/.test(workerFilesUrl))
    problems.push(`GLIMPSE_WORKER_FILES_URL must be the server's worker address, like http://nas.local:7789`);
  const workerToken = get('GLIMPSE_WORKER_TOKEN') ?? null;
  if (workerToken !== null && !/^[0-9a-f]{64}$/.test(workerToken))
    problems.push('GLIMPSE_WORKER_TOKEN must be the 64 hex digits `glimpse worker-token` prints on the server');
  const workerName = get('GLIMPSE_WORKER_NAME') ?? `${hostname()}:${process.pid}`;
  if (!/^[\w.:@-]{1,64}$/.test(workerName))
    problems.push(`GLIMPSE_WORKER_NAME must be 1 to 64 letters, digits and . : @ - _ (got "${workerName}")`);
  const provider = get('GLIMPSE_EXECUTION_PROVIDER') ?? 'cpu';
  if (provider !== 'cpu' && provider !== 'cuda')
    problems.push(`GLIMPSE_EXECUTION_PROVIDER must be "cpu" or "cuda" (got "${provider}")`);
  const ocrRaw = (get('GLIMPSE_OCR') ?? 'on').toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(ocrRaw))
    problems.push(`GLIMPSE_OCR must be "on" or "off" (got "${get('GLIMPSE_OCR')}")`);
  const previewsRaw = (get('GLIMPSE_PREVIEWS') ?? 'on').toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(previewsRaw))
    problems.push(`GLIMPSE_PREVIEWS must be "on" or "off" (got "${get('GLIMPSE_PREVIEWS')}")`);

  if (problems.length > 0 || !database) {
    throw new GlimpseError('invalid-input', `The Glimpse settings are not valid:\n- ${problems.join('\n- ')}`);
  }
  const dataDir = database.kind === 'pglite' ? database.dataDir : (get('GLIMPSE_DATA_DIR') ?? null);
  const home = env['HOME'] || homedir();
  return {
    home,
    database,
    dataDir,
    cacheDir:
      get('GLIMPSE_CACHE_DIR') ??
      (dataDir
        ? join(dataDir, 'previews')
        : join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'glimpse', 'previews')),
    vectorStore: vectorStore === 'qdrant' ? 'qdrant' : 'pgvector',
    qdrant: qdrant!,
    model: get('GLIMPSE_MODEL') ?? DEFAULT_MODEL,
    modelGiven: get('GLIMPSE_MODEL') !== undefined,
    vectorGraceDays,
    modelDir: get('GLIMPSE_MODEL_DIR') ?? defaultModelDir(env),
    hubUrl,
    offline: offline === '1' || offline === 'true',
    ffmpegTimeoutMs,
    server: {
      host,
      port,
      allowedHosts,
      trustedNetworks,
      maxUploadBytes: uploadMb * 1024 * 1024,
      maxUploadPixels: uploadMp * 1_000_000,
    },
    configFile,
    webDir: get('GLIMPSE_WEB_DIR') ?? null,
    workers: workers && queueUrl ? { queueUrl, leaseSeconds, listen } : null,
    queueUrl,
    workerFilesUrl: workerFilesUrl?.replace(/\/+$/, '') ?? null,
    workerToken,
    workerName,
    executionProvider: provider === 'cuda' ? 'cuda' : 'cpu',
    ocr: !['off', '0', 'false'].includes(ocrRaw),
    previews: !['off', '0', 'false'].includes(previewsRaw),
  };
}

/** The config file's settings as environment names; problems (unreadable, not JSON, unknown keys) are collected. */
function readConfigFile(
  env: NodeJS.ProcessEnv,
  overrides: Partial<Record<string, string>>,
  problems: string[],
): { values: Record<string, string>; file: string | null } {
  const explicit = overrides['GLIMPSE_CONFIG'] ?? env['GLIMPSE_CONFIG'];
  const home = env['HOME'];
  const fallback = home ? join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'glimpse', 'config.json') : null;
  const file = explicit?.trim() || (fallback && existsSync(fallback) ? fallback : null);
  if (!file) return { values: {}, file: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`the config file ${file} could not be read as JSON: ${(e as Error).message}`);
    return { values: {}, file };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`the config file ${file} must hold a JSON object like {"model": "...", "port": 7788}`);
    return { values: {}, file };
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const name = key.startsWith('GLIMPSE_') ? key : `GLIMPSE_${key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
    if (!(SETTINGS as readonly string[]).includes(name)) {
      problems.push(`the config file ${file} has an unknown setting "${key}"`);
      continue;
    }
    values[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return { values, file };
}

function definedOnly(o: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}
