// Faults of the data directory, through the real `glimpse` command: a damaged database is named and repaired, never
// silently replaced or taken for an empty index; a full disk stops a scan with a message, the index consistent.
import { execFileSync } from 'node:child_process';
import { statfsSync, unlinkSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@glimpse/adapters-postgres';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGlimpse, type GlimpseRun } from '../../../../test-support/glimpse-cli.js';
import { makeMediaLibrary, type MediaLibrary } from '../../../../test-support/media-library.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field and checked by the assertions */

let dir: string;
let lib: MediaLibrary;

function glimpse(args: string[], env: NodeJS.ProcessEnv): Promise<GlimpseRun> {
  return runGlimpse(
    args,
    {
      PATH: process.env['PATH'],
      HOME: join(dir, 'home'),
      GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
      GLIMPSE_OCR: 'off',
      ...env,
    },
    { timeoutMs: 120_000 },
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-faults-'));
  lib = await makeMediaLibrary(join(dir, 'library'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a damaged index is named and repaired, never passed off as an empty one', () => {
  it('a native vector index whose file is zeroed: searches still find, and the next write builds it again from the table', async () => {
    // (pgvector's own index with zeroed pages, where a Postgres server holds the index, is the adapter's test:
    // pg-index-maintenance.int.spec.ts.)
    const env = { GLIMPSE_DATA_DIR: join(dir, 'zeroed') };
    const own = await makeMediaLibrary(join(dir, 'zeroed-library')); // this test adds a file to it
    expect((await glimpse(['scan', own.root], env)).code).toBe(0);
    expect((await glimpse(['index', 'verify'], env)).stdout).toMatch(/^The index is consistent: 4 files, 4 items/);
    const folder = join(env.GLIMPSE_DATA_DIR, 'vector-index');
    const [file] = (await readdir(folder)).filter((f) => f.endsWith('.usearch'));
    expect(file).toBeDefined();
    await writeFile(join(folder, file!), Buffer.alloc((await stat(join(folder, file!))).size));

    const found = await glimpse(['search', 'red', '--json'], env);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout).results[0].path).toBe(own.red);
    expect((await glimpse(['index', 'verify'], env)).stdout).toMatch(/^The index is consistent: 4 files, 4 items/);
    // A command opens the native index when a search or a write needs it (four items are searched exactly): a
    // copy of a picture is a write (the content's paths), so the scan that finds it builds the index again.
    const copy = join(own.root, 'red copy.jpg');
    await copyFile(own.red, copy);
    const rescan = await glimpse(['scan', own.root], env);
    expect(rescan.code, rescan.stderr).toBe(0);
    const again = await glimpse(['search', 'red', '--json'], env);
    expect([own.red, copy]).toContain(JSON.parse(again.stdout).results[0].path);
    // What the scan built was saved: the file is whole again.
    const [rebuilt] = (await readdir(folder)).filter((f) => f.endsWith('.usearch'));
    const bytes = await readFile(join(folder, rebuilt!));
    expect(bytes.some((b) => b !== 0)).toBe(true);
  });

  it('file records lost (the files table emptied): search says the index looks damaged; repair and a rescan link them again without embedding', async () => {
    const env = { GLIMPSE_DATA_DIR: join(dir, 'truncated') };
    expect((await glimpse(['scan', lib.root], env)).code).toBe(0);
    const database = await openDatabase({ kind: 'pglite', dataDir: env.GLIMPSE_DATA_DIR });
    await sql`truncate files`.execute(database.db);
    await database.close();
    const search = await glimpse(['search', 'red'], env);
    expect(search.code).toBe(1);
    expect(search.stderr).toMatch(/nothing found, but the index holds 4 items and no file records: it looks damaged/);
    const found = await glimpse(['index', 'verify', '--json'], env);
    expect(found.code).toBe(1);
    expect(JSON.parse(found.stdout).problems.map((p: any) => [p.kind, p.count])).toEqual([['content-without-file', 4]]);
    expect((await glimpse(['index', 'verify', '--repair'], env)).code).toBe(0);
    const rescan = JSON.parse((await glimpse(['scan', '--json'], env)).stdout);
    expect(rescan.counts).toMatchObject({ new: 4, restored: 4, embedded: 0 });
    expect((await glimpse(['index', 'verify'], env)).code).toBe(0);
  });

  it('PG_VERSION deleted: every command refuses (nothing is wiped), and verify --repair restores it', async () => {
    const env = { GLIMPSE_DATA_DIR: join(dir, 'noversion') };
    expect((await glimpse(['scan', lib.root], env)).code).toBe(0);
    unlinkSync(join(env.GLIMPSE_DATA_DIR, 'pglite', 'PG_VERSION'));
    const refused = await glimpse(['search', 'red'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /looks damaged: its file PG_VERSION is missing, .* Nothing was changed\. Run glimpse index verify --repair/,
    );
    expect((await glimpse(['scan'], env)).code).toBe(1);
    const repaired = await glimpse(['index', 'verify', '--repair'], env);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toMatch(/repaired: restored .*PG_VERSION/);
    expect(JSON.parse((await glimpse(['index', '--json'], env)).stdout)).toMatchObject({
      files: 4,
      indexedContents: 4,
    });
  });
});

/** A small disk of its own (tmpfs), or null with the reason it cannot be had here. */
function smallDisk(path: string, megabytes: number): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', path], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `cannot mount a small disk (tmpfs) here: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}`;
  }
}

describe('a full disk', () => {
  let disk: string;
  let noDisk: string | null = 'not tried';
  beforeAll(async () => {
    disk = join(dir, 'small-disk');
    await mkdir(disk);
    noDisk = process.getuid?.() === 0 ? smallDisk(disk, 200) : 'mounting a small disk (tmpfs) needs root';
    if (noDisk) console.warn(`SKIPPED: the full-disk tests: ${noDisk}.`);
  });
  afterAll(() => {
    if (!noDisk) execFileSync('umount', [disk]);
  });

  it('stops a scan with a message and a non-zero exit, the index consistent; after freeing space the scan goes on', async (ctx) => {
    if (noDisk) ctx.skip();
    const env = { GLIMPSE_DATA_DIR: join(disk, 'data') };
    const pictures = join(dir, 'many');
    await mkdir(pictures);
    for (let i = 0; i < 600; i++) {
      await sharp({
        create: {
          width: 24 + (i % 40),
          height: 16 + Math.floor(i / 40),
          channels: 3,
          background: { r: i % 256, g: 80, b: 160 },
        },
      })
        .png()
        .toFile(join(pictures, `p${i}.png`));
    }
    expect((await glimpse(['index'], env)).code).toBe(0); // the database made: about 40 MB
    // Fill the disk until a little more than the reserve the scan keeps (64 MB) is free.
    const s = statfsSync(disk);
    const free = Number(s.bavail) * Number(s.bsize);
    const filler = join(disk, 'filler');
    await writeFile(filler, Buffer.alloc(free - 65 * 1024 * 1024));

    const full = await glimpse(['scan', pictures], env);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(
      /the scan failed: The disk holding .*small-disk\/data is full \(\d+ MB free; Glimpse keeps 64 MB in reserve .*\)\. Free some space and run the scan again/,
    );
    expect((await glimpse(['index', 'verify'], env)).code).toBe(0);

    unlinkSync(filler);
    const resumed = JSON.parse((await glimpse(['scan', '--json'], env)).stdout);
    expect(resumed.status).toBe('completed');
    const stats = JSON.parse((await glimpse(['index', '--json'], env)).stdout);
    expect(stats).toMatchObject({ files: 600, indexedContents: 600 });
    expect((await glimpse(['index', 'verify'], env)).code).toBe(0);
  }, 240_000);

  it('a new index on a disk without room for it says so, in words', async (ctx) => {
    if (noDisk) ctx.skip();
    const s = statfsSync(disk);
    const filler = join(disk, 'filler2');
    await writeFile(filler, Buffer.alloc(Number(s.bavail) * Number(s.bsize) - 20 * 1024 * 1024));
    try {
      const r = await glimpse(['index'], { GLIMPSE_DATA_DIR: join(disk, 'new-data') });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /The disk holding the data directory ".*new-data" is full \(\d+ MB free; a new index needs about 96 MB\)/,
      );
      expect(r.stderr).not.toContain('[object Object]');
    } finally {
      unlinkSync(filler);
    }
  });
});
