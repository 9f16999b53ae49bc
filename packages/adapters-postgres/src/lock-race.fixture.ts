// One side of the data-dir lock race: claims the lock of trial folders base/d0 … base/d<n-1>, trial i at the
// moment t0 + i * slotMs (both sides wait for the same moments), and keeps every lock it wins until the end.
// Prints one JSON line: the trials it won.
import { join } from 'node:path';
import { GlimpseError } from '@glimpse/core';
import { DataDirLock } from './data-dir-lock.js';

const [base, n, t0, slotMs] = [
  process.argv[2]!,
  Number(process.argv[3]),
  Number(process.argv[4]),
  Number(process.argv[5]),
];
const won: number[] = [];
const held: DataDirLock[] = [];
const refused: string[] = [];
for (let i = 0; i < n; i++) {
  const at = t0 + i * slotMs;
  while (Date.now() < at) {
    /* spin: both sides start each claim in the same millisecond */
  }
  try {
    held.push(DataDirLock.acquire(join(base, `d${i}`)));
    won.push(i);
  } catch (e) {
    if (!GlimpseError.is(e, 'conflict')) throw e;
    if (!/already in use by another Glimpse process/.test(e.message)) refused.push(e.message);
  }
}
process.stdout.write(`${JSON.stringify({ won, refused: refused.slice(0, 5) })}\n`);
