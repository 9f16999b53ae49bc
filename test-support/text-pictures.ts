// Pictures with known text in them, rendered by libvips (librsvg with the system's fonts: DejaVu and Liberation,
// which .ci/run installs), for the OCR tests and the OCR benchmark.
import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';

export interface TextBlock {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly font?: string;
  readonly weight?: 'normal' | 'bold';
  readonly color?: string;
  /** Degrees, clockwise, about the text's start. */
  readonly rotate?: number;
}

export interface TextPicture {
  readonly width: number;
  readonly height: number;
  readonly background: string;
  readonly blocks: readonly TextBlock[];
  /** A second colour: the background is a diagonal gradient from `background` to it. */
  readonly gradient?: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function textSvg(p: TextPicture): Buffer {
  const fill = p.gradient ? 'url(#g)' : p.background;
  const defs = p.gradient
    ? `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.background}"/><stop offset="1" stop-color="${p.gradient}"/></linearGradient></defs>`
    : '';
  const body = p.blocks
    .map(
      (b) =>
        `<text x="${b.x}" y="${b.y}" font-family="${b.font ?? 'DejaVu Sans'}" font-size="${b.size}" font-weight="${b.weight ?? 'normal'}" fill="${b.color ?? '#111'}"${b.rotate ? ` transform="rotate(${b.rotate} ${b.x} ${b.y})"` : ''}>${escape(b.text)}</text>`,
    )
    .join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${p.height}">${defs}<rect width="100%" height="100%" fill="${fill}"/>${body}</svg>`,
  );
}

/** Writes the picture as JPEG or PNG (by the file's extension). */
export async function writeTextPicture(path: string, p: TextPicture): Promise<void> {
  const image = sharp(textSvg(p));
  await writeFile(path, await (path.endsWith('.png') ? image.png() : image.jpeg({ quality: 90 })).toBuffer());
}

/** A till receipt: "INVOICE 2024", two items, "TOTAL 42.50". */
export const RECEIPT: TextPicture = {
  width: 600,
  height: 800,
  background: '#fbfaf5',
  blocks: [
    { text: 'INVOICE 2024', x: 60, y: 120, size: 48, weight: 'bold' },
    { text: 'Coffee beans 38.00', x: 60, y: 260, size: 30, font: 'Liberation Serif' },
    { text: 'Delivery 4.50', x: 60, y: 320, size: 30, font: 'Liberation Serif' },
    { text: 'TOTAL 42.50', x: 60, y: 600, size: 40, font: 'DejaVu Sans Mono' },
  ],
};

/** A presentation slide, light text on dark blue, one line slightly rotated. */
export const SLIDE: TextPicture = {
  width: 1280,
  height: 720,
  background: '#223366',
  blocks: [
    { text: 'Quarterly roadmap review', x: 80, y: 200, size: 64, font: 'Liberation Sans', color: '#ffffff' },
    {
      text: 'ship the search engine by spring',
      x: 80,
      y: 420,
      size: 40,
      font: 'DejaVu Serif',
      color: '#dddddd',
      rotate: -6,
    },
  ],
};

/** A picture with no text at all: a gradient. */
export const NO_TEXT: TextPicture = { width: 800, height: 600, background: '#2a8c3c', gradient: '#cfe8a0', blocks: [] };
