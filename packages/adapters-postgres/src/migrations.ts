import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { GlimpseError, pathKeywords } from '@glimpse/core';

/**
 * Versioned schema migrations, applied in name order at start (kysely's Migrator records them in
 * kysely_migration, so each runs once; a new version only adds). Vector tables are created per model by
 * PgVectorStore and registered in vector_spaces.
 */
const migrations: Record<string, Migration> = {
  '0001_files_and_contents': {
    async up(db) {
      await sql`
        create table contents (
          hash text collate "C" primary key,
          kind text not null check (kind in ('image', 'video')),
          status text not null check (status in ('pending', 'indexed', 'failed')),
          model_id text,
          segments integer not null default 0,
          width integer,
          height integer,
          duration_sec double precision,
          taken_at timestamptz,
          error text
        )`.execute(db);
      await sql`create index contents_status_model on contents (status, model_id)`.execute(db);
      await sql`
        create table files (
          id uuid primary key default gen_random_uuid(),
          path text collate "C" not null unique,
          size bigint not null,
          mtime_ns bigint not null,
          kind text not null check (kind in ('image', 'video')),
          content_hash text collate "C" references contents (hash),
          status text not null check (status in ('ok', 'failed')),
          error text
        )`.execute(db);
      await sql`create index files_content_hash on files (content_hash)`.execute(db);
      await sql`create index files_failed on files (path) where status = 'failed'`.execute(db);
      await sql`create table vector_deletions (hash text collate "C" primary key)`.execute(db);
    },
  },
  '0002_vector_spaces': {
    async up(db) {
      await sql`
        create table vector_spaces (
          model_id text not null,
          dimension integer not null,
          table_name text not null unique,
          primary key (model_id, dimension)
        )`.execute(db);
    },
  },
  '0003_settings': {
    async up(db) {
      await sql`create table settings (key text primary key, value jsonb not null)`.execute(db);
    },
  },
  '0004_scan_history': {
    async up(db) {
      await sql`
        create table scan_history (
          id text primary key,
          finished_at timestamptz not null,
          job jsonb not null
        )`.execute(db);
      await sql`create index scan_history_finished on scan_history (finished_at desc)`.execute(db);
    },
  },
  '0005_released_contents': {
    async up(db) {
      // A content no file holds any more keeps its vectors for a grace period (a folder re-added costs nothing).
      await sql`alter table contents add column released_at timestamptz`.execute(db);
      await sql`create index contents_released on contents (released_at) where released_at is not null`.execute(db);
    },
  },
  '0006_content_meta': {
    async up(db) {
      // What a content's file says about itself, read by the scan; deleted with the content.
      await sql`
        create table content_meta (
          hash text collate "C" primary key references contents (hash) on delete cascade,
          version integer not null,
          taken_at timestamptz,
          taken_at_offset_min integer,
          taken_at_source text not null check (taken_at_source in ('metadata', 'file-modified')),
          camera_make text,
          camera_model text,
          lens text,
          latitude double precision,
          longitude double precision,
          orientation integer,
          city text,
          region text,
          country text,
          country_code text,
          -- The same, folded for search (lower case, no accents; see searchFold), whatever the database's locale.
          camera_key text,
          lens_key text,
          place_key text
        )`.execute(db);
    },
  },
  '0007_keywords': {
    async up(db) {
      // Keyword search over file names and folders and over what files say (camera, lens, place): their words,
      // folded by Glimpse (keywordTokens) whatever the database's locale, in a tsvector of the 'simple' config.
      await sql`alter table files add column keywords_text text`.execute(db);
      await sql`
        alter table files add column keywords tsvector
        generated always as (to_tsvector('simple', coalesce(keywords_text, ''))) stored`.execute(db);
      await sql`create index files_keywords on files using gin (keywords)`.execute(db);
      await sql`alter table content_meta add column keywords_text text`.execute(db);
      await sql`
        alter table content_meta add column keywords tsvector
        generated always as (to_tsvector('simple', coalesce(keywords_text, ''))) stored`.execute(db);
      // Metadata read before: its words (the keys are folded already; their words are what search compares).
      await sql`
        update content_meta set keywords_text = regexp_replace(
          coalesce(camera_key, '') || ' ' || coalesce(lens_key, '') || ' ' || coalesce(place_key, ''),
          '[^[:alnum:]]+', ' ', 'g')`.execute(db);
      await sql`create index content_meta_keywords on content_meta using gin (keywords)`.execute(db);
      // Files indexed before: their words, in pages.
      for (let after = ''; ;) {
        const rows = await sql<{ id: string; path: string }>`
          select id, path from files where path > ${after} order by path limit 2000`.execute(db);
        if (rows.rows.length === 0) break;
        for (const r of rows.rows)
          await sql`update files set keywords_text = ${pathKeywords(r.path)} where id = ${r.id}`.execute(db);
        after = rows.rows[rows.rows.length - 1]!.path;
      }
    },
  },
  '0008_content_text': {
    async up(db) {
      // The text read in a picture (OCR), per content: a move or a copy never reads it again; deleted with the
      // content. A picture read with no text has lines = '[]' (read, nothing found); one that could not be read has
      // its reason. `reader` names the OCR models: another reader reads every picture again.
      await sql`
        create table content_text (
          hash text collate "C" primary key references contents (hash) on delete cascade,
          reader text not null,
          lines jsonb not null,
          text text not null,
          error text,
          read_at timestamptz not null default now(),
          keywords_text text,
          keywords tsvector generated always as (to_tsvector('simple', coalesce(keywords_text, ''))) stored
        )`.execute(db);
      await sql`create index content_text_keywords on content_text using gin (keywords)`.execute(db);
    },
  },
  '0009_contents_by_date': {
    async up(db) {
      // The library browsed by date, newest first: a page is an index scan, not a sort of every content.
      await sql`create index contents_by_date on contents (taken_at desc nulls last, hash)`.execute(db);
    },
  },
  '0010_keyword_indexes_without_pending_lists': {
    async up(db) {
      // A GIN index keeps new entries in an unsorted pending list until a vacuum merges them, and every search
      // reads that list whole. PGlite runs no autovacuum, so after a first scan every keyword query read every
      // file's keywords (10,000 files: 10-15 ms a query instead of 0.1 ms). Entries now go into the index as they
      // are written, and what is pending is merged once, here.
      for (const index of ['files_keywords', 'content_meta_keywords', 'content_text_keywords']) {
        await sql`alter index ${sql.ref(index)} set (fastupdate = off)`.execute(db);
        await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db);
      }
    },
  },
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrate(db: Kysely<unknown>): Promise<void> {
  // An index that is up to date (nearly every start) is told by one query; kysely's migrator creates its tables,
  // takes its lock and lists every migration in a transaction first (0.1-0.4 s of a cold search on PGlite).
  if (await upToDate(db)) return;
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new GlimpseError(
      'unavailable',
      `The database schema could not be brought up to date (migration ${failed} failed): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** Whether every migration of this version, and no other, is recorded as applied. */
async function upToDate(db: Kysely<unknown>): Promise<boolean> {
  const names = Object.keys(migrations).sort();
  try {
    const r = await sql<{ n: number; last: string | null }>`
      select count(*)::int as n, max(name) as last from kysely_migration`.execute(db);
    const row = r.rows[0];
    return row !== undefined && Number(row.n) === names.length && row.last === names[names.length - 1];
  } catch {
    return false; // no migration table yet: a new database
  }
}
