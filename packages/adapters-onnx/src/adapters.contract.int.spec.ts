import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEmbedderContract, describeImageCodecContract } from '@glimpse/core/contracts';
import sharp from 'sharp';
import { afterAll, beforeAll } from 'vitest';
import { OnnxClipEmbedder } from './onnx-clip-embedder.js';
import { SharpImageCodec } from './sharp-image-codec.js';
import { TINY_TEST_MODEL_DIR } from './test-model.js';

const fixtures = fileURLToPath(new URL('../../../test-support/fixtures/', import.meta.url));
let dir: string;
let red: string;
let green: Uint8Array;
let sideways: string;
const notes = () => join(dir, 'notes.jpg');
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-onnx-contracts-'));
  red = join(dir, 'red.png');
  await sharp({ create: { width: 320, height: 240, channels: 3, background: '#ff0000' } })
    .png()
    .toFile(red);
  green = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#00ff00' } })
    .jpeg()
    .toBuffer();
  // Stored 320 x 240 with EXIF orientation 6 (turn 90° clockwise to show): shown as 240 x 320.
  sideways = join(dir, 'sideways.jpg');
  await sharp({ create: { width: 320, height: 240, channels: 3, background: '#3366cc' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toFile(sideways);
  await writeFile(notes(), 'just words, not a picture\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeEmbedderContract('OnnxClipEmbedder (tiny test model)', async () => {
  const embedder = await OnnxClipEmbedder.load({ modelDir: TINY_TEST_MODEL_DIR, batchSize: 2 });
  return {
    embedder,
    pictures: [
      { type: 'file', path: red },
      { type: 'encoded', bytes: green },
    ],
    broken: { type: 'encoded', bytes: new TextEncoder().encode('just words, not a picture') },
    close: () => embedder.close(),
  };
});

describeImageCodecContract('SharpImageCodec (JPEG with EXIF orientation)', async () => ({
  codec: new SharpImageCodec(),
  picture: { path: sideways, bytes: await readFile(sideways), width: 240, height: 320, format: 'jpeg' },
  notPicture: { path: notes(), bytes: await readFile(notes()) },
  close: async () => {},
}));

describeImageCodecContract('SharpImageCodec (HEIC, as iPhones write it)', async () => {
  const path = join(fixtures, 'blue-portrait.heic');
  return {
    codec: new SharpImageCodec(),
    picture: { path, bytes: await readFile(path), width: 480, height: 640, format: 'heic' },
    notPicture: { path: notes(), bytes: await readFile(notes()) },
    close: async () => {},
  };
});
