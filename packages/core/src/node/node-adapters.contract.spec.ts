import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  describeHasherContract,
  describeMediaSourceContract,
  describePreviewCacheContract,
  describeStorageSpaceContract,
} from '../contracts/index.js';
import { NodeCryptoHasher } from './node-crypto-hasher.js';
import { NodeMediaSource } from './node-media-source.js';
import { NodePreviewCache } from './node-preview-cache.js';
import { NodeStorageSpace } from './node-storage-space.js';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'glimpse-node-contracts-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describeHasherContract('NodeCryptoHasher', () => new NodeCryptoHasher());

for (const walker of ['thread', 'worker'] as const) {
  describeMediaSourceContract(`NodeMediaSource (walker: ${walker})`, async () => {
    const source = new NodeMediaSource({ walker, batchSize: 3 });
    return {
      source,
      tree: async (files) => {
        const root = await mkdtemp(join(base, 'tree-'));
        for (const [rel, content] of Object.entries(files)) {
          const path = join(root, rel);
          if (rel.endsWith('/')) await mkdir(path, { recursive: true });
          else {
            await mkdir(dirname(path), { recursive: true });
            await writeFile(path, content);
          }
        }
        return root;
      },
      remove: (root, rel) => rm(join(root, rel)),
      nowhere: join(base, 'no', 'such', 'folder'),
      close: () => source.close(),
    };
  });
}

describePreviewCacheContract('NodePreviewCache', async () => {
  const dir = await mkdtemp(join(base, 'cache-'));
  // A cache whose target is blocked (a folder stands where the file goes), so the write fails at the rename, after
  // the temporary file was written: it must report, not throw, and leave no temporary file.
  const blocked = await mkdtemp(join(base, 'blocked-'));
  await mkdir(join(blocked, 'dd', 'thumb-dddd-160.jpg'), { recursive: true });
  const reports: string[] = [];
  return {
    cache: new NodePreviewCache(dir),
    broken: {
      cache: new NodePreviewCache(blocked, (m) => reports.push(m)),
      leftovers: async () => {
        const names = await readdir(blocked, { recursive: true });
        if (reports.length !== 1) throw new Error(`expected one report of the failed write, got ${reports.length}`);
        return names.filter((n) => n !== 'dd' && n !== join('dd', 'thumb-dddd-160.jpg'));
      },
    },
    close: async () => {},
  };
});

describeStorageSpaceContract('NodeStorageSpace', () => ({
  roomy: new NodeStorageSpace(tmpdir(), 1),
  full: new NodeStorageSpace(tmpdir(), Number.MAX_SAFE_INTEGER),
}));
