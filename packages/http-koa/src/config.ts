import { parsePostgresConfig, type PostgresConfig } from '@glimpse/adapters-postgres';
import { DEFAULT_HUB_URL, DEFAULT_MODEL, defaultModelDir } from '@glimpse/adapters-onnx';
import { GlimpseError } from '@glimpse/core';

export interface GlimpseConfig {
  readonly database: PostgresConfig;
  /** Where the data directory is (thumbnails and other caches live there too). */
  readonly dataDir: string | null;
  readonly vectorStore: 'pgvector';
  /** A model name on the hub or a model folder. */
  readonly model: string;
  readonly modelDir: string;
  readonly hubUrl: string;
  readonly offline: boolean;
  readonly ffmpegTimeoutMs: number;
}

/**
 * Reads every setting from the environment (`GLIMPSE_*`), with `overrides` from the command line or the library
 * call taking precedence. Throws one `invalid-input` error listing every problem.
 */
export function parseGlimpseConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<string, string>> = {},
): GlimpseConfig {
  const get = (name: string) => overrides[name] ?? env[name];
  const problems: string[] = [];
  let database: PostgresConfig | null = null;
  try {
    database = parsePostgresConfig({ ...env, ...definedOnly(overrides) });
  } catch (e) {
    problems.push(...(e as Error).message.split('\n- ').slice(1));
  }
  const vectorStore = (get('GLIMPSE_VECTOR_STORE') ?? 'pgvector').trim();
  if (vectorStore !== 'pgvector')
    problems.push(`GLIMPSE_VECTOR_STORE must be "pgvector" (got "${vectorStore}"; Qdrant support is planned)`);
  const offline = (get('GLIMPSE_OFFLINE') ?? '0').trim();
  if (!['0', '1', 'true', 'false', ''].includes(offline)) problems.push('GLIMPSE_OFFLINE must be 1 or 0');
  const hubUrl = (get('GLIMPSE_HUB_URL') ?? DEFAULT_HUB_URL).trim();
  try {
    const u = new URL(hubUrl);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') problems.push('GLIMPSE_HUB_URL must be an http(s) URL');
  } catch {
    problems.push(`GLIMPSE_HUB_URL is not a URL ("${hubUrl}")`);
  }
  const timeout = Number(get('GLIMPSE_FFMPEG_TIMEOUT_MS') ?? 60_000);
  if (!(Number.isInteger(timeout) && timeout > 0))
    problems.push('GLIMPSE_FFMPEG_TIMEOUT_MS must be a positive whole number of milliseconds');
  if (problems.length > 0 || !database) {
    throw new GlimpseError('invalid-input', `The Glimpse settings are not valid:\n- ${problems.join('\n- ')}`);
  }
  return {
    database,
    dataDir: database.kind === 'pglite' ? database.dataDir : (get('GLIMPSE_DATA_DIR') ?? null),
    vectorStore: 'pgvector',
    model: (get('GLIMPSE_MODEL') ?? DEFAULT_MODEL).trim() || DEFAULT_MODEL,
    modelDir: get('GLIMPSE_MODEL_DIR') ?? defaultModelDir(env),
    hubUrl,
    offline: offline === '1' || offline === 'true',
    ffmpegTimeoutMs: timeout,
  };
}

function definedOnly(o: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}
