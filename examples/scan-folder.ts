// Scans a folder into the embedded database and prints the report; run it twice and the second run finds
// everything unchanged (nothing hashed, nothing embedded): the index persists across processes.
// Until the CLIP embedder lands, vectors come from the deterministic word embedder of @glimpse/core/testing, so
// search matches words in the files' bytes, not what the pictures show.
//
// Usage: npm run example -- <folder> ["search words"]
// The index lives in $GLIMPSE_DATA_DIR (default: <tmp>/glimpse-example), or on the Postgres server named by
// $GLIMPSE_DATABASE_URL.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KyselyFileRepository, openDatabase, parsePostgresConfig, PgVectorStore } from '@glimpse/adapters-postgres';
import { GlimpseError, makeScope, ScanLibrary, SearchMedia } from '@glimpse/core';
import { NodeCryptoHasher, NodeMediaSource, toDomainPath } from '@glimpse/core/node';
import { FakeEmbedder, FakeVideoSampler } from '@glimpse/core/testing';

const [folder, query] = process.argv.slice(2);
if (!folder) {
  console.error('usage: npm run example -- <folder> ["search words"]');
  process.exit(2);
}

try {
  const config = parsePostgresConfig({ GLIMPSE_DATA_DIR: join(tmpdir(), 'glimpse-example'), ...process.env });
  await using database = await openDatabase(config);
  await using source = new NodeMediaSource();
  const files = new KyselyFileRepository(database.db);
  const embedder = new FakeEmbedder(source);
  const vectors = await PgVectorStore.open(database.db, embedder.modelId, embedder.dimension);
  const scan = new ScanLibrary({
    files,
    vectors,
    embedder,
    source,
    hasher: new NodeCryptoHasher(),
    videos: new FakeVideoSampler(source),
  });

  console.log(`index: ${database.kind} at ${database.location}`);
  const report = await scan.run(makeScope({ roots: [toDomainPath(folder)] }), {
    onProgress: (p) =>
      p.phase !== 'walking' && process.stderr.write(`\r${p.phase} ${p.done}${p.total ? `/${p.total}` : ''}   `),
  });
  process.stderr.write('\r');
  console.log(`scan: ${JSON.stringify(report.counts)} in ${report.durationMs} ms`);
  if (report.offlineRoots.length) console.log(`  offline roots (kept as they were): ${report.offlineRoots.join(', ')}`);
  for (const e of report.errors.slice(0, 10)) console.log(`  ${e.path}: ${e.reason}`);
  if (report.errors.length > 10) console.log(`  ... and ${report.errors.length - 10} more`);
  if (query) {
    for (const r of await new SearchMedia(files, vectors, embedder).byText(query, { limit: 5 })) {
      console.log(`${r.score.toFixed(3)}  ${r.path}`);
    }
  }
} catch (e) {
  console.error(GlimpseError.is(e) ? `glimpse: ${e.message}` : e);
  process.exitCode = 1;
}
