// Pictures that are all different (size and colour vary with the index), for libraries of many distinct contents.
import { join } from 'node:path';
import sharp from 'sharp';

/** Writes `count` distinct small PNGs into `dir` as p00000.png, p00001.png, ...; their paths, in order. */
export async function writeDistinctPictures(dir: string, count: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `p${String(i).padStart(5, '0')}.png`);
    await sharp({
      create: {
        width: 48 + (i % 40),
        height: 32 + (Math.floor(i / 40) % 40),
        channels: 3,
        background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 },
      },
    })
      .png()
      .toFile(path);
    paths.push(path);
  }
  return paths;
}
