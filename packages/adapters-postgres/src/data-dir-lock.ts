import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync, accessSync, constants } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GlimpseError } from '@glimpse/core';

interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

/**
 * An exclusive claim on a data directory, so that two processes never open the same PGlite database (which would
 * corrupt it). The lock file holds the owner's pid; a lock whose process is gone is stale and taken over.
 */
export class DataDirLock {
  private constructor(readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    try {
      mkdirSync(dataDir, { recursive: true });
      accessSync(dataDir, constants.W_OK);
    } catch (e) {
      throw new GlimpseError(
        'unavailable',
        `The data directory "${dataDir}" cannot be created or written (${(e as NodeJS.ErrnoException).code ?? String(e)}). ` +
          'Set GLIMPSE_DATA_DIR (or --data-dir) to a folder you can write.',
        { cause: e },
      );
    }
    const file = join(dataDir, 'glimpse.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
        writeSync(fd, JSON.stringify(info));
        closeSync(fd);
        return new DataDirLock(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = readOwner(file);
        if (owner && isAlive(owner)) {
          throw new GlimpseError(
            'conflict',
            `The data directory "${dataDir}" is already in use by another Glimpse process (pid ${owner.pid}, started ${owner.startedAt}). ` +
              'Stop that process, talk to its server instead, or set GLIMPSE_DATA_DIR to another folder.',
          );
        }
        try {
          unlinkSync(file); // stale: its process is gone
        } catch {
          /* another process took it over first; the next attempt will see its lock */
        }
      }
    }
    throw new GlimpseError(
      'conflict',
      `The data directory "${dataDir}" is being claimed by another process; try again.`,
    );
  }

  release(): void {
    try {
      const owner = readOwner(this.file);
      if (owner?.pid === process.pid) unlinkSync(this.file);
    } catch {
      /* already gone */
    }
  }
}

function readOwner(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null; // being written, or garbage: treated as stale
  }
}

function isAlive(owner: LockInfo): boolean {
  if (owner.hostname !== hostname()) return true; // a network folder shared with another machine: assume alive
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
