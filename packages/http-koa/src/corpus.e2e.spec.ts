// The bad-input corpus (test-support/corpus.ts: real-world formats and hostile files) through a real scan: the tiny
// model on onnxruntime, sharp and libheif, ffmpeg, PGlite. Each file's outcome is asserted: indexed; or failed with
// a reason that names it and no other file; or skipped, counted, and said why where a person would wonder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import type { ScanJob } from '@glimpse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCorpus, type CorpusEntry } from '../../../test-support/corpus.js';
import { parseGlimpseConfig } from './config.js';
import { KyselyFileRepository, openDatabase, type GlimpseDatabase } from '@glimpse/adapters-postgres';
import { openServices } from './container.js';

let dir: string;
let root: string;
let corpus: CorpusEntry[];
let job: ScanJob;
let rescan: ScanJob;
/** The file database as the scans left it, opened after them. */
let database: GlimpseDatabase;
let files: KyselyFileRepository;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-corpus-'));
  root = join(dir, 'corpus');
  corpus = await makeCorpus(root);
  const config = parseGlimpseConfig({
    HOME: join(dir, 'home'),
    GLIMPSE_DATA_DIR: join(dir, 'data'),
    GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
  });
  const services = await openServices(config, { onWarning: () => undefined, onDownload: () => undefined });
  try {
    await services.scopes.addRoots([root]);
    job = await services.jobs.wait(services.jobs.request('incremental').job.id);
    rescan = await services.jobs.wait(services.jobs.request('incremental').job.id);
  } finally {
    await services.close();
  }
  database = await openDatabase(config.database);
  files = new KyselyFileRepository(database.db);
}, 120_000);
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

describe(`a corpus of real-world and hostile files`, () => {
  it('has at least 40 kinds of files, and the scan completes', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(job.status).toBe('completed');
    const by = (is: string) => corpus.filter((e) => e.expect.is === is).length;
    console.log(
      `corpus: ${corpus.length} files: ${by('indexed')} indexed, ${by('failed')} failed with their reason, ${by('skipped')} skipped`,
    );
  });

  it('gives each file its outcome', async () => {
    const wrong: string[] = [];
    const names = corpus.map((e) => basename(e.name));
    for (const entry of corpus) {
      const path = join(root, entry.name);
      const [file] = await files.findByPaths([path]);
      const [content] = file?.contentHash ? await files.findContents([file.contentHash]) : [];
      const got = !file
        ? 'absent'
        : file.status === 'ok' && content?.status === 'indexed'
          ? 'indexed'
          : `failed: ${file.error}`;
      const e = entry.expect;
      if (e.is === 'indexed' && got !== 'indexed') wrong.push(`${entry.name} (${entry.what}): ${got}`);
      if (e.is === 'failed') {
        if (file?.status !== 'failed' || !e.reason.test(file.error ?? ''))
          wrong.push(`${entry.name} (${entry.what}): expected failed ${e.reason}, got ${got}`);
        const others = names.filter((n) => n !== basename(entry.name) && (file?.error ?? '').includes(n));
        if (others.length)
          wrong.push(`${entry.name}: its reason names another file (${others.join(', ')}): ${file?.error}`);
      }
      if (e.is === 'skipped') {
        if (file) wrong.push(`${entry.name} (${entry.what}): expected skipped, got ${got}`);
        if (e.note && !job.errors.some((x) => x.path === path && e.note!.test(x.reason)))
          wrong.push(`${entry.name}: the report does not say ${e.note}`);
      }
    }
    if (process.env['GLIMPSE_SHOW_CORPUS']) {
      for (const f of await files.listFailed(100, 0)) console.log(`${f.path.slice(root.length + 1)}: ${f.error}`);
    }
    expect(wrong).toEqual([]);
  });

  it('counts what it skipped, links and unread formats apart', () => {
    const skipped = corpus.filter((e) => e.expect.is === 'skipped');
    const counted = (k: 'links' | 'unsupported') =>
      skipped.filter((e) => e.expect.is === 'skipped' && e.expect.counted === k).length;
    expect(job.counts.links).toBe(counted('links'));
    expect(job.counts.unsupported).toBe(counted('unsupported'));
    expect(job.counts.skipped).toBe(skipped.length);
    const inScope = corpus.length - skipped.length;
    expect(job.counts.seen).toBe(inScope);
    expect(job.counts.failed).toBe(corpus.filter((e) => e.expect.is === 'failed').length);
  });

  it('a rescan changes nothing and retries no failure', () => {
    expect(rescan.counts).toMatchObject({ new: 0, modified: 0, embedded: 0, failed: 0, hashed: 0 });
  });
});
