// The evaluation set of the fused ranking: a small library whose items are found by what they show (the fake
// model embeds a picture's words), by their file or folder names, or by what their files say (camera, place), and
// queries of each class with the items they must find. Recall@5 of ranking by meaning alone, by keyword alone, and
// fused, per class; fused must be at least as good as the better of the two on every class.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_METADATA, type ContentMeta } from '../domain/media-metadata.js';
import { TempLibrary } from './scan-library.fixture.js';

/** path → what the picture shows (the fake model's words). */
const ITEMS: Record<string, string> = {
  'camera/IMG_2041.jpg': 'dog beach sunset',
  'camera/IMG_2042.jpg': 'cat sofa',
  'camera/IMG_2043.jpg': 'red car street',
  'camera/IMG_2044.jpg': 'birthday cake candles',
  'camera/IMG_2045.jpg': 'snow mountain',
  'Lisbon trip 2023/IMG_3001.jpg': 'tram street yellow',
  'Lisbon trip 2023/IMG_3002.jpg': 'river bridge sunset',
  'Lisbon trip 2023/IMG_3003.jpg': 'dog street',
  'Lisbon trip 2023/IMG_3004.jpg': 'castle wall',
  'documents/invoice-2024.png': 'paper text table',
  'documents/boarding-pass.png': 'paper text barcode',
  'documents/recipe.png': 'paper text cake',
  'phone/PXL_0001.jpg': 'tower river sunset',
  'phone/PXL_0002.jpg': 'cafe table cup',
  'phone/PXL_0003.jpg': 'dog park grass',
  'misc/beach.jpg': 'sand sea',
  'misc/sunset-over-sea.jpg': 'sea sky orange',
  'misc/dog.jpg': 'cat window',
};

/** What some files say about themselves. */
const META: Record<string, Partial<ContentMeta>> = {
  'phone/PXL_0001.jpg': {
    cameraMake: 'Google',
    cameraModel: 'Pixel 8',
    place: place('Paris', 'Île-de-France', 'France', 'FR'),
  },
  'phone/PXL_0002.jpg': {
    cameraMake: 'Google',
    cameraModel: 'Pixel 8',
    place: place('Paris', 'Île-de-France', 'France', 'FR'),
  },
  'phone/PXL_0003.jpg': {
    cameraMake: 'Google',
    cameraModel: 'Pixel 8',
    place: place('Lyon', 'Auvergne-Rhône-Alpes', 'France', 'FR'),
  },
  'camera/IMG_2041.jpg': {
    cameraMake: 'Canon',
    cameraModel: 'Canon EOS R6',
    place: place('Nazaré', 'Leiria', 'Portugal', 'PT'),
  },
  'camera/IMG_2045.jpg': { cameraMake: 'Canon', cameraModel: 'Canon EOS R6', place: null },
};

function place(city: string, region: string, country: string, countryCode: string) {
  return { city, region, country, countryCode };
}

/** Query classes: each query with the items it must find. */
const QUERIES: Record<string, [string, string[]][]> = {
  'what it shows': [
    ['dog', ['camera/IMG_2041.jpg', 'Lisbon trip 2023/IMG_3003.jpg', 'phone/PXL_0003.jpg']],
    ['sunset', ['camera/IMG_2041.jpg', 'Lisbon trip 2023/IMG_3002.jpg', 'phone/PXL_0001.jpg']],
    ['paper text', ['documents/invoice-2024.png', 'documents/boarding-pass.png', 'documents/recipe.png']],
    ['snow mountain', ['camera/IMG_2045.jpg']],
  ],
  'file name': [
    ['IMG_2043', ['camera/IMG_2043.jpg']],
    ['invoice 2024', ['documents/invoice-2024.png']],
    ['boarding pass', ['documents/boarding-pass.png']],
    ['sunset over sea', ['misc/sunset-over-sea.jpg']],
  ],
  'folder name': [
    [
      'lisbon trip',
      [
        'Lisbon trip 2023/IMG_3001.jpg',
        'Lisbon trip 2023/IMG_3002.jpg',
        'Lisbon trip 2023/IMG_3003.jpg',
        'Lisbon trip 2023/IMG_3004.jpg',
      ],
    ],
    ['documents', ['documents/invoice-2024.png', 'documents/boarding-pass.png', 'documents/recipe.png']],
  ],
  'camera and place': [
    ['pixel', ['phone/PXL_0001.jpg', 'phone/PXL_0002.jpg', 'phone/PXL_0003.jpg']],
    ['paris', ['phone/PXL_0001.jpg', 'phone/PXL_0002.jpg']],
    ['nazare', ['camera/IMG_2041.jpg']],
    ['canon', ['camera/IMG_2041.jpg', 'camera/IMG_2045.jpg']],
  ],
  'meaning and keyword': [
    ['dog lisbon', ['Lisbon trip 2023/IMG_3003.jpg']],
    ['sunset paris', ['phone/PXL_0001.jpg']],
    ['cake documents', ['documents/recipe.png']],
  ],
};

let lib: TempLibrary;
beforeAll(async () => {
  lib = await TempLibrary.create();
  for (const [path, shows] of Object.entries(ITEMS)) await lib.write(path, shows);
  await lib.scan();
  const files = await lib.files.findByPaths(Object.keys(META).map((p) => lib.path(p)));
  await lib.files.writeMetadata(
    files.map((f) => ({
      hash: f.contentHash!,
      meta: { ...NO_METADATA, takenAtSource: 'metadata', place: null, ...META[f.path.slice(lib.root.length + 1)] },
    })),
  );
});
afterAll(async () => {
  await lib.close();
});

async function recallAt5(ranking: 'meaning' | 'keywords' | 'fused', query: string, want: string[]): Promise<number> {
  const got = (await lib.search().byText(query, { ranking, limit: 5 })).map((r) => r.path.slice(lib.root.length + 1));
  return want.filter((w) => got.includes(w)).length / want.length;
}

describe('the fused ranking on its evaluation set', () => {
  it('finds at least as much as the better of meaning and keywords, on every class of query', async () => {
    const table: string[] = ['| queries | meaning | keywords | fused |', '|---|---|---|---|'];
    for (const [name, queries] of Object.entries(QUERIES)) {
      const mean = async (ranking: 'meaning' | 'keywords' | 'fused') => {
        let sum = 0;
        for (const [q, want] of queries) sum += await recallAt5(ranking, q, want);
        return sum / queries.length;
      };
      const [meaning, keywords, fused] = [await mean('meaning'), await mean('keywords'), await mean('fused')];
      table.push(
        `| ${name} (${queries.length}) | ${meaning.toFixed(2)} | ${keywords.toFixed(2)} | ${fused.toFixed(2)} |`,
      );
      expect(fused, name).toBeGreaterThanOrEqual(Math.max(meaning, keywords));
    }
    console.log(`recall@5 on the fused ranking's evaluation set:\n${table.join('\n')}`);
  });

  it('puts the item first for a query that is its file name', async () => {
    for (const name of ['IMG_2043', 'invoice-2024', 'boarding pass', 'PXL_0002']) {
      const [first] = await lib.search().byText(name);
      expect(first!.path.slice(lib.root.length + 1)).toMatch(new RegExp(name.replace(/ /g, '-'), 'i'));
      expect(first!.why.keyword).toMatchObject({ field: 'name', exact: true });
    }
  });

  it('says why each result matched: its rank by meaning, its keyword field with the words marked', async () => {
    const [first] = await lib.search().byText('dog lisbon');
    expect(first!.path).toBe(lib.path('Lisbon trip 2023/IMG_3003.jpg'));
    expect(first!.why.vectorRank).toBeGreaterThan(0);
    const k = first!.why.keyword!;
    expect(k.field).toBe('folder');
    expect(k.marks.map(([a, b]) => k.text.slice(a, b))).toEqual(['Lisbon']);
    const [paris] = await lib.search().byText('paris');
    expect(paris!.why.keyword).toMatchObject({ field: 'place', text: 'Paris, Île-de-France, France' });
    const meaningOnly = await lib.search().byText('dog', { ranking: 'meaning' });
    expect(meaningOnly[0]!.why).toMatchObject({ keyword: null, fused: null, vectorRank: 1 });
  });
});
