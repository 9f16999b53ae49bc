import type { TextLine } from '../domain/image-text.js';
import { GlimpseError } from '../errors.js';
import type { MediaSource } from '../ports/media-source.js';
import type { TextReader } from '../ports/text-reader.js';
import { readAll } from './fake-embedder.js';

const decoder = new TextDecoder();

/**
 * Reads the "text" of fake pictures: what follows `text:` in the file, lines split by `|` ("sunset text:INVOICE
 * 2024|TOTAL 42.50"); none when there is no `text:`. A file containing UNREADABLE cannot be decoded
 * (`corrupt-media`); one containing BUSY cannot be opened now (the OS's error). Counts what it read, by path.
 */
export class FakeTextReader implements TextReader {
  readonly read_: string[] = [];

  constructor(
    private readonly source: MediaSource,
    readonly id = 'fake-ocr/1',
  ) {}

  async read(path: string, signal?: AbortSignal): Promise<TextLine[]> {
    if (signal?.aborted) throw new GlimpseError('cancelled', 'text reading was cancelled', { cause: signal.reason });
    const text = decoder.decode(await readAll(this.source.read(path)));
    this.read_.push(path);
    if (text.includes('UNREADABLE'))
      throw new GlimpseError('corrupt-media', `"${path}" could not be decoded: bad data`);
    if (text.includes('BUSY')) throw Object.assign(new Error(`EBUSY: "${path}" is busy`), { code: 'EBUSY' });
    const at = text.indexOf('text:');
    if (at < 0) return [];
    return text
      .slice(at + 5)
      .split('|')
      .map((line, k) => ({ text: line.trim(), confidence: 0.9, box: [0, k * 40, 100, 30] as const }))
      .filter((l) => l.text !== '');
  }
}
