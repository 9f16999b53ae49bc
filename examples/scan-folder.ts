// Scans a folder twice with the Glimpse core and prints both reports: the second shows the delta scan at work
// (nothing hashed, nothing embedded). Until the CLIP embedder and the database adapters land, this example keeps
// the index in memory and uses the deterministic word embedder from @glimpse/core/testing.
//
// Usage: npm run example -- <folder> ["search words"]
import { makeScope, ScanLibrary, SearchMedia, type ScanReport } from '@glimpse/core';
import { NodeCryptoHasher, NodeMediaSource, toDomainPath } from '@glimpse/core/node';
import { FakeEmbedder, FakeVideoSampler, InMemoryFileRepository, InMemoryVectorStore } from '@glimpse/core/testing';

const [folder, query] = process.argv.slice(2);
if (!folder) {
  console.error('usage: npm run example -- <folder> ["search words"]');
  process.exit(2);
}

const source = new NodeMediaSource();
const files = new InMemoryFileRepository();
const embedder = new FakeEmbedder(source);
const vectors = new InMemoryVectorStore(embedder.modelId, embedder.dimension);
const scan = new ScanLibrary({
  files,
  vectors,
  embedder,
  source,
  hasher: new NodeCryptoHasher(),
  videos: new FakeVideoSampler(source),
});
const scope = makeScope({ roots: [toDomainPath(folder)] });

const show = (label: string, r: ScanReport) => {
  console.log(`${label}: ${JSON.stringify(r.counts)} in ${r.durationMs} ms`);
  if (r.offlineRoots.length) console.log(`  offline roots (kept as they were): ${r.offlineRoots.join(', ')}`);
  for (const e of r.errors.slice(0, 10)) console.log(`  ${e.path}: ${e.reason}`);
  if (r.errors.length > 10) console.log(`  ... and ${r.errors.length - 10} more`);
};

show('first scan', await scan.run(scope));
show('rescan', await scan.run(scope));
if (query) {
  const results = await new SearchMedia(files, vectors, embedder).byText(query, { limit: 5 });
  for (const r of results) console.log(`${r.score.toFixed(3)}  ${r.path}`);
}
