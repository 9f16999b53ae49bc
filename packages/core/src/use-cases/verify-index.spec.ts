import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aPoint, FakeIndexMaintenance } from '../testing/index.js';
import { TempLibrary } from './scan-library.fixture.js';
import { VerifyIndex } from './verify-index.js';

let lib: TempLibrary;
beforeEach(async () => {
  lib = await TempLibrary.create();
  await lib.write('a/red.jpg', 'red apple');
  await lib.write('a/blue.jpg', 'blue sky');
  await lib.write('b/green.jpg', 'green field');
  await lib.scan();
  lib.embedder.embedded.length = 0;
});
afterEach(async () => {
  await lib.close();
});

describe('verifying the index', () => {
  it('finds nothing wrong with a consistent index', async () => {
    const report = await new VerifyIndex(lib.files, lib.vectors, null).run();
    expect(report).toMatchObject({
      problems: [],
      remaining: [],
      checked: { files: 3, contents: 3, vectorContents: 3 },
    });
  });

  it('says what is wrong, and repairs it without embedding good vectors again', async () => {
    const [green] = await lib.files.findByPaths([lib.path('b/green.jpg')]);
    await lib.vectors.deleteContents([green!.contentHash!]); // indexed without vectors
    const [v] = await lib.embedder.embedTexts(['stray']);
    await lib.vectors.upsert([aPoint({ contentHash: 'stray', vector: v! })]); // vectors of nothing
    const storage = new FakeIndexMaintenance(true);
    const verify = new VerifyIndex(lib.files, lib.vectors, storage);

    const found = await verify.run();
    expect(found.problems.map((p) => [p.kind, p.count])).toEqual([
      ['damaged-vector-index', 1],
      ['indexed-without-vectors', 1],
      ['vectors-without-content', 1],
    ]);
    expect(found.problems[1]!.message).toBe('1 items are marked indexed but have no vectors');
    expect(found.remaining).toHaveLength(3);

    const repaired = await verify.run({ repair: true });
    expect(repaired.repairs).toEqual([
      'rebuilt the vector index',
      'deleted the vectors of 1 unknown item(s)',
      'queued 1 item(s) without vectors to be embedded by the next scan',
    ]);
    expect(repaired.remaining).toEqual([]);
    // The next scan embeds exactly the one that lost its vectors.
    expect((await lib.scan()).counts).toMatchObject({ embedded: 1, hashed: 0 });
    expect(lib.embedder.embedded).toEqual([lib.path('b/green.jpg')]);
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('finds items that no file holds (the files table lost), and releases them so a rescan links them again', async () => {
    const files = await lib.files.list({}, 10);
    await lib.files.apply({ deleteFiles: files.map((f) => f.id) }); // rows gone, contents left behind
    const verify = new VerifyIndex(lib.files, lib.vectors, null);
    const found = await verify.run();
    expect(found.problems.map((p) => [p.kind, p.count])).toEqual([['content-without-file', 3]]);
    expect((await verify.run({ repair: true })).remaining).toEqual([]);
    const rescan = await lib.scan();
    expect(rescan.counts).toMatchObject({ new: 3, restored: 3, embedded: 0 });
    expect(await lib.consistencyProblems()).toEqual([]);
  });
});
