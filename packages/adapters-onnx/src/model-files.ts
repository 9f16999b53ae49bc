import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlimpseError } from '@glimpse/core';

/** How a picture becomes the model's input, as `visual/preprocess_cfg.json` says (OpenCLIP's fields). */
export interface PreprocessConfig {
  /** Output height and width. */
  readonly size: readonly [number, number];
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
  readonly interpolation: 'bicubic' | 'bilinear' | 'nearest' | 'lanczos';
  /** `shortest`: shortest side to size, then centre crop. `squash`: stretch to size. `longest`: longest side to size, then pad with `fillColor`. */
  readonly resizeMode: 'shortest' | 'squash' | 'longest';
  readonly fillColor: number;
}

export interface ModelFiles {
  readonly dir: string;
  readonly embedDim: number;
  readonly contextLength: number;
  readonly preprocess: PreprocessConfig;
  readonly visualModel: string;
  readonly textualModel: string;
  readonly tokenizer: unknown;
  readonly tokenizerConfig: Record<string, unknown>;
}

/** The files of a model directory in the layout Immich publishes (config.json, visual/, textual/). */
export const MODEL_FILES = [
  'config.json',
  'visual/model.onnx',
  'visual/preprocess_cfg.json',
  'textual/model.onnx',
  'textual/tokenizer.json',
  'textual/tokenizer_config.json',
] as const;

/** Reads and checks a model directory. Throws `unavailable` naming what is missing or malformed. */
export async function readModelFiles(dir: string): Promise<ModelFiles> {
  const read = async (rel: string): Promise<string> => {
    try {
      return await readFile(join(dir, rel), 'utf8');
    } catch (e) {
      throw new GlimpseError(
        'unavailable',
        `The model in "${dir}" is incomplete: ${rel} cannot be read (${(e as NodeJS.ErrnoException).code ?? e}).`,
        { cause: e },
      );
    }
  };
  const json = async (rel: string): Promise<Record<string, unknown>> => {
    const text = await read(rel);
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new GlimpseError(
        'unavailable',
        `The model file ${join(dir, rel)} is not valid JSON; download the model again.`,
        { cause: e },
      );
    }
  };
  const [config, pre, tokenizer, tokenizerConfig] = await Promise.all([
    json('config.json'),
    json('visual/preprocess_cfg.json'),
    json('textual/tokenizer.json'),
    json('textual/tokenizer_config.json'),
  ]);
  const embedDim = Number(config['embed_dim']);
  if (!Number.isInteger(embedDim) || embedDim <= 0) {
    throw new GlimpseError('unavailable', `The model's config.json in "${dir}" has no valid embed_dim.`);
  }
  const textCfg = (config['text_cfg'] ?? {}) as Record<string, unknown>;
  const contextLength = Number(textCfg['context_length'] ?? tokenizerConfig['model_max_length'] ?? 77);
  const size = Array.isArray(pre['size']) ? (pre['size'] as number[]) : [Number(pre['size']), Number(pre['size'])];
  const interpolation = String(pre['interpolation'] ?? 'bicubic');
  const resizeMode = String(pre['resize_mode'] ?? 'shortest');
  if (!['bicubic', 'bilinear', 'nearest', 'lanczos'].includes(interpolation)) {
    throw new GlimpseError(
      'unavailable',
      `The model's preprocess_cfg.json asks for "${interpolation}" interpolation, which Glimpse does not support.`,
    );
  }
  if (!['shortest', 'squash', 'longest'].includes(resizeMode)) {
    throw new GlimpseError(
      'unavailable',
      `The model's preprocess_cfg.json asks for resize mode "${resizeMode}", which Glimpse does not support.`,
    );
  }
  return {
    dir,
    embedDim,
    contextLength: Number.isInteger(contextLength) && contextLength > 0 && contextLength < 100_000 ? contextLength : 77,
    preprocess: {
      size: [size[0]!, size[1] ?? size[0]!],
      mean: (pre['mean'] as [number, number, number]) ?? [0.48145466, 0.4578275, 0.40821073],
      std: (pre['std'] as [number, number, number]) ?? [0.26862954, 0.26130258, 0.27577711],
      interpolation: interpolation as PreprocessConfig['interpolation'],
      resizeMode: resizeMode as PreprocessConfig['resizeMode'],
      fillColor: Number(pre['fill_color'] ?? 0),
    },
    visualModel: join(dir, 'visual', 'model.onnx'),
    textualModel: join(dir, 'textual', 'model.onnx'),
    tokenizer,
    tokenizerConfig,
  };
}
