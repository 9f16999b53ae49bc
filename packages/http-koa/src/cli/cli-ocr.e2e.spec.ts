// Text in pictures through the real `glimpse` command with the real PP-OCRv4 weights: a rendered receipt is the
// first result for "invoice", a slide is found by a phrase from it, a picture without text gets none, a moved
// file is not read again, and GLIMPSE_OCR=off reads nothing.
import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KyselyFileRepository, openDatabase } from '@glimpse/adapters-postgres';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glimpseJson, runGlimpse } from '../../../../test-support/glimpse-cli.js';
import { NO_TEXT, RECEIPT, SLIDE, writeTextPicture } from '../../../../test-support/text-pictures.js';

let dir: string;
let lib: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-ocr-cli-'));
  lib = join(dir, 'library');
  await mkdir(join(lib, 'inbox'), { recursive: true });
  await writeTextPicture(join(lib, 'inbox', 'IMG_0001.jpg'), RECEIPT);
  await writeTextPicture(join(lib, 'IMG_0002.png'), SLIDE);
  await writeTextPicture(join(lib, 'IMG_0003.jpg'), NO_TEXT);
  // Pictures whose meaning the tiny model may rank above the receipt: colours, no text.
  for (const [name, colour] of [
    ['IMG_0004.jpg', '#ff0000'],
    ['IMG_0005.jpg', '#00ff00'],
    ['IMG_0006.jpg', '#0000ff'],
  ] as const)
    await writeFile(
      join(lib, name),
      await sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
        .jpeg()
        .toBuffer(),
    );
  env = {
    PATH: process.env['PATH'],
    HOME: join(dir, 'home'),
    GLIMPSE_DATA_DIR: join(dir, 'data'),
    GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
    GLIMPSE_OFFLINE: '1',
    GLIMPSE_OCR: 'on',
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rel = (p: string) => p.slice(lib.length + 1);

/** The text the index holds for the file at `path` (undefined: never read), read from its database. */
async function storedText(path: string): Promise<string | undefined> {
  const db = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
  try {
    const files = new KyselyFileRepository(db.db);
    const [f] = await files.findByPaths([path]);
    return (await files.findContents([f!.contentHash!]))[0]!.text ?? undefined;
  } finally {
    await db.close();
  }
}

describe('text in pictures, through the CLI', () => {
  it('reads the text after embedding and finds pictures by it, first', async () => {
    const scan = await runGlimpse(['scan', lib], env, { timeoutMs: 120_000 });
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('Read the text in 6 pictures.');

    const invoice = await glimpseJson(['search', 'invoice'], env);
    expect(rel(invoice.results[0].path)).toBe('inbox/IMG_0001.jpg');
    expect(invoice.results[0].why.keyword).toMatchObject({ field: 'text', marks: [[0, 7]], exact: false });
    expect(invoice.results[0].why.keyword.text).toMatch(/^INVOICE 2024 · Coffee beans 38\.00 · .*TOTAL 42\.50$/);
    const text = await runGlimpse(['search', 'invoice'], env);
    expect(text.stdout).toMatch(/IMG_0001\.jpg[^\n]*\n[^\n]*\n?\s+text in it "\[INVOICE\] 2024 · /);

    // A phrase of the slide: that slide first, said to be a phrase in it.
    const phrase = await glimpseJson(['search', 'roadmap review', '--literal'], env);
    expect(rel(phrase.results[0].path)).toBe('IMG_0002.png');
    expect(phrase.results[0].why.keyword).toMatchObject({ field: 'text', exact: true });
    const rotated = await glimpseJson(['search', 'search engine by spring'], env);
    expect(rel(rotated.results[0].path)).toBe('IMG_0002.png');

    // No text in it: read, and nothing found.
    expect(await storedText(join(lib, 'IMG_0003.jpg'))).toBe('');
    expect(await storedText(join(lib, 'inbox', 'IMG_0001.jpg'))).toContain('TOTAL 42.50');
    expect((await glimpseJson(['index', 'stats'], env)).text).toEqual({ read: 6, withText: 2 });
    expect((await runGlimpse(['index', 'stats'], env)).stdout).toContain('Text read in 6 pictures; 2 have some.');
  });

  it('never reads a moved file again, and reads nothing with GLIMPSE_OCR=off', async () => {
    await mkdir(join(lib, 'receipts'));
    await rename(join(lib, 'inbox', 'IMG_0001.jpg'), join(lib, 'receipts', 'IMG_0001.jpg'));
    const moved = await glimpseJson(['scan'], env);
    expect(moved.counts).toMatchObject({ moved: 1, embedded: 0, textRead: 0 });
    expect(await storedText(join(lib, 'receipts', 'IMG_0001.jpg'))).toContain('INVOICE 2024');
    expect(rel((await glimpseJson(['search', 'invoice'], env)).results[0].path)).toBe('receipts/IMG_0001.jpg');

    await writeTextPicture(join(lib, 'IMG_0007.jpg'), {
      ...RECEIPT,
      blocks: [{ text: 'BOARDING PASS', x: 40, y: 200, size: 48 }],
    });
    const off = await glimpseJson(['scan'], { ...env, GLIMPSE_OCR: 'off' });
    expect(off.counts).toMatchObject({ new: 1, embedded: 1, textRead: 0 });
    expect(await storedText(join(lib, 'IMG_0007.jpg'))).toBeUndefined();
    // Turned on again, the next scan catches up.
    expect((await glimpseJson(['scan'], env)).counts).toMatchObject({ new: 0, textRead: 1 });
    expect(rel((await glimpseJson(['search', 'boarding pass'], env)).results[0].path)).toBe('IMG_0007.jpg');

    const bad = await runGlimpse(['search', 'x'], { ...env, GLIMPSE_OCR: 'sometimes' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('GLIMPSE_OCR must be "on" or "off" (got "sometimes")');
  });
});
