// A small library for end-to-end tests: three single-colour pictures and a red/green/blue video (3 s each).
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveFfmpeg } from '@glimpse/adapters-ffmpeg';
import sharp from 'sharp';

export interface MediaLibrary {
  readonly root: string;
  readonly red: string;
  readonly green: string;
  readonly blue: string;
  readonly video: string;
}

export async function makeMediaLibrary(root: string): Promise<MediaLibrary> {
  await mkdir(join(root, 'trip'), { recursive: true });
  await mkdir(join(root, 'clips'), { recursive: true });
  const lib = {
    root,
    red: join(root, 'trip', 'red.jpg'),
    green: join(root, 'trip', 'green.jpg'),
    blue: join(root, 'blue.png'),
    video: join(root, 'clips', 'rgb.mp4'),
  };
  for (const [path, colour] of [
    [lib.red, '#ff0000'],
    [lib.green, '#00ff00'],
    [lib.blue, '#0000ff'],
  ] as const) {
    const image = sharp({ create: { width: 320, height: 240, channels: 3, background: colour } });
    // The red picture says which camera took it, when and where (at the Eiffel Tower), as a camera's would.
    const exif = {
      IFD0: { Make: 'Canon', Model: 'Canon EOS R6' },
      IFD2: { DateTimeOriginal: '2023:07:14 18:30:05', OffsetTimeOriginal: '+02:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 302/10',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 402/10',
      },
    };
    await (path === lib.red ? image.jpeg().withExif(exif) : image).toFile(path);
  }
  const { ffmpeg } = resolveFfmpeg();
  execFileSync(
    ffmpeg,
    [
      ...['-v', 'error', '-y'],
      ...['red', 'green', 'blue'].flatMap((c) => ['-f', 'lavfi', '-i', `color=c=${c}:s=64x36:r=10:d=3`]),
      ...['-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]', '-map', '[v]'],
      ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '10', lib.video],
    ],
    { stdio: 'pipe' },
  );
  return lib;
}
