import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { GlimpseError } from '@glimpse/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGlimpse } from './glimpse.js';

let dir: string;
let photos: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-lib-'));
  photos = join(dir, 'photos');
  await mkdir(join(photos, 'trip'), { recursive: true });
  for (const [name, colour] of [
    ['trip/red.jpg', '#ff0000'],
    ['trip/green.png', '#00ff00'],
    ['blue.jpg', '#0000ff'],
    ['copy-of-red.jpg', '#ff0000'],
  ] as const) {
    await sharp({ create: { width: 400, height: 300, channels: 3, background: colour } }).toFile(join(photos, name));
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = { HOME: '/nonexistent-home' }; // nothing from the real environment leaks in

describe('createGlimpse (the library face, same composition root as the server)', () => {
  it('scans, searches, finds similar items, and keeps its index across a restart', async () => {
    const options = { roots: [photos], dataDir: join(dir, 'data'), model: TINY_TEST_MODEL_DIR, env };
    const phases = new Set<string>();
    {
      await using glimpse = await createGlimpse(options);
      const report = await glimpse.scan({ onProgress: (p) => phases.add(p.phase) });
      expect(report.counts).toMatchObject({ seen: 4, new: 4, embedded: 3, failed: 0 });
      expect([...phases]).toEqual(expect.arrayContaining(['walking', 'hashing', 'embedding', 'done']));
      const [first] = await glimpse.search('red');
      expect(first!.path.endsWith('red.jpg')).toBe(true);
      expect(first!.paths).toHaveLength(2); // the copy is the same content
      const [green] = await glimpse.search('green', { limit: 1 });
      const similar = await glimpse.similar(green!.id);
      expect(similar.map((r) => r.id)).not.toContain(green!.id);
    }
    await using again = await createGlimpse(options);
    const report = await again.scan();
    expect(report.counts).toMatchObject({ seen: 4, unchanged: 4, hashed: 0, embedded: 0 });
    expect((await again.search('blue'))[0]!.path).toBe(join(photos, 'blue.jpg'));
  });

  it('refuses a second instance on the same data directory with a clear message', async () => {
    const options = { roots: [photos], dataDir: join(dir, 'busy'), model: TINY_TEST_MODEL_DIR, env };
    await using first = await createGlimpse(options);
    const err = await createGlimpse(options).catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'conflict')).toBe(true);
    expect((err as Error).message).toMatch(/already in use/);
    await first.scan();
  });
});
