// A generated OCR evaluation set: pictures of known words in several fonts, sizes, rotations and backgrounds,
// from a fixed seed, and word-level precision and recall of what a reader found against them.
import { join } from 'node:path';
import { rng } from '../bench/library-generator.js';
import { writeTextPicture, type TextBlock, type TextPicture } from './text-pictures.js';

const WORDS = (
  'invoice total receipt boarding pass gate seat flight station market coffee museum ticket entry exit ' +
  'welcome garden harbour library bakery pharmacy parking closed open north south river bridge castle summer ' +
  'winter beach menu dinner lunch price order number street avenue hotel airport train platform 2019 2023 ' +
  '42.50 17.99 1250 08:45'
).split(' ');
const FONTS = [
  'DejaVu Sans',
  'DejaVu Serif',
  'DejaVu Sans Mono',
  'Liberation Sans',
  'Liberation Serif',
  'Liberation Mono',
];
const SIZES = [16, 22, 32, 48];
const ROTATIONS = [0, 0, -4, 7, 12];
const BACKGROUNDS: { bg: string; ink: string; gradient?: string }[] = [
  { bg: '#ffffff', ink: '#111111' },
  { bg: '#1d2b4a', ink: '#f2f2f2' },
  { bg: '#f6e7c8', ink: '#5a2d0c', gradient: '#e0b070' },
  { bg: '#3b7d4f', ink: '#ffffff', gradient: '#133d22' },
];

export interface EvalPicture {
  readonly file: string;
  readonly words: readonly string[];
  readonly font: string;
  readonly size: number;
  readonly rotate: number;
  readonly background: number;
}

/** Writes `count` pictures into `dir` and says what is written in each. */
export async function writeEvalSet(dir: string, count: number, seed = 7): Promise<EvalPicture[]> {
  const rnd = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: EvalPicture[] = [];
  for (let i = 0; i < count; i++) {
    // Every combination of font, size, rotation and background comes round; the words are drawn at random.
    const font = FONTS[i % FONTS.length]!;
    const size = SIZES[Math.floor(i / FONTS.length) % SIZES.length]!;
    const rotate = ROTATIONS[Math.floor(i / (FONTS.length * SIZES.length)) % ROTATIONS.length]!;
    const background = i % BACKGROUNDS.length;
    const scheme = BACKGROUNDS[background]!;
    const blocks: TextBlock[] = [];
    const words: string[] = [];
    const lines = 1 + Math.floor(rnd() * 3);
    for (let l = 0; l < lines; l++) {
      const line = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(WORDS));
      words.push(...line);
      blocks.push({ text: line.join(' '), x: 40, y: 80 + l * size * 2.6, size, font, color: scheme.ink, rotate });
    }
    const picture: TextPicture = {
      width: 900,
      height: 600,
      background: scheme.bg,
      ...(scheme.gradient ? { gradient: scheme.gradient } : {}),
      blocks,
    };
    const file = join(dir, `eval-${String(i).padStart(3, '0')}.${i % 2 ? 'png' : 'jpg'}`);
    await writeTextPicture(file, picture);
    out.push({ file, words, font, size, rotate, background });
  }
  return out;
}

/** Words as compared: lower case, letters, digits and the . and : inside numbers and times. */
export function evalWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}.:]+/u)
    .map((w) => w.replace(/^[.:]+|[.:]+$/g, ''))
    .filter(Boolean);
}

/** Word-level matches of what was read against the truth (each word of the truth counted once). */
export function scoreWords(
  truth: readonly string[],
  read: readonly string[],
): { correct: number; truth: number; read: number } {
  const left = new Map<string, number>();
  for (const w of truth) left.set(w, (left.get(w) ?? 0) + 1);
  let correct = 0;
  for (const w of read) {
    const n = left.get(w) ?? 0;
    if (n > 0) {
      correct++;
      left.set(w, n - 1);
    }
  }
  return { correct, truth: truth.length, read: read.length };
}
