import { keywordTokens } from './media-metadata.js';

/** A line of text found in a picture. */
export interface TextLine {
  readonly text: string;
  /** The recognizer's mean confidence over the line's characters, 0..1. */
  readonly confidence: number;
  /** Where it is, in the upright picture's pixels: left, top, width, height of the line's bounding box. */
  readonly box: readonly [number, number, number, number];
}

/** The text of a picture's lines, one per line, as search shows and matches it. */
export function linesText(lines: readonly TextLine[]): string {
  return lines
    .map((l) => l.text.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * The words keyword search looks up in a picture's text: its folded words, and where a word runs letters and
 * digits together ("INVOICE2024", as OCR often reads a tight line) its parts too, so "invoice" and "2024" both
 * find it.
 */
export function textKeywords(text: string): string {
  const out: string[] = [];
  for (const w of keywordTokens(text)) {
    out.push(w);
    const parts = w.match(/\p{L}+|\p{N}+/gu) ?? [];
    if (parts.length > 1) out.push(...parts);
  }
  return out.join(' ');
}
