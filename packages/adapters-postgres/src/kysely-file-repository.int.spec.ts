import { describeFileRepositoryContract } from '@glimpse/core/contracts';
import { aContent, aFileWrite } from '@glimpse/core/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { onEachDatabase } from '../../../test-support/each-database.js';
import { KyselyFileRepository } from './kysely-file-repository.js';

onEachDatabase((database) => {
  describeFileRepositoryContract(`KyselyFileRepository on ${database.name}`, async () => {
    const repo = new KyselyFileRepository(database.db().db);
    await repo.reset();
    return { repo, close: async () => {} };
  });

  describe(`keyword indexes on ${database.name}`, () => {
    it('leave nothing pending after writes, so a keyword search reads the index, not every row', async () => {
      const db = database.db().db;
      const repo = new KyselyFileRepository(db);
      await repo.reset();
      const contents = Array.from({ length: 600 }, (_, i) =>
        aContent({ hash: `${'k'.repeat(60)}${String(i).padStart(4, '0')}` }),
      );
      await repo.apply({
        contents,
        files: contents.map((c, i) =>
          aFileWrite({ path: `/trip/event-${i % 7}/IMG_${String(i).padStart(5, '0')}.jpg`, contentHash: c.hash }),
        ),
      });
      // gin_clean_pending_list moves what is pending into the index and says how many pages it moved: none.
      const pending = await sql<{ files: number; meta: number; text: number }>`
        select gin_clean_pending_list('files_keywords'::regclass)::int as files,
               gin_clean_pending_list('content_meta_keywords'::regclass)::int as meta,
               gin_clean_pending_list('content_text_keywords'::regclass)::int as text`.execute(db);
      expect(pending.rows[0]).toEqual({ files: 0, meta: 0, text: 0 });
      const found = await repo.keywordCandidates(['event'], 1000);
      expect(found.files).toHaveLength(600);
      expect((await repo.keywordCandidates(['nowhere'], 1000)).files).toEqual([]);
    });
  });
});
