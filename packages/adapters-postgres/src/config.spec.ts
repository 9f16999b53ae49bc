import { describe, expect, it } from 'vitest';
import { GlimpseError } from '@glimpse/core';
import { defaultDataDir, parsePostgresConfig, redactUrl } from './config.js';

describe('parsePostgresConfig', () => {
  it('selects Postgres when GLIMPSE_DATABASE_URL is set', () => {
    expect(parsePostgresConfig({ GLIMPSE_DATABASE_URL: 'postgres://u:p@db:5432/glimpse' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/glimpse',
    });
  });

  it('defaults to PGlite in the platform data dir, or GLIMPSE_DATA_DIR (with ~ expanded)', () => {
    expect(parsePostgresConfig({ HOME: '/home/ann' })).toEqual({
      kind: 'pglite',
      dataDir: defaultDataDir({ HOME: '/home/ann' }),
    });
    expect(defaultDataDir({ HOME: '/home/ann' })).toMatch(/^\/home\/ann\/.+glimpse$/);
    expect(parsePostgresConfig({ HOME: '/home/ann', GLIMPSE_DATA_DIR: '~/g' })).toEqual({
      kind: 'pglite',
      dataDir: '/home/ann/g',
    });
  });

  it('lists every problem in one message', () => {
    const msg = (env: Record<string, string>) => {
      try {
        parsePostgresConfig(env);
        return '';
      } catch (e) {
        expect(GlimpseError.is(e, 'invalid-input')).toBe(true);
        return (e as Error).message;
      }
    };
    expect(msg({ GLIMPSE_DATABASE_URL: 'mysql://x/y' })).toMatch(/must start with postgres:\/\//);
    expect(msg({ GLIMPSE_DATABASE_URL: 'not a url' })).toMatch(/not a URL/);
    expect(msg({ GLIMPSE_DATA_DIR: 'relative/dir' })).toMatch(/must be an absolute path/);
  });

  it('redacts passwords', () => {
    expect(redactUrl('postgres://u:secret@h/db')).toBe('postgres://u:***@h/db');
  });
});
