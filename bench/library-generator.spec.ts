import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { generateLibrary } from './library-generator.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function listing(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || e.name.startsWith('.')) continue;
    const p = join(e.parentPath, e.name);
    const s = await stat(p);
    out.push(`${p.slice(root.length)} ${s.size} ${s.mtimeMs}`);
  }
  return out.sort();
}

it('generates the same sparse library for the same seed, with realistic sizes and nested folders', async () => {
  const a = await mkdtemp(join(tmpdir(), 'glimpse-gen-'));
  const b = await mkdtemp(join(tmpdir(), 'glimpse-gen-'));
  dirs.push(a, b);
  const info = generateLibrary(a, 500, 7);
  generateLibrary(b, 500, 7);
  expect(info.files).toBe(500);
  expect(info.media).toBeGreaterThan(440);
  expect(info.folders).toBeGreaterThan(5);
  const la = await listing(a);
  expect(la).toEqual(await listing(b));
  expect(la).toHaveLength(500);
  expect(info.bytes / info.media).toBeGreaterThan(1e6); // megabytes per file on average, like real photos
  expect(generateLibrary(a, 500, 7)).toEqual(info); // reused, not regenerated
  expect(() => generateLibrary(a, 600, 7)).toThrow(/different generated library/);
});
