import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GlimpseError } from '@glimpse/core';
import { processIsAlive } from '@glimpse/core/node';

interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  /** Tells two claims of one process apart. */
  readonly nonce: string;
}

/** How many times a claim looks again after a stale lock was cleared or a takeover was in progress. */
const ATTEMPTS = 200;

/**
 * An exclusive claim on a data directory, so that two processes never open the same PGlite database (which would
 * corrupt it). The lock file holds the owner's pid; a lock whose process is gone is stale and taken over.
 *
 * Why it cannot be taken twice: the lock's whole content is written to a file of this claim's own first, then
 * `link()`ed to the lock's name, which the file system does atomically and refuses when the name exists; so a
 * lock file is never seen half-written, and of two claimants exactly one links. A stale lock is removed only by
 * the holder of a second, equally linked `glimpse.lock.takeover` file, and only when the lock still holds the very
 * content that was found stale, so a fresh lock is never removed by a claimant that looked a moment too early.
 */
export class DataDirLock {
  private constructor(
    readonly file: string,
    private readonly content: string,
  ) {}

  static acquire(dataDir: string): DataDirLock {
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      accessSync(dataDir, constants.W_OK);
      ownerOnly(dataDir);
    } catch (e) {
      throw new GlimpseError(
        'unavailable',
        `The data directory "${dataDir}" cannot be created or written (${(e as NodeJS.ErrnoException).code ?? String(e)}). ` +
          'Set GLIMPSE_DATA_DIR (or --data-dir) to a folder you can write.',
        { cause: e },
      );
    }
    const file = join(dataDir, 'glimpse.lock');
    const info: LockInfo = {
      pid: process.pid,
      hostname: hostname(),
      startedAt: new Date().toISOString(),
      nonce: randomBytes(8).toString('hex'),
    };
    const content = JSON.stringify(info);
    const mine = `${file}.${process.pid}.${info.nonce}`;
    try {
      writeFileSync(mine, content, { flag: 'wx' });
    } catch (e) {
      throw writeFailure(dataDir, e);
    }
    try {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        if (tryLink(mine, file)) return new DataDirLock(file, content);
        const found = readText(file);
        if (found === null) continue; // released between our link and our look: try again
        const owner = parse(found);
        if (owner && isAlive(owner)) {
          throw new GlimpseError(
            'conflict',
            `The data directory "${dataDir}" is already in use by another Glimpse process (pid ${owner.pid}, started ${owner.startedAt}). ` +
              'Stop that process, talk to its server instead, or set GLIMPSE_DATA_DIR to another folder.',
          );
        }
        takeOver(file, found, mine); // stale: its process is gone (or the file is not a lock at all)
      }
    } finally {
      unlinkQuietly(mine);
    }
    throw new GlimpseError(
      'conflict',
      `The data directory "${dataDir}" is being claimed by another process; try again.`,
    );
  }

  release(): void {
    // Only our own lock: after a takeover by someone else (we were thought dead), the file is theirs.
    if (readText(this.file) === this.content) unlinkQuietly(this.file);
  }
}

/** Removes the stale lock `found`, unless another claimant is doing so or the lock has changed since. */
function takeOver(file: string, found: string, mine: string): void {
  const guard = `${file}.takeover`;
  if (!tryLink(mine, guard)) {
    const holder = parse(readText(guard) ?? '');
    if (holder && !isAlive(holder)) unlinkQuietly(guard); // a claimant died in the middle of a takeover
    pause(2);
    return;
  }
  try {
    if (readText(file) === found) unlinkQuietly(file);
  } finally {
    unlinkQuietly(guard);
  }
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parse(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.hostname === 'string' ? (v as LockInfo) : null;
  } catch {
    return null; // not a lock written by this version: stale
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* gone already */
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The index names every file and holds what they look like: its folder is for its owner only (0700), as the
 * database files inside are created with the usual 0644. Only a folder of this user's own is tightened.
 */
function ownerOnly(dir: string): void {
  const s = statSync(dir);
  if ((s.mode & 0o077) !== 0 && typeof process.getuid === 'function' && s.uid === process.getuid())
    chmodSync(dir, s.mode & 0o700);
}

function writeFailure(dataDir: string, e: unknown): GlimpseError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new GlimpseError(
      'unavailable',
      `The disk holding the data directory "${dataDir}" is full; free some space and start Glimpse again.`,
      { cause: e },
    );
  }
  return new GlimpseError(
    'unavailable',
    `The data directory "${dataDir}" cannot be written (${code ?? String(e)}). Set GLIMPSE_DATA_DIR (or --data-dir) to a folder you can write.`,
    { cause: e },
  );
}

/** Whether the process that wrote a lock still runs: on another machine (a shared folder) it is assumed to. */
function isAlive(owner: { readonly pid: number; readonly hostname: string }): boolean {
  return owner.hostname !== hostname() || processIsAlive(owner.pid);
}
