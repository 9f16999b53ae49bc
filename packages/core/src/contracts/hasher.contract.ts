import { describe, expect, it } from 'vitest';
import type { Hasher } from '../ports/hasher.js';

async function* chunksOf(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Known digests, to check the algorithm a hasher names. */
const KNOWN: Record<string, Record<string, string>> = {
  sha256: {
    abc: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    '': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
};

/** The behaviour every Hasher must have. */
export function describeHasherContract(name: string, setup: () => Hasher): void {
  describe(`Hasher contract: ${name}`, () => {
    it('gives the same lower-case hex digest whatever the chunks, and the known one for its algorithm', async () => {
      const hasher = setup();
      const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 31) % 256);
      const whole = await hasher.hash(chunksOf(bytes, bytes.length));
      for (const size of [1, 7, 4096, 65536]) expect(await hasher.hash(chunksOf(bytes, size))).toBe(whole);
      expect(whole).toMatch(/^[0-9a-f]+$/);
      const known = KNOWN[hasher.algorithm];
      expect(known, `known digests of ${hasher.algorithm}`).toBeDefined();
      for (const [text, digest] of Object.entries(known!))
        expect(await hasher.hash(chunksOf(new TextEncoder().encode(text), 1))).toBe(digest);
    });

    it('digests each chunk when it is given: bytes that change afterwards (a reused read buffer) do not count', async () => {
      const hasher = setup();
      const bytes = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7) % 251);
      async function* reusing(): AsyncIterable<Uint8Array> {
        const buffer = new Uint8Array(4096);
        for (let i = 0; i < bytes.length; i += buffer.length) {
          const n = Math.min(buffer.length, bytes.length - i);
          buffer.set(bytes.subarray(i, i + n));
          yield buffer.subarray(0, n);
          buffer.fill(0xff); // the file "changes" under a hasher that kept the chunk for later
        }
      }
      expect(await hasher.hash(reusing())).toBe(await hasher.hash(chunksOf(bytes, bytes.length)));
      // A file that changes between chunks is the caller's to catch (DeltaMonitor compares its stat before and after).
    });

    it('rethrows what the chunks throw (a file that fails while it is read)', async () => {
      async function* failing(): AsyncIterable<Uint8Array> {
        yield new Uint8Array([1, 2, 3]);
        throw new Error('EIO: the disk went away');
      }
      await expect(setup().hash(failing())).rejects.toThrow('EIO: the disk went away');
    });
  });
}
