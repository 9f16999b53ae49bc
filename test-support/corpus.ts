// A corpus of real-world and hostile files for the bad-input test, generated (deterministically) into a folder,
// each with the outcome a scan must give it: indexed, failed with a reason that names it, or skipped (and said so).
// Usage as a script: node --conditions=@glimpse/source --import tsx test-support/corpus.ts <folder>
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveFfmpeg } from '@glimpse/adapters-ffmpeg';
import sharp from 'sharp';
import { previewJpeg, writeCr2 } from './raw-files.js';

export type Outcome =
  /** Indexed: hashed, decoded, embedded. */
  | { readonly is: 'indexed' }
  /** Recorded failed, the reason matching (and naming no other file of the corpus). */
  | { readonly is: 'failed'; readonly reason: RegExp }
  /** Not indexed, and counted: `note` when the report must say why. */
  | { readonly is: 'skipped'; readonly note?: RegExp; readonly counted?: 'links' | 'unsupported' };

export interface CorpusEntry {
  /** Path relative to the corpus folder (as bytes escaped for names that are not UTF-8). */
  readonly name: string;
  readonly what: string;
  readonly expect: Outcome;
}

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const indexed: Outcome = { is: 'indexed' };
const failed = (reason: RegExp): Outcome => ({ is: 'failed', reason });

/** A BMP: 24 bits (BGR rows) or 8 bits with a palette; bottom-up rows padded to 4 bytes; `compression` as given. */
export function bmp(
  width: number,
  height: number,
  rgb: readonly [number, number, number],
  bits: 8 | 24,
  compression = 0,
): Buffer {
  const stride = Math.ceil((width * bits) / 32) * 4;
  const offset = 54 + (bits === 8 ? 1024 : 0);
  const b = Buffer.alloc(offset + stride * height);
  b.write('BM', 0, 'ascii');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(offset, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(bits, 28);
  b.writeUInt32LE(compression, 30);
  if (bits === 8) {
    b.writeUInt32LE(256, 46);
    [b[54 + 12], b[54 + 13], b[54 + 14]] = [rgb[2], rgb[1], rgb[0]];
  }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = offset + y * stride + x * (bits / 8);
      if (bits === 8) b[o] = 3;
      else [b[o], b[o + 1], b[o + 2]] = [rgb[2], rgb[1], rgb[0]];
    }
  return b;
}

/** A PNG whose header claims `width` x `height` pixels, with one tiny block of pixel data after it. */
function pngClaiming(width: number, height: number): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes the corpus into `root` and returns what each file must become. */
export async function makeCorpus(root: string): Promise<CorpusEntry[]> {
  await mkdir(join(root, 'sub'), { recursive: true });
  const entries: CorpusEntry[] = [];
  const add = (name: string, what: string, expect: Outcome) => entries.push({ name, what, expect });
  const pic = (
    w: number,
    h: number,
    colour: string | { r: number; g: number; b: number; alpha?: number },
    channels: 3 | 4 = 3,
  ) => sharp({ create: { width: w, height: h, channels, background: colour } });
  const file = (name: string) => join(root, name);

  // Pictures a camera, a phone or a computer writes.
  await pic(320, 240, '#c83232').jpeg().toFile(file('baseline.jpg'));
  add('baseline.jpg', 'JPEG, baseline', indexed);
  await pic(320, 240, '#32c832').jpeg({ progressive: true }).toFile(file('progressive.jpeg'));
  add('progressive.jpeg', 'JPEG, progressive', indexed);
  await pic(320, 240, '#3232c8').jpeg().withMetadata({ orientation: 6 }).toFile(file('rotated.jpg'));
  add('rotated.jpg', 'JPEG, EXIF orientation 6', indexed);
  await pic(200, 100, '#808000').jpeg().toColourspace('cmyk').toFile(file('cmyk.jpg'));
  add('cmyk.jpg', 'JPEG, CMYK', indexed);
  await pic(200, 100, '#777777').greyscale().jpeg().toFile(file('grey.jpg'));
  add('grey.jpg', 'JPEG, greyscale', indexed);
  await pic(64, 48, '#ff8800')
    .jpeg()
    .withExif({ IFD0: { Make: 'Apple', Model: 'iPhone 15' } })
    .toFile(file('exif.JPG'));
  add('exif.JPG', 'JPEG with EXIF, upper-case extension', indexed);
  await pic(160, 120, '#00ffff').png().toFile(file('rgb.png'));
  add('rgb.png', 'PNG, 8-bit RGB', indexed);
  await pic(160, 120, { r: 255, g: 0, b: 255, alpha: 0.5 }, 4).png().toFile(file('alpha.png'));
  add('alpha.png', 'PNG with alpha', indexed);
  await pic(160, 120, '#123456').png().toColourspace('rgb16').toFile(file('deep.png'));
  add('deep.png', 'PNG, 16 bits per channel', indexed);
  await pic(160, 120, '#ffff00').png({ palette: true }).toFile(file('palette.png'));
  add('palette.png', 'PNG, palette', indexed);
  await pic(1, 1, '#010203').png().toFile(file('one-pixel.png'));
  add('one-pixel.png', 'PNG, 1 x 1 pixel', indexed);
  await pic(4000, 2, '#445566').png().toFile(file('thin.png'));
  add('thin.png', 'PNG, 4000 x 2 (a sliver)', indexed);
  await pic(160, 120, '#aa33aa').webp().toFile(file('lossy.webp'));
  add('lossy.webp', 'WebP, lossy', indexed);
  await pic(160, 120, { r: 30, g: 200, b: 90, alpha: 0.7 }, 4).webp({ lossless: true }).toFile(file('lossless.webp'));
  add('lossless.webp', 'WebP, lossless with alpha', indexed);
  await pic(100, 80, '#ff0000').gif().toFile(file('still.gif'));
  add('still.gif', 'GIF', indexed);
  const frames = await Promise.all(['#ff0000', '#00ff00'].map((c) => pic(40, 30, c).raw().toBuffer()));
  await sharp(Buffer.concat(frames), { raw: { width: 40, height: 60, channels: 3 } })
    .gif({ loop: 0 })
    .toFile(file('animated.gif'));
  add('animated.gif', 'GIF, two frames', indexed);
  await pic(160, 120, '#008080').tiff().toFile(file('scan.tif'));
  add('scan.tif', 'TIFF', indexed);
  await pic(160, 120, '#804000').avif({ effort: 0 }).toFile(file('modern.avif'));
  add('modern.avif', 'AVIF (AV1)', indexed);
  await copyFile(join(FIXTURES, 'red.heic'), file('IMG_0001.HEIC'));
  add('IMG_0001.HEIC', 'HEIC coded with HEVC, as an iPhone writes it', indexed);
  await copyFile(join(FIXTURES, 'blue-portrait.heic'), file('sub/portrait.heic'));
  add('sub/portrait.heic', 'HEIC, portrait', indexed);
  await writeFile(file('paint.bmp'), bmp(33, 21, [10, 200, 30], 24));
  add('paint.bmp', 'BMP, 24 bits, odd width', indexed);
  await writeFile(file('palette.bmp'), bmp(16, 16, [200, 10, 30], 8));
  add('palette.bmp', 'BMP, 8-bit palette', indexed);
  await pic(120, 90, '#0000ff').jpeg().toFile(file('actually-a-jpeg.png'));
  add('actually-a-jpeg.png', 'a JPEG named .png (the bytes decide)', indexed);
  await pic(120, 90, '#ff00ff').jpeg().toFile(file('sub/ünïcødé 写真 🐕.jpg'));
  add('sub/ünïcødé 写真 🐕.jpg', 'a name in several scripts, with an emoji', indexed);
  await pic(120, 90, '#00ff00').jpeg().toFile(file(`it's "quoted" & $HOME;.jpg`));
  add(`it's "quoted" & $HOME;.jpg`, 'a name with quotes and shell characters', indexed);

  // Videos.
  const { ffmpeg } = resolveFfmpeg();
  const video = (name: string, args: string[]) =>
    execFileSync(ffmpeg, ['-v', 'error', '-y', ...args, file(name)], { stdio: 'pipe' });
  const lavfi = (spec: string) => ['-f', 'lavfi', '-i', spec];
  video('clip.mp4', [...lavfi('testsrc=s=160x90:r=10:d=3'), '-c:v', 'libx264', '-pix_fmt', 'yuv420p']);
  add('clip.mp4', 'MP4, H.264', indexed);
  video('one-frame.mp4', [
    ...lavfi('color=c=red:s=64x36:r=25:d=1'),
    '-frames:v',
    '1',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
  ]);
  add('one-frame.mp4', 'MP4 of a single frame', indexed);
  video('blink.mp4', [...lavfi('color=c=green:s=64x36:r=25:d=0.4'), '-c:v', 'libx264', '-pix_fmt', 'yuv420p']);
  add('blink.mp4', 'MP4 of 0.4 s', indexed);
  video('web.webm', [...lavfi('testsrc=s=160x90:r=10:d=2'), '-c:v', 'libvpx', '-b:v', '200k']);
  add('web.webm', 'WebM, VP8', indexed);
  video('vp9.mkv', [...lavfi('testsrc=s=160x90:r=10:d=2'), '-c:v', 'libvpx-vp9', '-b:v', '200k']);
  add('vp9.mkv', 'Matroska, VP9', indexed);
  video('phone.mov', [
    ...lavfi('testsrc=s=160x90:r=10:d=2'),
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-metadata:s:v:0',
    'rotate=90',
  ]);
  add('phone.mov', 'QuickTime with rotation metadata', indexed);
  video('sound.mp4', [
    ...lavfi('testsrc=s=160x90:r=10:d=2'),
    ...lavfi('sine=f=440:d=2'),
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
  ]);
  add('sound.mp4', 'MP4 with sound', indexed);
  video('old.avi', [...lavfi('testsrc=s=160x90:r=10:d=2'), '-c:v', 'mjpeg']);
  add('old.avi', 'AVI, Motion JPEG', indexed);

  // Broken and hostile: recorded failed, each with its own reason.
  await writeFile(file('empty.jpg'), '');
  add('empty.jpg', 'an empty .jpg', failed(/the file is empty \(0 bytes\)/));
  await writeFile(file('empty.mp4'), '');
  add('empty.mp4', 'an empty .mp4 (the same bytes as empty.jpg)', failed(/the file is empty \(0 bytes\)/));
  const jpeg = await pic(640, 480, '#336699').jpeg().toBuffer();
  await writeFile(file('truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 3)));
  add('truncated.jpg', 'a JPEG cut to a third', failed(/truncated\.jpg" could not be decoded/));
  const png = await pic(640, 480, '#996633').png().toBuffer();
  await writeFile(file('truncated.png'), png.subarray(0, 100));
  add('truncated.png', 'a PNG cut short', failed(/truncated\.png" (could not be decoded|is not an image format)/));
  await writeFile(file('notes.jpg'), 'These are my notes, not a picture.\n');
  add('notes.jpg', 'a text file named .jpg', failed(/notes\.jpg" is not an image format Glimpse can read/));
  await writeFile(file('noise.png'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251)));
  add('noise.png', 'random bytes named .png', failed(/noise\.png" is not an image format Glimpse can read/));
  await writeFile(file('page.gif'), '<!doctype html><title>x</title><img src=a.gif>');
  add('page.gif', 'an HTML page named .gif', failed(/page\.gif" is not an image format Glimpse can read/));
  await writeFile(
    file('header-only.jpg'),
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(512, 0x41)]),
  );
  add(
    'header-only.jpg',
    'a JPEG marker and garbage',
    failed(/header-only\.jpg" (could not be decoded|is not an image format)/),
  );
  // A decompression bomb: a few kilobytes that claim 20,000 x 20,000 pixels.
  await writeFile(file('bomb.png'), pngClaiming(20000, 20000));
  add(
    'bomb.png',
    'a 400-megapixel PNG of a few kilobytes (a decompression bomb)',
    failed(/bomb\.png" is 20000 x 20000 pixels, over the limit/),
  );
  await writeFile(file('rle.bmp'), bmp(8, 8, [1, 2, 3], 8, 1));
  add(
    'rle.bmp',
    'a run-length compressed BMP',
    failed(/rle\.bmp" could not be decoded: this BMP is compressed \(method 1\)/),
  );
  await writeFile(file('cut.bmp'), bmp(64, 64, [1, 2, 3], 24).subarray(0, 300));
  add('cut.bmp', 'a BMP cut short', failed(/cut\.bmp" could not be decoded: the BMP is cut short/));
  await writeFile(
    file('fake.heic'),
    Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic'),
      Buffer.alloc(16),
      Buffer.from('garbage'.repeat(40)),
    ]),
  );
  add(
    'fake.heic',
    'an HEIC box header and garbage',
    failed(/fake\.heic" (could not be decoded|is not an image format)/),
  );
  video('whole.mp4', [...lavfi('testsrc=s=160x90:r=10:d=2'), '-c:v', 'libx264', '-pix_fmt', 'yuv420p']);
  const whole = await readFile(file('whole.mp4'));
  await unlink(file('whole.mp4'));
  await writeFile(file('cut.mp4'), whole.subarray(0, Math.floor(whole.length / 2)));
  add('cut.mp4', 'an MP4 cut in half (its index at the end is gone)', failed(/cut\.mp4/));
  video('voice.mp4', [...lavfi('sine=f=440:d=2'), '-c:a', 'aac']);
  add('voice.mp4', 'an MP4 with sound and no picture', failed(/voice\.mp4.*(no video|video stream)/));
  await writeFile(file('story.mp4'), 'Once upon a time there was a video that was not one.\n');
  add('story.mp4', 'a text file named .mp4', failed(/story\.mp4/));
  await writeFile(file('zeros.mov'), Buffer.alloc(65536));
  add('zeros.mov', '64 KB of zeros named .mov', failed(/zeros\.mov/));

  // Camera RAW: read by the preview it embeds; one that has none and no sensor data dcraw reads fails, saying so.
  await writeCr2(
    file('IMG_0003.CR2'),
    { make: 'Canon', model: 'Canon EOS R6' },
    await previewJpeg(320, 213, '#aa5500'),
  );
  add('IMG_0003.CR2', 'a Canon RAW file with its JPEG preview', indexed);
  await writeFile(file('IMG_0004.NEF'), 'raw sensor data');
  add('IMG_0004.NEF', 'a file named .NEF that is no RAW file', failed(/IMG_0004\.NEF/));

  // Skipped, and counted.
  await writeFile(file('readme.txt'), 'not media');
  add('readme.txt', 'a text file', { is: 'skipped' });
  await writeFile(file('IMG_0002.X3F'), 'raw sensor data');
  add('IMG_0002.X3F', 'a camera RAW file of a format Glimpse does not read (Sigma X3F)', {
    is: 'skipped',
    counted: 'unsupported',
  });
  await writeFile(file('layers.psd'), '8BPS');
  add('layers.psd', 'a Photoshop file', { is: 'skipped', counted: 'unsupported' });
  await pic(10, 10, '#ffffff').jpeg().toFile(file('.hidden.jpg'));
  add('.hidden.jpg', 'a hidden picture', { is: 'skipped' });
  await symlink(file('baseline.jpg'), file('alias.jpg'));
  add('alias.jpg', 'a symbolic link to a picture', { is: 'skipped', counted: 'links' });
  await symlink(join(root, 'sub'), file('linked-folder'));
  add('linked-folder', 'a symbolic link to a folder', {
    is: 'skipped',
    counted: 'links',
    note: /a linked folder \(links are not followed\)/,
  });
  execFileSync('mkfifo', [file('pipe.jpg')]);
  add('pipe.jpg', 'a named pipe called .jpg (never opened: it would block)', { is: 'skipped' });
  const badName = Buffer.concat([Buffer.from(`${root}/latin1-`), Buffer.from([0xe9, 0x74, 0xe9]), Buffer.from('.jpg')]);
  await writeFile(badName, jpeg);
  add('latin1-\\xe9t\\xe9.jpg', 'a name in Latin-1, not valid UTF-8', {
    is: 'skipped',
    note: /its name is not valid UTF-8/,
  });
  return entries;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: corpus.ts <folder>');
  const entries = await makeCorpus(dir);
  for (const e of entries) console.log(`${e.expect.is.padEnd(8)} ${e.name}  (${e.what})`);
  console.log(`${entries.length} files`);
}
