/** Every kind of {@link GlimpseError}, for code that reads a kind back (e.g. from an HTTP answer). */
export const GLIMPSE_ERROR_KINDS = [
  'not-found',
  'invalid-input',
  'too-large',
  'conflict',
  'unavailable',
  'unsupported-media',
  'corrupt-media',
  'cancelled',
  'unauthorized',
  'forbidden',
] as const;

/** What went wrong, in terms a caller can act on. Transports map kinds to their own codes (HTTP, exit codes). */
export type GlimpseErrorKind = (typeof GLIMPSE_ERROR_KINDS)[number];

const BRAND = Symbol.for('glimpse.GlimpseError');

/**
 * The one error type of Glimpse. `message` is written for a person: what happened, to what, and what to do.
 * Use {@link GlimpseError.is} rather than `instanceof`, which fails across duplicated package copies.
 */
export class GlimpseError extends Error {
  readonly kind: GlimpseErrorKind;
  readonly [BRAND] = true;

  constructor(kind: GlimpseErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GlimpseError';
    this.kind = kind;
  }

  static is(value: unknown, kind?: GlimpseErrorKind): value is GlimpseError {
    if (typeof value !== 'object' || value === null || !(BRAND in value)) return false;
    return kind === undefined || (value as GlimpseError).kind === kind;
  }

  /** Wraps anything thrown into a GlimpseError of `kind`, keeping an existing GlimpseError as it is. */
  static from(value: unknown, kind: GlimpseErrorKind, context?: string): GlimpseError {
    if (GlimpseError.is(value)) return value;
    const detail = value instanceof Error ? value.message : String(value);
    return new GlimpseError(kind, context ? `${context}: ${detail}` : detail, { cause: value });
  }
}

/** The message of anything thrown, for recording as a per-file failure reason. */
export function reasonOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  return String(value);
}
