import { GlimpseError } from '@glimpse/core';

export interface QdrantConfig {
  /** The server's REST address, e.g. http://qdrant:6333 (GLIMPSE_QDRANT_URL). */
  readonly url: string;
  /** Sent as the `api-key` header when set (GLIMPSE_QDRANT_API_KEY). */
  readonly apiKey: string | null;
  /** Keep the original vectors on disk, memory-mapped, for libraries larger than memory (GLIMPSE_QDRANT_ON_DISK). */
  readonly onDisk: boolean;
  /**
   * `scalar`: int8 quantized copies of the vectors kept in memory (4x smaller), results rescored with the
   * originals (GLIMPSE_QDRANT_QUANTIZATION). Applies to collections created after it is set.
   */
  readonly quantization: 'none' | 'scalar';
  /** How long one request may take before Qdrant counts as not answering (GLIMPSE_QDRANT_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** Collection names start with this, so several indexes can share a server (GLIMPSE_QDRANT_COLLECTION_PREFIX). */
  readonly collectionPrefix: string;
  /**
   * For a Qdrant cluster (distributed mode): shards each collection is split into across the nodes
   * (GLIMPSE_QDRANT_SHARDS, default 1), copies kept of each shard on different nodes (GLIMPSE_QDRANT_REPLICATION,
   * default 1; 2 survives the loss of a node), and copies a write must reach before it counts as done
   * (GLIMPSE_QDRANT_WRITE_CONSISTENCY, default 1). Apply to collections created after they are set.
   */
  readonly shards: number;
  readonly replication: number;
  readonly writeConsistency: number;
}

export const QDRANT_SETTINGS = [
  'GLIMPSE_QDRANT_URL',
  'GLIMPSE_QDRANT_API_KEY',
  'GLIMPSE_QDRANT_ON_DISK',
  'GLIMPSE_QDRANT_QUANTIZATION',
  'GLIMPSE_QDRANT_TIMEOUT_MS',
  'GLIMPSE_QDRANT_COLLECTION_PREFIX',
  'GLIMPSE_QDRANT_SHARDS',
  'GLIMPSE_QDRANT_REPLICATION',
  'GLIMPSE_QDRANT_WRITE_CONSISTENCY',
] as const;

export const DEFAULT_QDRANT_URL = 'http://127.0.0.1:6333';

/** A URL with any password replaced, safe for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Reads the Qdrant settings (`GLIMPSE_QDRANT_*`). Throws one `invalid-input` error listing every problem.
 */
export function parseQdrantConfig(env: Readonly<Record<string, string | undefined>> = process.env): QdrantConfig {
  const problems: string[] = [];
  const get = (name: (typeof QDRANT_SETTINGS)[number]) => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };
  const url = get('GLIMPSE_QDRANT_URL') ?? DEFAULT_QDRANT_URL;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      problems.push(`GLIMPSE_QDRANT_URL must be an http(s) URL like http://qdrant:6333 (got "${redact(url)}")`);
    else if (u.search || u.hash) problems.push('GLIMPSE_QDRANT_URL must not have a query or a fragment');
  } catch {
    problems.push(`GLIMPSE_QDRANT_URL is not a URL; expected one like http://qdrant:6333 (got "${url}")`);
  }
  const flag = (name: (typeof QDRANT_SETTINGS)[number]) => {
    const raw = get(name) ?? '0';
    if (!['0', '1', 'true', 'false'].includes(raw)) problems.push(`${name} must be 1 or 0 (got "${raw}")`);
    return raw === '1' || raw === 'true';
  };
  const onDisk = flag('GLIMPSE_QDRANT_ON_DISK');
  const quantization = get('GLIMPSE_QDRANT_QUANTIZATION') ?? 'none';
  if (quantization !== 'none' && quantization !== 'scalar')
    problems.push(`GLIMPSE_QDRANT_QUANTIZATION must be "none" or "scalar" (got "${quantization}")`);
  const rawTimeout = get('GLIMPSE_QDRANT_TIMEOUT_MS');
  const timeoutMs = rawTimeout === undefined ? 30_000 : Number(rawTimeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000)
    problems.push(
      `GLIMPSE_QDRANT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000 (got "${rawTimeout}")`,
    );
  const collectionPrefix = get('GLIMPSE_QDRANT_COLLECTION_PREFIX') ?? 'glimpse';
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(collectionPrefix))
    problems.push(
      `GLIMPSE_QDRANT_COLLECTION_PREFIX must be 1 to 40 lower-case letters, digits, _ or - (got "${collectionPrefix}")`,
    );
  const count = (name: (typeof QDRANT_SETTINGS)[number], max: number) => {
    const raw = get(name);
    const n = raw === undefined ? 1 : Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      problems.push(`${name} must be a whole number from 1 to ${max} (got "${raw}")`);
      return 1;
    }
    return n;
  };
  const shards = count('GLIMPSE_QDRANT_SHARDS', 1000);
  const replication = count('GLIMPSE_QDRANT_REPLICATION', 100);
  const writeConsistency = count('GLIMPSE_QDRANT_WRITE_CONSISTENCY', 100);
  if (writeConsistency > replication)
    problems.push(
      `GLIMPSE_QDRANT_WRITE_CONSISTENCY (${writeConsistency}) cannot be more than GLIMPSE_QDRANT_REPLICATION (${replication})`,
    );
  if (problems.length > 0)
    throw new GlimpseError('invalid-input', `The Qdrant settings are not valid:\n- ${problems.join('\n- ')}`);
  return {
    url: url.replace(/\/+$/, ''),
    apiKey: get('GLIMPSE_QDRANT_API_KEY') ?? null,
    onDisk,
    quantization: quantization as 'none' | 'scalar',
    timeoutMs,
    collectionPrefix,
    shards,
    replication,
    writeConsistency,
  };
}
