// Run in a child process by database.int.spec.ts: opens the PGlite data dir given as argv[2] and performs
// argv[3] ("write" | "read" | "hold"), printing one JSON line.
import { KyselyFileRepository } from './kysely-file-repository.js';
import { openDatabase } from './database.js';

const [dataDir, action] = process.argv.slice(2);
try {
  const database = await openDatabase({ kind: 'pglite', dataDir: dataDir! });
  const repo = new KyselyFileRepository(database.db);
  if (action === 'write') {
    await repo.apply({
      contents: [
        {
          hash: 'h1',
          kind: 'image',
          status: 'indexed',
          modelId: 'm',
          segments: 1,
          width: 4,
          height: 3,
          durationSec: null,
          takenAt: new Date('2020-02-02T00:00:00Z'),
          error: null,
          releasedAt: null,
        },
      ],
      files: [
        {
          path: '/photos/a.jpg',
          size: 42,
          mtimeNs: 1_700_000_000_123_456_000n,
          kind: 'image',
          contentHash: 'h1',
          status: 'ok',
          error: null,
        },
      ],
    });
  }
  if (action === 'hold') {
    console.log(JSON.stringify({ holding: true }));
    await new Promise((r) => setTimeout(r, 60_000));
  }
  const files = await repo.list({}, 10);
  console.log(
    JSON.stringify({ files: files.map((f) => ({ ...f, mtimeNs: String(f.mtimeNs) })), stats: await repo.stats('m') }),
  );
  await database.close();
} catch (e) {
  console.log(JSON.stringify({ error: (e as Error).message, kind: (e as { kind?: string }).kind }));
  process.exitCode = 3;
}
