// Builds the Hugging Face `tokenizer.json` of OpenAI's CLIP tokenizer from the published BPE merges file
// (bpe_simple_vocab_16e6.txt.gz), so tests run the real CLIP tokenization without network access. The vocabulary
// is built as OpenAI's clip/simple_tokenizer.py builds it: the 256 byte symbols, the same with "</w>", one entry
// per merge (the first 48,894 merge lines after the header), then <|startoftext|> and <|endoftext|>.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const START_OF_TEXT = 49406;
export const END_OF_TEXT = 49407;

/** GPT-2's reversible map from bytes to printable unicode characters, in its original order. */
function bytesToUnicode(): string[] {
  const bs: number[] = [];
  for (let b = '!'.charCodeAt(0); b <= '~'.charCodeAt(0); b++) bs.push(b);
  for (let b = '¡'.charCodeAt(0); b <= '¬'.charCodeAt(0); b++) bs.push(b);
  for (let b = '®'.charCodeAt(0); b <= 'ÿ'.charCodeAt(0); b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  return cs.map((c) => String.fromCharCode(c));
}

export function buildClipTokenizerJson(bpeGzPath: string): { tokenizer: unknown; config: unknown } {
  const lines = gunzipSync(readFileSync(bpeGzPath)).toString('utf8').split('\n');
  const merges = lines.slice(1, 49152 - 256 - 2 + 1);
  if (merges.length !== 48894) throw new Error(`expected 48,894 merges, found ${merges.length}`);
  const symbols = bytesToUnicode();
  const vocab: Record<string, number> = {};
  const add = (token: string) => {
    vocab[token] = Object.keys(vocab).length;
  };
  for (const s of symbols) add(s);
  for (const s of symbols) add(`${s}</w>`);
  for (const m of merges) add(m.split(' ').join(''));
  add('<|startoftext|>');
  add('<|endoftext|>');
  if (vocab['<|endoftext|>'] !== END_OF_TEXT) throw new Error('unexpected vocabulary size');

  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      {
        id: START_OF_TEXT,
        content: '<|startoftext|>',
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: true,
        special: true,
      },
      {
        id: END_OF_TEXT,
        content: '<|endoftext|>',
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
    ],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFC' },
        { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' },
        { type: 'Lowercase' },
      ],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        {
          type: 'Split',
          pattern: {
            Regex:
              "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
          },
          behavior: 'Removed',
          invert: true,
        },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['<|endoftext|>', END_OF_TEXT],
      cls: ['<|startoftext|>', START_OF_TEXT],
      trim_offsets: false,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '<|endoftext|>',
      continuing_subword_prefix: '',
      end_of_word_suffix: '</w>',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges,
    },
  };
  const config = {
    tokenizer_class: 'CLIPTokenizer',
    model_max_length: 77,
    bos_token: '<|startoftext|>',
    eos_token: '<|endoftext|>',
    pad_token: '<|endoftext|>',
    unk_token: '<|endoftext|>',
    do_lower_case: true,
    clean_up_tokenization_spaces: true,
  };
  return { tokenizer, config };
}
