import { emptyCounts, type ScanProgress } from '@glimpse/core';
import { describe, expect, it } from 'vitest';
import { scanProgressPrinter } from './progress.js';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = { isTTY, write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

const at = (phase: ScanProgress['phase'], done: number, total: number | null): ScanProgress => ({
  phase,
  done,
  total,
  counts: { ...emptyCounts(), new: done },
});

describe('scanProgressPrinter', () => {
  it('redraws one bar per phase in place on a terminal, with counts', () => {
    const { stream, text } = fakeStream(true);
    const bar = scanProgressPrinter(stream);
    bar.update(at('walking', 10, null));
    bar.update(at('hashing', 0, 4));
    bar.update(at('hashing', 4, 4));
    bar.update(at('embedding', 2, 2));
    bar.update(at('done', 1, 1));
    bar.finish();
    const out = text();
    expect(out).toMatch(/\rListing files\s+10 {2}\(10 new/);
    expect(out).toMatch(/\rChecking changes\s+\[#{24}\] 4\/4/);
    expect(out).toMatch(/\rIndexing\s+\[#{24}\] 2\/2/);
    expect(out.split('\n')).toHaveLength(4); // one finished line per phase, nothing after "done"
  });

  it('prints plain lines, one per phase, when the output is not a terminal', () => {
    const { stream, text } = fakeStream(false);
    const bar = scanProgressPrinter(stream);
    for (let i = 0; i <= 100; i++) bar.update(at('hashing', i, 100));
    bar.update(at('embedding', 1, 5));
    bar.finish();
    expect(text()).toBe('Checking changes: 0/100 files\nIndexing: 1/5 items\n');
    expect(text()).not.toContain('\r');
  });
});
