import { describeIndexMaintenanceContract } from '@glimpse/core/contracts';
import { aFileWrite } from '@glimpse/core/testing';
import { sql } from 'kysely';
import { onEachDatabase } from '../../../test-support/each-database.js';
import { KyselyFileRepository } from './kysely-file-repository.js';
import { PgIndexMaintenance } from './pg-index-maintenance.js';

onEachDatabase((database) => {
  describeIndexMaintenanceContract(`PgIndexMaintenance on ${database.name}`, async () => {
    const db = database.db().db;
    const files = new KyselyFileRepository(db);
    await files.reset();
    await files.apply({ files: [1, 2, 3].map((i) => aFileWrite({ path: `/p/${i}.jpg` })) });
    return {
      maintenance: new PgIndexMaintenance(db),
      // The unique index on paths stops being maintained, a duplicate row gets in, and the index is taken for sound.
      damage: async () => {
        await sql`update pg_index set indisready = false where indexrelid = 'files_path_key'::regclass`.execute(db);
        await sql`insert into files (path, size, mtime_ns, kind, status) values ('/p/1.jpg', 1, 1, 'image', 'ok')`.execute(
          db,
        );
        await sql`update pg_index set indisready = true where indexrelid = 'files_path_key'::regclass`.execute(db);
      },
      close: async () => {},
    };
  });
});
