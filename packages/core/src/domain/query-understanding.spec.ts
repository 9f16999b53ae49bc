import { describe, expect, it } from 'vitest';
import { understandQuery, type Understood } from './query-understanding.js';

const iso = (u: Understood) =>
  u.type === 'date' ? [u.type, u.text, u.from.toISOString(), u.to.toISOString()] : [u.type, u.text];

describe('understandQuery', () => {
  it.each([
    ['beach July 2023', 'beach', ['date', 'July 2023', '2023-07-01T00:00:00.000Z', '2023-07-31T23:59:59.999Z']],
    ['beach in jul. 2023', 'beach', ['date', 'jul. 2023', '2023-07-01T00:00:00.000Z', '2023-07-31T23:59:59.999Z']],
    ['snow 2019', 'snow', ['date', '2019', '2019-01-01T00:00:00.000Z', '2019-12-31T23:59:59.999Z']],
    ['summer 2021 lake', 'lake', ['date', 'summer 2021', '2021-06-01T00:00:00.000Z', '2021-08-31T23:59:59.999Z']],
    ['winter 2021', '', ['date', 'winter 2021', '2021-12-01T00:00:00.000Z', '2022-02-28T23:59:59.999Z']],
    ['party 2023-12-31', 'party', ['date', '2023-12-31', '2023-12-31T00:00:00.000Z', '2023-12-31T23:59:59.999Z']],
    [
      'cake on 14 February 2024',
      'cake',
      ['date', '14 February 2024', '2024-02-14T00:00:00.000Z', '2024-02-14T23:59:59.999Z'],
    ],
    [
      'cake March 3rd, 2024',
      'cake',
      ['date', 'March 3rd, 2024', '2024-03-03T00:00:00.000Z', '2024-03-03T23:59:59.999Z'],
    ],
    ['trip 2024-05', 'trip', ['date', '2024-05', '2024-05-01T00:00:00.000Z', '2024-05-31T23:59:59.999Z']],
    [
      'hikes from 2019 to 2021',
      'hikes',
      ['date', 'from 2019 to 2021', '2019-01-01T00:00:00.000Z', '2021-12-31T23:59:59.999Z'],
    ],
    [
      'hikes between 2019 and 2021',
      'hikes',
      ['date', 'between 2019 and 2021', '2019-01-01T00:00:00.000Z', '2021-12-31T23:59:59.999Z'],
    ],
    ['leap 2024-02-29', 'leap', ['date', '2024-02-29', '2024-02-29T00:00:00.000Z', '2024-02-29T23:59:59.999Z']],
  ])('reads the date in "%s"', (query, text, date) => {
    const u = understandQuery(query);
    expect(u.text).toBe(text);
    expect(u.understood.map(iso)).toEqual([date]);
  });

  it('leaves what is not a date as words', () => {
    for (const q of ['IMG_2019', 'IMG_2019.jpg', '2019.jpg', 'iphone 15', 'may flowers', '1850 house', '2023-02-30 x'])
      expect(understandQuery(q).understood).toEqual([]);
    // No such day, and not a year alone either (it is part of a date).
    expect(understandQuery('dog').understood).toEqual([]);
  });

  it('reads a kind, and a place the library holds, taking them and their linking words out', () => {
    const u = understandQuery('videos of the beach taken in Lisbon July 2023', new Set(['lisbon', 'portugal']));
    expect(u.text).toBe('the beach');
    expect(u.understood.map(iso)).toEqual([
      ['date', 'July 2023', '2023-07-01T00:00:00.000Z', '2023-07-31T23:59:59.999Z'],
      ['kind', 'videos'],
      ['place', 'Lisbon'],
    ]);
    expect(understandQuery('photo of a dog').understood.map(iso)).toEqual([['kind', 'photo']]);
    expect(understandQuery('photo of a dog').text).toBe('a dog');
  });

  it('takes the longest place name, and none the library does not hold', () => {
    const places = new Set(['new york city', 'york', 'new york']);
    const u = understandQuery('taxi new york city', places);
    expect(u.understood).toEqual([{ type: 'place', text: 'new york city', place: 'new york city' }]);
    expect(u.text).toBe('taxi');
    expect(understandQuery('Paris street', new Set(['lisbon'])).understood).toEqual([]);
  });
});
