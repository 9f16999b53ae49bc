import type { Hasher } from '../ports/hasher.js';

/** Wraps a hasher and records every file content it hashed. */
export class CountingHasher implements Hasher {
  calls = 0;

  constructor(private readonly inner: Hasher) {}

  get algorithm(): string {
    return this.inner.algorithm;
  }

  hash(chunks: AsyncIterable<Uint8Array>): Promise<string> {
    this.calls++;
    return this.inner.hash(chunks);
  }
}

export class InjectedFailure extends Error {
  constructor(where: string) {
    super(`injected failure in ${where}`);
    this.name = 'InjectedFailure';
  }
}

/**
 * Returns a proxy of `target` whose method `method` throws an {@link InjectedFailure} on its `nth` call (1-based),
 * once; other calls pass through. For failure-injection tests of write ordering.
 */
export function failOnce<T extends object>(target: T, method: keyof T & string, nth: number): T & { failed: boolean } {
  let calls = 0;
  let failed = false;
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === 'failed') return failed;
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (prop !== method || typeof value !== 'function') {
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(obj) : value;
      }
      return (...args: unknown[]) => {
        calls++;
        if (calls === nth) {
          failed = true;
          throw new InjectedFailure(`${String(method)} (call ${nth})`);
        }
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  }) as T & { failed: boolean };
}
