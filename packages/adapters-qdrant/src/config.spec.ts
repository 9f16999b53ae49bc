import { describe, expect, it } from 'vitest';
import { DEFAULT_QDRANT_URL, parseQdrantConfig } from './config.js';

describe('parseQdrantConfig', () => {
  it('has defaults for a local server', () => {
    expect(parseQdrantConfig({})).toEqual({
      url: DEFAULT_QDRANT_URL,
      apiKey: null,
      onDisk: false,
      quantization: 'none',
      timeoutMs: 30_000,
      collectionPrefix: 'glimpse',
      shards: 1,
      replication: 1,
      writeConsistency: 1,
    });
  });

  it('reads every setting', () => {
    const c = parseQdrantConfig({
      GLIMPSE_QDRANT_URL: 'http://qdrant:6333/',
      GLIMPSE_QDRANT_API_KEY: ' secret ',
      GLIMPSE_QDRANT_ON_DISK: '1',
      GLIMPSE_QDRANT_QUANTIZATION: 'scalar',
      GLIMPSE_QDRANT_TIMEOUT_MS: '5000',
      GLIMPSE_QDRANT_COLLECTION_PREFIX: 'home_index',
      GLIMPSE_QDRANT_SHARDS: '6',
      GLIMPSE_QDRANT_REPLICATION: '2',
      GLIMPSE_QDRANT_WRITE_CONSISTENCY: '2',
    });
    expect(c).toEqual({
      url: 'http://qdrant:6333',
      apiKey: 'secret',
      onDisk: true,
      quantization: 'scalar',
      timeoutMs: 5000,
      collectionPrefix: 'home_index',
      shards: 6,
      replication: 2,
      writeConsistency: 2,
    });
  });

  it('lists every problem in one message, without the password of a URL', () => {
    let message = '';
    try {
      parseQdrantConfig({
        GLIMPSE_QDRANT_URL: 'ftp://user:hunter2@qdrant:6333',
        GLIMPSE_QDRANT_ON_DISK: 'yes',
        GLIMPSE_QDRANT_QUANTIZATION: 'binary',
        GLIMPSE_QDRANT_TIMEOUT_MS: '10',
        GLIMPSE_QDRANT_COLLECTION_PREFIX: 'Has Spaces',
        GLIMPSE_QDRANT_SHARDS: '0',
        GLIMPSE_QDRANT_REPLICATION: '1',
        GLIMPSE_QDRANT_WRITE_CONSISTENCY: '2',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toHaveLength(8);
    expect(message).toMatch(/GLIMPSE_QDRANT_SHARDS must be a whole number from 1 to 1000 \(got "0"\)/);
    expect(message).toMatch(
      /GLIMPSE_QDRANT_WRITE_CONSISTENCY \(2\) cannot be more than GLIMPSE_QDRANT_REPLICATION \(1\)/,
    );
    expect(message).toMatch(/GLIMPSE_QDRANT_URL must be an http\(s\) URL/);
    expect(message).toMatch(/GLIMPSE_QDRANT_ON_DISK must be 1 or 0/);
    expect(message).toMatch(/GLIMPSE_QDRANT_QUANTIZATION must be "none" or "scalar"/);
    expect(message).toMatch(/GLIMPSE_QDRANT_TIMEOUT_MS must be a whole number/);
    expect(message).toMatch(/GLIMPSE_QDRANT_COLLECTION_PREFIX must be/);
    expect(message).not.toContain('hunter2');
    expect(() => parseQdrantConfig({ GLIMPSE_QDRANT_URL: 'qdrant:6333' })).toThrow(/is not a URL|http\(s\) URL/);
  });
});
