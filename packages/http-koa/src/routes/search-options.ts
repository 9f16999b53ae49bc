// Reading a search's parameters, apart from the routes: the CLI reads its options with it before it knows whether a
// running server or the index itself answers.
import { GlimpseError, type SearchOptions, type Understood } from '@glimpse/core';
import { one, readKind, readWholeNumber } from './query-params.js';

const PARTS = ['date', 'kind', 'place'] as const;

/** `skip=date,place` (chips the user removed), or `skip=all`: the query's words taken as they are. */
export function skipParts(v: string | undefined): Understood['type'][] {
  if (v === undefined || v.trim() === '') return [];
  const parts = v.split(',').map((x) => x.trim().toLowerCase());
  if (parts.includes('all')) return [...PARTS];
  const bad = parts.find((x) => !(PARTS as readonly string[]).includes(x));
  if (bad !== undefined)
    throw new GlimpseError('invalid-input', `skip lists date, kind, place or all (got "${bad.slice(0, 40)}").`);
  return parts as Understood['type'][];
}

/** Search options from query parameters (or form fields); 400 listing every bad one. */
export function searchOptions(query: Record<string, string | string[] | undefined>): SearchOptions {
  const problems: string[] = [];
  const int = (name: string): number | undefined => {
    const { value, problem } = readWholeNumber(one(query[name]), name, 0, 999_999);
    if (problem) problems.push(problem);
    return value;
  };
  const date = (name: string): Date | undefined => {
    const v = one(query[name]);
    if (v === undefined || v === '') return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) problems.push(`${name} must be a date like 2024-07-31 (got "${v.slice(0, 40)}")`);
    return d;
  };
  const kind = readKind(one(query['kind']), problems);
  const limit = int('limit');
  const offset = int('offset');
  const from = date('from');
  const to = date('to');
  const folder = one(query['folder']);
  const text = (name: 'camera' | 'lens' | 'place'): string | undefined => {
    const v = one(query[name])?.trim();
    if (v === undefined || v === '') return undefined;
    if (v.length > 100) problems.push(`${name} must be at most 100 characters`);
    return v;
  };
  const ranking = one(query['ranking']);
  if (ranking !== undefined && ranking !== '' && !['fused', 'meaning', 'keywords'].includes(ranking))
    problems.push(`ranking must be "fused", "meaning" or "keywords" (got "${ranking.slice(0, 40)}")`);
  const sort = one(query['sort']);
  if (sort !== undefined && sort !== '' && sort !== 'relevance' && sort !== 'date')
    problems.push(`sort must be "relevance" or "date" (got "${sort.slice(0, 40)}")`);
  const weaker = one(query['weaker']);
  if (weaker !== undefined && weaker !== '' && weaker !== 'true' && weaker !== 'false')
    problems.push(`weaker must be true or false (got "${weaker.slice(0, 40)}")`);
  const camera = text('camera');
  const lens = text('lens');
  const place = text('place');
  if (problems.length)
    throw new GlimpseError('invalid-input', `The search parameters are not valid: ${problems.join('; ')}.`);
  return {
    ...(kind ? { kind } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(folder ? { folder } : {}),
    ...(ranking ? { ranking: ranking as 'fused' | 'meaning' | 'keywords' } : {}),
    ...(sort ? { sort: sort as 'relevance' | 'date' } : {}),
    ...(weaker === 'true' ? { weaker: true } : {}),
    ...(camera ? { camera } : {}),
    ...(lens ? { lens } : {}),
    ...(place ? { place } : {}),
  };
}
