import { createHash } from 'node:crypto';
import type { Hasher } from '../ports/hasher.js';

/** SHA-256 over a stream, with node:crypto (OpenSSL). */
export class NodeCryptoHasher implements Hasher {
  readonly algorithm = 'sha256';

  async hash(chunks: AsyncIterable<Uint8Array>): Promise<string> {
    const h = createHash('sha256');
    for await (const chunk of chunks) h.update(chunk);
    return h.digest('hex');
  }
}
