import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const side = fileURLToPath(new URL('./lock-race.fixture.ts', import.meta.url));
const TRIALS = 2400;
const SLOT_MS = 3;

function claimAll(base: string, t0: number): Promise<{ won: number[]; refused: string[] }> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--conditions=@glimpse/source', '--import', 'tsx', side, base, String(TRIALS), String(t0), String(SLOT_MS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`side exited ${code}`))));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-lock-race-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the data-dir lock under a race', () => {
  it(`is won by exactly one of two processes in each of ${TRIALS} simultaneous claims, stale locks included`, async () => {
    // A third of the folders are free, a third hold the lock of a process that has exited, a third hold an empty
    // lock file (what an older Glimpse left when it died between creating the file and writing its pid).
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (let i = 0; i < TRIALS; i++) {
      const d = join(dir, `d${i}`);
      mkdirSync(d);
      const lock = join(d, 'glimpse.lock');
      if (i % 3 === 1)
        writeFileSync(lock, JSON.stringify({ pid: dead, hostname: hostname(), startedAt: 'earlier', nonce: 'x' }));
      if (i % 3 === 2) writeFileSync(lock, '');
    }
    const t0 = Date.now() + 4000; // both sides loaded and waiting
    const [a, b] = await Promise.all([claimAll(dir, t0), claimAll(dir, t0)]);
    const wonA = new Set(a.won);
    const both = b.won.filter((i) => wonA.has(i));
    const neither = Array.from({ length: TRIALS }, (_, i) => i).filter((i) => !wonA.has(i) && !b.won.includes(i));
    console.log(
      `lock race: ${TRIALS} trials, ${a.won.length} won by one side, ${b.won.length} by the other, ` +
        `${both.length} by both, ${neither.length} by neither`,
    );
    expect(both).toEqual([]);
    expect(neither).toEqual([]);
    expect([...a.refused, ...b.refused]).toEqual([]);
  }, 60_000);
});
