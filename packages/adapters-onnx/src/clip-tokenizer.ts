import { Tokenizer } from '@huggingface/tokenizers';
import { GlimpseError } from '@glimpse/core';

/**
 * Text → fixed-length token ids with a maintained tokenizer library reading the model's `tokenizer.json` (CLIP's
 * byte-level BPE, XLM-R's SentencePiece, ...). Longer texts are cut to the context length keeping the end token;
 * shorter ones are padded with the tokenizer's pad id.
 */
export class ClipTokenizer {
  private readonly tokenizer: Tokenizer;
  readonly padId: number;

  constructor(
    tokenizerJson: unknown,
    tokenizerConfig: Record<string, unknown>,
    readonly contextLength: number,
  ) {
    try {
      this.tokenizer = new Tokenizer(tokenizerJson as never, tokenizerConfig as never);
    } catch (e) {
      throw new GlimpseError('unavailable', `The model's tokenizer.json cannot be used: ${(e as Error).message}`, {
        cause: e,
      });
    }
    this.padId = padIdOf(tokenizerJson, tokenizerConfig);
  }

  /** Ids with the model's special tokens, truncated (end token kept) and padded to the context length; and the real length. */
  encode(text: string): { ids: number[]; length: number } {
    let ids = this.tokenizer.encode(text).ids;
    if (ids.length > this.contextLength) ids = [...ids.slice(0, this.contextLength - 1), ids[ids.length - 1]!];
    const length = ids.length;
    return { ids: [...ids, ...new Array<number>(this.contextLength - length).fill(this.padId)], length };
  }
}

/**
 * OpenCLIP pads with 0 and its text tower pools at the end token (the highest id), so padding never changes the
 * result; models that pad otherwise say so in tokenizer.json ("padding") or name their pad token.
 */
function padIdOf(tokenizerJson: unknown, config: Record<string, unknown>): number {
  const t = tokenizerJson as { padding?: { pad_id?: number } | null; model?: { vocab?: unknown } };
  if (typeof t.padding?.pad_id === 'number') return t.padding.pad_id;
  const pad = typeof config['pad_token'] === 'string' ? config['pad_token'] : null;
  const vocab = t.model?.vocab;
  if (
    pad &&
    vocab &&
    !Array.isArray(vocab) &&
    typeof (vocab as Record<string, number>)[pad] === 'number' &&
    pad !== '<|endoftext|>'
  ) {
    return (vocab as Record<string, number>)[pad]!;
  }
  if (pad && Array.isArray(vocab)) {
    const i = (vocab as [string, number][]).findIndex(([token]) => token === pad);
    if (i >= 0) return i;
  }
  return 0;
}
