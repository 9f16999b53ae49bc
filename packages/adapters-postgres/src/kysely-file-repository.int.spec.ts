import { describeFileRepositoryContract } from '@glimpse/core/contracts';
import { onEachDatabase } from '../../../test-support/each-database.js';
import { KyselyFileRepository } from './kysely-file-repository.js';

onEachDatabase((database) => {
  describeFileRepositoryContract(`KyselyFileRepository on ${database.name}`, async () => {
    const repo = new KyselyFileRepository(database.db().db);
    await repo.reset();
    return { repo, close: async () => {} };
  });
});
