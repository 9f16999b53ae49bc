// Camera RAW through the real `glimpse` command: a DNG and a CR2 indexed from their previews, with their camera;
// a RAW+JPEG pair of one shot shown once, as its JPEG with the RAW beside it; a RAW format Glimpse does not read
// counted apart.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glimpseJson, runGlimpse } from '../../../../test-support/glimpse-cli.js';
import { previewJpeg, writeCr2, writeDng } from '../../../../test-support/raw-files.js';

let dir: string;
let lib: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-raw-cli-'));
  lib = join(dir, 'library');
  await mkdir(join(lib, 'trip'), { recursive: true });
  const canon = { make: 'Canon', model: 'Canon EOS R5', taken: '2023:07:14 18:30:05' };
  // One shot saved twice by the camera: IMG_1001.CR2 and IMG_1001.JPG.
  const shot = await previewJpeg(480, 320, '#dd2200', canon);
  await writeCr2(join(lib, 'trip', 'IMG_1001.CR2'), canon, shot);
  await writeFile(join(lib, 'trip', 'IMG_1001.JPG'), shot);
  // A RAW alone, and a picture alone.
  await writeDng(
    join(lib, 'trip', 'IMG_1002.dng'),
    { make: 'Leica Camera AG', model: 'LEICA Q2', taken: '2023:07:15 09:00:00' },
    { preview: await previewJpeg(480, 320, '#0044dd') },
  );
  await writeFile(join(lib, 'trip', 'IMG_1003.jpg'), await previewJpeg(480, 320, '#22aa22'));
  await writeFile(join(lib, 'trip', 'IMG_1004.X3F'), 'Sigma raw data');
  env = {
    PATH: process.env['PATH'],
    HOME: join(dir, 'home'),
    GLIMPSE_DATA_DIR: join(dir, 'data'),
    GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
    GLIMPSE_OFFLINE: '1',
    GLIMPSE_OCR: 'off',
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rel = (p: string) => p.slice(lib.length + 1);

describe('camera RAW, through the CLI', () => {
  it('indexes RAW files by their previews and shows a RAW+JPEG pair once', async () => {
    const scan = await glimpseJson(['scan', lib], env);
    expect(scan.counts).toMatchObject({ new: 4, embedded: 4, failed: 0, unsupported: 1 });

    const all = await glimpseJson(['search', 'photo', '--limit', '50'], env);
    const paths = all.results.map((r: { path: string }) => rel(r.path)).sort();
    expect(paths).toEqual(['trip/IMG_1001.JPG', 'trip/IMG_1002.dng', 'trip/IMG_1003.jpg']);
    const pair = all.results.find((r: { path: string }) => r.path.endsWith('IMG_1001.JPG'));
    expect(pair.pairedWith).toEqual([join(lib, 'trip', 'IMG_1001.CR2')]);
    expect(pair.camera).toBe('Canon EOS R5');
    const dng = all.results.find((r: { path: string }) => r.path.endsWith('IMG_1002.dng'));
    expect(dng).toMatchObject({
      camera: 'LEICA Q2',
      takenAt: '2023-07-15T09:00:00.000Z',
      pairedWith: [],
    });
    expect([dng.width, dng.height]).toEqual([480, 320]);

    // The RAW is still there to be found by its own name, filtered to its folder.
    const byName = await glimpseJson(['search', 'IMG_1001', '--limit', '50'], env);
    expect(byName.results.map((r: { path: string }) => rel(r.path))).not.toContain('trip/IMG_1001.CR2');
    expect(rel(byName.results[0].path)).toBe('trip/IMG_1001.JPG');

    // Text output names the pair.
    const text = await runGlimpse(['search', 'IMG_1001'], env);
    expect(text.stdout).toMatch(/IMG_1001\.JPG[\s\S]*RAW beside it: .*IMG_1001\.CR2/);
  });
});
