import { cp, mkdir, rename } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { failOnce, InjectedFailure } from '../testing/index.js';
import { TempLibrary } from './scan-library.fixture.js';
import { allContents } from './content-pages.js';

/**
 * Failure injection: a scan that dies at any write step (the file database, the vector store, the embedder, each
 * call in turn), followed by a normal rerun, must leave a consistent index with the right files, and must not embed
 * again any content whose vectors were already written.
 */

let lib: TempLibrary;
afterEach(async () => {
  await lib?.close();
});

async function scenario(): Promise<TempLibrary> {
  const l = await TempLibrary.create();
  // No grace period: the vectors of the deleted and the modified picture go in the same scan, so deleting vectors
  // is one of the steps that fail (the grace period has its own tests).
  l.graceMs = 0;
  await l.write('a.jpg', 'red apple');
  await l.write('b.jpg', 'blue sky');
  await l.write('c.jpg', 'green field');
  await l.write('clip.mp4', 'waves 3\nsurfer 3');
  await l.scan();
  // Then, all at once: a new file, a modification, a move, a deletion, a copy, a brand new video.
  await l.write('e.jpg', 'white snow');
  await l.write('a.jpg', 'yellow banana');
  await mkdir(l.path('sub'));
  await rename(l.path('b.jpg'), l.path('sub/b-moved.jpg'));
  await l.remove('c.jpg');
  await cp(l.path('clip.mp4'), l.path('clip-copy.mp4'));
  await l.write('new.mp4', 'black night 2\nyellow moon 2');
  return l;
}

const EXPECTED_PATHS = ['a.jpg', 'clip-copy.mp4', 'clip.mp4', 'e.jpg', 'new.mp4', 'sub/b-moved.jpg'];

type Target =
  | 'files.apply'
  | 'files.findContents'
  | 'vectors.upsert'
  | 'vectors.deleteContents'
  | 'vectors.setPaths'
  | 'embedder.embedImages';

async function runWithFailure(target: Target, nth: number): Promise<boolean> {
  lib = await scenario();
  const [which, method] = target.split('.') as ['files' | 'vectors' | 'embedder', string];
  const deps = { files: lib.files, vectors: lib.vectors, embedder: lib.embedder } as Record<string, object>;
  const proxy = failOnce(deps[which]!, method as never, nth);
  const err = await lib
    .scanner({ [which]: proxy })
    .run(lib.scope())
    .then(
      () => null,
      (e: unknown) => e,
    );
  if (!proxy.failed) {
    expect(err).toBeNull();
    return false;
  }
  expect(err).toBeInstanceOf(InjectedFailure);
  expect(await lib.crashProblems(), `right after ${target} failed at call ${nth}`).toEqual([]);

  const heldBefore = new Set(await allContents(lib.vectors));
  const embeddedBefore = lib.embedder.embedded.length;
  await lib.scan();
  const problems = await lib.consistencyProblems();
  expect(problems, `${target} call ${nth}`).toEqual([]);
  const paths = (await lib.files.list({}, 100)).map((f) => f.path);
  expect(paths, `${target} call ${nth}`).toEqual(EXPECTED_PATHS.map((p) => lib.path(p)));
  // Nothing whose vectors were already written is embedded again.
  const reembedded = lib.embedder.embedded.slice(embeddedBefore).filter((p) => !p.startsWith('<'));
  const hashes = (await lib.files.findByPaths(reembedded)).map((f) => f.contentHash);
  expect(
    hashes.filter((h) => h && heldBefore.has(h)),
    `${target} call ${nth}`,
  ).toEqual([]);
  // Search sees the final state.
  expect((await lib.search().byText('blue sky'))[0]!.path).toBe(lib.path('sub/b-moved.jpg'));
  expect((await lib.search().byText('yellow moon', { kind: 'video' }))[0]!.segments[0]!.startSec).toBe(2);
  // And the index has converged: one more scan does nothing.
  lib.hasher.calls = 0;
  const again = await lib.scan();
  expect(again.counts, `${target} call ${nth}`).toMatchObject({ hashed: 0, embedded: 0, deleted: 0, new: 0 });
  await lib.close();
  return true;
}

describe('failure injection at each write step', () => {
  const targets: Target[] = [
    'files.apply',
    'files.findContents',
    'vectors.upsert',
    'vectors.deleteContents',
    'vectors.setPaths',
    'embedder.embedImages',
  ];
  for (const target of targets) {
    it(`${target} failing at any call, then a rerun, leaves a consistent index`, async () => {
      let injected = 0;
      for (let nth = 1; nth < 100; nth++) {
        if (!(await runWithFailure(target, nth))) break;
        injected++;
      }
      expect(injected).toBeGreaterThan(0);
    });
  }
});
