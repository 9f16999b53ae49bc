import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTextReader } from '../testing/index.js';
import { TempLibrary } from './scan-library.fixture.js';

let lib: TempLibrary;
let reader: FakeTextReader;

beforeEach(async () => {
  lib = await TempLibrary.create();
  reader = new FakeTextReader(lib.source);
});
afterEach(async () => {
  await lib.close();
});

const scan = (r = reader) => lib.scanner({ text: r }).run(lib.scope());
const textOf = async (rel: string) => {
  const [f] = await lib.files.findByPaths([lib.path(rel)]);
  return (await lib.files.findContents([f!.contentHash!]))[0]!.text;
};

describe('the text phase of a scan', () => {
  it('reads each indexed picture once, after embedding, and finds it by its words', async () => {
    await lib.write('receipt.jpg', 'paper text:INVOICE 2024|TOTAL 42.50');
    await lib.write('beach.jpg', 'dog beach sunset');
    await lib.write('clip.mp4', 'candles 3\ncake arrives 3');
    await lib.write('broken.jpg', 'CORRUPT');
    const phases: string[] = [];
    const totals: number[] = [];
    const report = await lib.scanner({ text: reader }).run(lib.scope(), {
      onProgress: (p) => {
        if (phases[phases.length - 1] !== p.phase) phases.push(p.phase);
        if (p.phase === 'text' && !totals.includes(p.total!)) totals.push(p.total!);
      },
    });
    expect(report.counts).toMatchObject({ new: 4, embedded: 3, failed: 1, textRead: 2 });
    // The pictures only (not the video, not the one that could not be embedded), after embedding.
    expect(reader.read_.map((p) => p.slice(lib.root.length + 1)).sort()).toEqual(['beach.jpg', 'receipt.jpg']);
    expect(phases.indexOf('text')).toBeGreaterThan(phases.indexOf('embedding'));
    expect(totals).toEqual([2]); // how many there are to read, for the progress bar
    expect(await textOf('receipt.jpg')).toBe('INVOICE 2024\nTOTAL 42.50');
    expect(await textOf('beach.jpg')).toBe('');
    expect(await textOf('clip.mp4')).toBeUndefined();

    const [hit] = await lib.search().byText('invoice');
    expect(hit!.path).toBe(lib.path('receipt.jpg'));
    expect(hit!.why.keyword).toMatchObject({ field: 'text', text: 'INVOICE 2024 · TOTAL 42.50', marks: [[0, 7]] });
    // A phrase of its text: exact, first whatever the meaning says.
    const [phrase] = await lib.search().byText('total 42');
    expect(phrase!.path).toBe(lib.path('receipt.jpg'));
    expect(phrase!.why.keyword?.exact).toBe(true);

    // Nothing new: nothing read.
    expect((await scan()).counts.textRead).toBe(0);
    expect(reader.read_).toHaveLength(2);
  });

  it('never reads a moved, renamed or copied file again', async () => {
    await lib.write('a/receipt.jpg', 'paper text:INVOICE 2024');
    await scan();
    expect(reader.read_).toHaveLength(1);
    await lib.write('b/copy.jpg', 'paper text:INVOICE 2024');
    await lib.remove('a');
    await lib.write('c/receipt-2024.jpg', 'paper text:INVOICE 2024');
    const report = await scan();
    expect(report.counts.textRead).toBe(0);
    expect(reader.read_).toHaveLength(1);
    expect(await textOf('c/receipt-2024.jpg')).toBe('INVOICE 2024');
  });

  it('reads everything again with another reader, and nothing when there is none', async () => {
    await lib.write('a.jpg', 'x text:one');
    await lib.write('b.jpg', 'y text:two');
    await lib.scanner().run(lib.scope()); // no reader: no text phase
    expect(await textOf('a.jpg')).toBeUndefined();
    expect((await scan()).counts.textRead).toBe(2);
    const newer = new FakeTextReader(lib.source, 'fake-ocr/2');
    expect((await scan(newer)).counts.textRead).toBe(2);
    expect((await scan(newer)).counts.textRead).toBe(0);
  });

  it('records a picture it cannot decode with its reason, and leaves one it cannot open now for the next scan', async () => {
    await lib.write('odd.jpg', 'fine for the embedder UNREADABLE');
    await lib.write('busy.jpg', 'fine BUSY');
    const report = await scan();
    expect(report.counts).toMatchObject({ embedded: 2, failed: 0, textRead: 1 });
    expect(report.errors.map((e) => [e.path.slice(lib.root.length + 1), e.reason])).toEqual(
      expect.arrayContaining([
        ['odd.jpg', expect.stringMatching(/^Its text could not be read: .*could not be decoded/)],
        ['busy.jpg', expect.stringMatching(/could not be read now .*the next scan tries again/)],
      ]),
    );
    expect(await textOf('odd.jpg')).toBe('');
    // The next scan tries the busy one again, not the undecodable one.
    const before = reader.read_.length;
    await scan();
    expect(reader.read_.slice(before).map((p) => p.slice(lib.root.length + 1))).toEqual(['busy.jpg']);
  });

  it('stops when cancelled and goes on from there', async () => {
    for (let i = 0; i < 40; i++) await lib.write(`p${i}.jpg`, `picture ${i} text:word${i}`);
    const ctl = new AbortController();
    const cancelled = await lib
      .scanner({ text: reader })
      .run(lib.scope(), {
        signal: ctl.signal,
        onProgress: (p) => {
          if (p.phase === 'text' && p.done > 0) ctl.abort();
        },
      })
      .catch((e: unknown) => e);
    expect((cancelled as Error).message).toMatch(/cancelled/);
    const first = reader.read_.length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(40);
    expect((await scan()).counts.textRead).toBe(40 - first);
    expect(await lib.consistencyProblems()).toEqual([]);
  });
});
