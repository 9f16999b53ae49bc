// The HEIC decoder's thread: libheif (WebAssembly, through heic-decode) decodes one picture at a time, off the
// main thread, where a 12-megapixel picture would otherwise block everything for about a second and a half.
import { parentPort } from 'node:worker_threads';
import decode from 'heic-decode';

interface Request {
  readonly id: number;
  readonly bytes: Uint8Array;
}

parentPort!.on('message', (m: Request) => {
  decode({ buffer: m.bytes }).then(
    (image) => {
      const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength);
      parentPort!.postMessage({ id: m.id, width: image.width, height: image.height, data }, [
        data.buffer as ArrayBuffer,
      ]);
    },
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
