import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  ftruncateSync,
  futimesSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export interface GeneratedLibrary {
  readonly root: string;
  readonly files: number;
  readonly media: number;
  readonly folders: number;
  readonly bytes: number;
}

/** Small seeded PRNG (mulberry32) so the same seed gives the same library. */
/**
 * The pixels (RGB, interleaved) of a generated photo: smooth gradients with noise, about the size and entropy of a
 * real 12 MP photo once coded as a JPEG (3-6 MB); `i` picks one of many distinct ones.
 */
export function gradientPhotoPixels(i: number, w: number, h: number): Buffer {
  const r = rng(i + 1);
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      raw[o] = (x / 16 + i * 20 + r() * 40) & 255;
      raw[o + 1] = (y / 12 + r() * 40) & 255;
      raw[o + 2] = ((x + y) / 28 + r() * 40) & 255;
    }
  return raw;
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-normal sample with the given median and spread (sigma of the log). */
function logNormal(r: () => number, median: number, sigma: number): number {
  const u = Math.max(r(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  return Math.round(median * Math.exp(sigma * z));
}

const IMAGE_EXT = ['jpg', 'jpg', 'jpg', 'jpg', 'heic', 'png', 'JPG'];
const VIDEO_EXT = ['mp4', 'mov'];
const SIDECAR_EXT = ['xmp', 'aae', 'json'];

/**
 * Writes a synthetic photo library: `files` entries in year/month/event folders of 20–80 files, 88% photos
 * (median 3 MB), 7% videos (median 60 MB), 5% sidecar files that are out of scope. Files are sparse (their sizes
 * are real, their disk use is not) and their mtimes spread over ten years. Idempotent: an existing library with
 * the same parameters is reused.
 */
export function generateLibrary(root: string, files = 100_000, seed = 42): GeneratedLibrary {
  const marker = join(root, '.glimpse-bench.json');
  if (existsSync(marker)) {
    const info = JSON.parse(readFileSync(marker, 'utf8')) as GeneratedLibrary & { seed: number };
    if (info.files === files && info.seed === seed) return info;
    throw new Error(
      `${root} holds a different generated library (${info.files} files, seed ${info.seed}); remove it first`,
    );
  }
  mkdirSync(root, { recursive: true });
  const r = rng(seed);
  let made = 0;
  let media = 0;
  let folders = 0;
  let bytes = 0;
  const start = Date.UTC(2014, 0, 1) / 1000;
  for (let event = 0; made < files; event++) {
    const year = 2014 + (Math.floor((event / 2000) * 10) % 10);
    const month = String(1 + (event % 12)).padStart(2, '0');
    const dir = join(root, String(year), month, `event-${String(event).padStart(5, '0')}`);
    mkdirSync(dir, { recursive: true });
    folders++;
    const n = Math.min(files - made, 20 + Math.floor(r() * 61));
    for (let i = 0; i < n; i++, made++) {
      const pick = r();
      let name: string;
      let size: number;
      if (pick < 0.88) {
        name = `IMG_${String(made).padStart(6, '0')}.${IMAGE_EXT[Math.floor(r() * IMAGE_EXT.length)]}`;
        size = Math.min(40e6, Math.max(20_000, logNormal(r, 3e6, 0.6)));
        media++;
      } else if (pick < 0.95) {
        name = `VID_${String(made).padStart(6, '0')}.${VIDEO_EXT[Math.floor(r() * VIDEO_EXT.length)]}`;
        size = Math.min(4e9, Math.max(200_000, logNormal(r, 60e6, 1.2)));
        media++;
      } else {
        name = `IMG_${String(made).padStart(6, '0')}.${SIDECAR_EXT[Math.floor(r() * SIDECAR_EXT.length)]}`;
        size = 2_000 + Math.floor(r() * 20_000);
      }
      const fd = openSync(join(dir, name), 'w');
      ftruncateSync(fd, size);
      const t = start + Math.floor(r() * 10 * 365 * 86400);
      futimesSync(fd, t, t);
      closeSync(fd);
      bytes += size;
    }
  }
  const info = { root, files, media, folders, bytes, seed };
  writeFileSync(marker, JSON.stringify(info));
  return info;
}
