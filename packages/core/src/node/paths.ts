import { resolve, sep } from 'node:path';

/** An absolute, '/'-separated domain path for a path given by a user (relative to the working directory). */
export function toDomainPath(input: string): string {
  const abs = resolve(input);
  return sep === '/' ? abs : abs.split(sep).join('/');
}
