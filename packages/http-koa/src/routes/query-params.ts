import { GlimpseError } from '@glimpse/core';

/** A whole-number query parameter: `fallback` when absent, 400 with a message when not a number from min to max. */
export function wholeNumber(
  value: string | string[] | undefined,
  name: string,
  range: { readonly fallback: number; readonly min: number; readonly max: number },
): number {
  if (value === undefined || value === '') return range.fallback;
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= range.min && n <= range.max)) {
    throw new GlimpseError(
      'invalid-input',
      `${name} must be a whole number from ${range.min} to ${range.max} (got "${String(value).slice(0, 40)}").`,
    );
  }
  return n;
}
