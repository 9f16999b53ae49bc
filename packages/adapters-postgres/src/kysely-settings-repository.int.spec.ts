import { describeSettingsRepositoryContract } from '@glimpse/core/contracts';
import { sql } from 'kysely';
import { onEachDatabase } from '../../../test-support/each-database.js';
import { KyselySettingsRepository } from './kysely-settings-repository.js';

onEachDatabase((database) => {
  describeSettingsRepositoryContract(`KyselySettingsRepository on ${database.name}`, async () => {
    await sql`delete from settings`.execute(database.db().db);
    const { reopen } = database;
    return {
      settings: new KyselySettingsRepository(database.db().db),
      // Another connection, as a restarted process would open (where the database allows two).
      ...(reopen ? { reopen: async () => new KyselySettingsRepository((await reopen()).db) } : {}),
      close: async () => {},
    };
  });
});
