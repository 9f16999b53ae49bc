import { describe, expect, it } from 'vitest';
import { pointId } from './qdrant-connection.js';
import { collectionName, searchFilter } from './qdrant-vector-store.js';

describe('Qdrant naming and filters', () => {
  it('derives point ids deterministically, as UUIDs, distinct per content, model and segment', () => {
    const id = pointId('abc', 'clip-vit-b-32', 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pointId('abc', 'clip-vit-b-32', 0)).toBe(id);
    const others = [pointId('abd', 'clip-vit-b-32', 0), pointId('abc', 'other', 0), pointId('abc', 'clip-vit-b-32', 1)];
    expect(new Set([id, ...others]).size).toBe(4);
  });

  it('names a collection by model and dimension, apart for ids that slug alike', () => {
    expect(collectionName('glimpse', 'Xenova/clip-vit-base-patch32', 512)).toMatch(
      /^glimpse_xenova_clip_vit_base_patch32_[0-9a-f]{8}_512$/,
    );
    expect(collectionName('glimpse', 'a/b', 4)).not.toBe(collectionName('glimpse', 'a-b', 4));
    expect(collectionName('glimpse', 'm', 4)).not.toBe(collectionName('glimpse', 'm', 8));
  });

  it('filters inside the query: never a released content, then kind, dates, folder and exclusions', () => {
    expect(searchFilter(undefined)).toEqual({ must: [], must_not: [{ is_empty: { key: 'folders' } }] });
    expect(
      searchFilter({
        kind: 'video',
        takenFrom: new Date('2020-01-01T00:00:00Z'),
        takenTo: new Date('2020-12-31T00:00:00Z'),
        folder: '/photos/2020',
        excludeContents: ['h1'],
      }),
    ).toEqual({
      must: [
        { key: 'kind', match: { value: 'video' } },
        { key: 'taken_at', range: { gte: '2020-01-01T00:00:00.000Z', lte: '2020-12-31T00:00:00.000Z' } },
        { key: 'folders', match: { value: '/photos/2020' } },
      ],
      must_not: [{ is_empty: { key: 'folders' } }, { key: 'content_hash', match: { any: ['h1'] } }],
    });
  });
});
