import type { TextLine } from '../domain/image-text.js';

export type { TextLine };

/** Reads the text in pictures (OCR): screenshots, receipts, signs, slides. */
export interface TextReader {
  /**
   * Names the reader and its models (e.g. `pp-ocrv4/1`); recorded with each result, so a content read by an older
   * reader is read again and one read by this reader never is.
   */
  readonly id: string;
  /**
   * The lines of text in the picture at `path` (upright, EXIF orientation applied), top to bottom; [] when it has
   * none. Throws `corrupt-media` or `unsupported-media` when the picture cannot be decoded.
   */
  read(path: string, signal?: AbortSignal): Promise<TextLine[]>;
}
