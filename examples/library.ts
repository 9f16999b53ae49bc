// The same as library.mjs, in TypeScript: checked in CI with `tsc --noEmit` (strict, skipLibCheck false) against
// the packed packages, so a user's strict build of code like this passes.
import { createGlimpse, type Glimpse } from '@glimpse/http-koa';
import type { ScanProgress, SearchResult } from '@glimpse/core';

const [folder, query = 'dog on a beach at sunset'] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node library.js <folder> ["query"]');
  process.exit(2);
}

const glimpse: Glimpse = await createGlimpse({ roots: [folder], onWarning: (m: string) => console.warn(m) });
try {
  const report = await glimpse.scan({
    onProgress: (p: ScanProgress) => {
      if (p.phase === 'embedding') process.stderr.write(`\rindexing: ${p.done} items `);
    },
  });
  console.log(`scanned ${report.counts.seen} files: ${report.counts.embedded} embedded`);
  const results: SearchResult[] = await glimpse.search(query, { limit: 5, kind: 'image' });
  for (const r of results) console.log(`${r.score.toFixed(3)}  ${r.path}`);
  const first = results[0];
  if (first) console.log((await glimpse.similar(first.id, { limit: 3 })).map((r) => r.path));
} finally {
  await glimpse.close();
}
