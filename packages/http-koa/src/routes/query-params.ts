import { GlimpseError, MEDIA_KINDS, type MediaKind } from '@glimpse/core';

/**
 * A whole-number query parameter: `value` undefined when absent; `problem` (for a person) when it is not a whole
 * number from `min` to `max`. The one parser of numbers in query strings and forms.
 */
export function readWholeNumber(
  raw: string | string[] | undefined,
  name: string,
  min = 0,
  max = 999_999_999,
): { value: number | undefined; problem: string | null } {
  if (raw === undefined || raw === '') return { value: undefined, problem: null };
  const n = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (n >= min && n <= max) return { value: n, problem: null };
  return {
    value: undefined,
    problem: `${name} must be a whole number from ${min} to ${max} (got "${String(raw).slice(0, 40)}")`,
  };
}

/** A whole-number query parameter: `fallback` when absent, 400 with a message when not a number from min to max. */
export function wholeNumber(
  raw: string | string[] | undefined,
  name: string,
  range: { readonly fallback: number; readonly min: number; readonly max: number },
): number {
  const { value, problem } = readWholeNumber(raw, name, range.min, range.max);
  if (problem) throw new GlimpseError('invalid-input', `${problem}.`);
  return value ?? range.fallback;
}

/** The first value of a query parameter given once or more. */
export function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A `kind` parameter: undefined when absent; a problem (for a person) when it is neither image nor video. */
export function readKind(v: string | undefined, problems: string[]): MediaKind | undefined {
  if (v === undefined || v === '') return undefined;
  if (!MEDIA_KINDS.includes(v as MediaKind)) {
    problems.push(`kind must be "image" or "video" (got "${v.slice(0, 40)}")`);
    return undefined;
  }
  return v as MediaKind;
}
