import type { ScanProgress } from '@glimpse/core';

const LABEL: Record<ScanProgress['phase'], string> = {
  walking: 'Listing files',
  hashing: 'Checking changes',
  embedding: 'Indexing',
  metadata: 'Reading dates, cameras and places',
  text: 'Reading text in pictures',
  cleaning: 'Cleaning up',
  done: 'Done',
};

/**
 * Scan progress for a person: a bar redrawn in place on a terminal (phase, counts, rate), plain lines otherwise
 * (one per phase, then one every 10 s), so logs stay readable.
 */
export function scanProgressPrinter(stream: NodeJS.WriteStream = process.stderr): {
  update(p: ScanProgress): void;
  finish(): void;
} {
  const tty = stream.isTTY === true;
  let phase: string | null = null;
  let phaseStart = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (p.phase !== phase) {
        if (tty && drawn) stream.write('\n');
        drawn = false;
        phase = p.phase;
        phaseStart = now;
        lastDraw = 0;
        if (p.phase === 'done') return;
      }
      if (p.phase === 'done') return;
      const seconds = Math.max(0.001, (now - phaseStart) / 1000);
      const rate = p.done / seconds;
      const amount = p.total !== null ? `${p.done}/${p.total}` : `${p.done}`;
      const unit = p.phase === 'embedding' ? 'items' : p.phase === 'text' ? 'pictures' : 'files';
      const rateText =
        p.done > 0 && seconds > 0.5 ? `, ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)} ${unit}/s` : '';
      if (tty) {
        if (now - lastDraw < 100 && p.done !== p.total) return;
        lastDraw = now;
        const width = 24;
        const bar =
          p.total !== null && p.total > 0
            ? `[${'#'.repeat(Math.round((p.done / p.total) * width)).padEnd(width, '.')}] `
            : '';
        const c = p.counts;
        stream.write(
          `\r${LABEL[p.phase].padEnd(16)} ${bar}${amount}${rateText}  (${c.new} new, ${c.modified} changed, ${c.moved} moved, ${c.failed} failed)\x1b[K`,
        );
        drawn = true;
      } else if (lastDraw === 0 || now - lastDraw >= 10_000) {
        lastDraw = now;
        stream.write(`${LABEL[p.phase]}: ${amount} ${unit}${rateText}\n`);
      }
    },
    finish() {
      if (tty && drawn) stream.write('\n');
      drawn = false;
    },
  };
}
