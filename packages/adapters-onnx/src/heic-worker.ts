// The HEIC decoder's thread: libheif (WebAssembly, through heic-decode) decodes one picture at a time, off the
// main thread, where a 12-megapixel picture would otherwise block everything for about a second and a half.
// Where the caller can make do with a smaller picture (the model's 224 x 224 input, a thumbnail for the web app)
// and the file carries a thumbnail at least that large (an iPhone's is 320 x 240), only the thumbnail is decoded:
// heic-decode's own API decodes top-level images only, so the thumbnail is reached
// through libheif's C functions, which the same WebAssembly module exports. A 12-megapixel picture's 320 x 240
// thumbnail is 1/160 of its pixels.
import { parentPort } from 'node:worker_threads';
import decode from 'heic-decode';
import libheif from 'libheif-js/wasm-bundle.js';

interface Request {
  readonly id: number;
  readonly bytes: Uint8Array;
  /** Decode the file's thumbnail instead when its shorter side is at least this (0: always the full picture). */
  readonly previewAtLeast?: number;
}

interface Decoded {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** The full picture's size, when `data` is its thumbnail. */
  readonly full?: { readonly width: number; readonly height: number };
}

parentPort!.on('message', (m: Request) => {
  void answer(m).then(
    (image) => parentPort!.postMessage({ id: m.id, ...image }, [image.data.buffer as ArrayBuffer]),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});

let warned = false;

async function answer(m: Request): Promise<Decoded> {
  if (m.previewAtLeast) {
    let thumb: Decoded | null = null;
    try {
      thumb = await thumbnail(m.bytes, m.previewAtLeast); // null: no usable thumbnail, decoded in full
    } catch (e) {
      // A trap leaves libheif's memory in an unknown state: this thread ends, and the next picture starts a new one.
      if (e instanceof Error && e.constructor.name === 'RuntimeError') {
        parentPort!.postMessage({ id: m.id, error: `libheif stopped on this picture's thumbnail (${e.message})` });
        process.exit(1);
      }
      if (!warned)
        console.warn(
          `Glimpse: HEIC thumbnails cannot be read with this libheif-js (${e instanceof Error ? e.message : String(e)}); HEIC pictures are decoded in full.`,
        );
      warned = true;
    }
    if (thumb) return thumb;
  }
  const image = await decode({ buffer: m.bytes });
  return {
    width: image.width,
    height: image.height,
    data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
  };
}

const RGB = 1;
const INTERLEAVED_RGBA = 11;
const CHANNEL_INTERLEAVED = 10;

/**
 * The primary image's smallest thumbnail whose shorter side is at least `atLeast` and whose shape is the picture's
 * (a thumbnail stored unrotated, or cropped differently, is not used), decoded to RGBA; null when there is none.
 */
async function thumbnail(bytes: Uint8Array, atLeast: number): Promise<Decoded | null> {
  await libheif.ready; // undefined in libheif-js 1.23 (it loads synchronously); kept for a later async one
  const M = libheif;
  const err = M._malloc(16);
  const out = M._malloc(8);
  let mem = M._malloc(bytes.length);
  const ctx = M._heif_context_alloc();
  const handles: number[] = [];
  let image = 0;
  const ok = () => M.HEAP32[err >> 2] === 0;
  try {
    if (!err || !out || !mem || !ctx) return null; // out of WebAssembly memory
    M.HEAPU8.set(bytes, mem);
    M._heif_context_read_from_memory(err, ctx, mem, bytes.length, 0);
    M._free(mem); // libheif keeps its own copy
    mem = 0;
    if (!ok()) return null;
    M._heif_context_get_primary_image_handle(err, ctx, out);
    if (!ok()) return null;
    const primary = M.HEAPU32[out >> 2]!;
    handles.push(primary);
    const width = M._heif_image_handle_get_width(primary);
    const height = M._heif_image_handle_get_height(primary);
    const n = Math.min(M._heif_image_handle_get_number_of_thumbnails(primary), 16);
    if (n <= 0 || width <= 0 || height <= 0) return null;
    const ids = M._malloc(4 * n);
    M._heif_image_handle_get_list_of_thumbnail_IDs(primary, ids, n);
    const idList = Array.from({ length: n }, (_, i) => M.HEAPU32[(ids >> 2) + i]!);
    M._free(ids);
    let best: { handle: number; w: number; h: number } | null = null;
    for (const id of idList) {
      M._heif_image_handle_get_thumbnail(err, primary, id, out);
      if (!ok()) continue;
      const handle = M.HEAPU32[out >> 2]!;
      handles.push(handle);
      const w = M._heif_image_handle_get_width(handle);
      const h = M._heif_image_handle_get_height(handle);
      const sameShape = Math.abs(w / h - width / height) <= 0.02 * (width / height);
      // The smallest that is large enough: cheapest to decode.
      if (Math.min(w, h) >= atLeast && sameShape && (!best || w * h < best.w * best.h)) best = { handle, w, h };
    }
    if (!best || best.w >= width) return null; // no thumbnail large enough, or none smaller than the picture
    M._heif_decode_image(err, best.handle, out, RGB, INTERLEAVED_RGBA, 0);
    if (!ok()) return null;
    image = M.HEAPU32[out >> 2]!;
    const w = M._heif_image_get_primary_width(image);
    const h = M._heif_image_get_primary_height(image);
    const plane = M._heif_image_get_plane_readonly(image, CHANNEL_INTERLEAVED, out);
    const stride = M.HEAP32[out >> 2]!;
    if (!plane || w <= 0 || h <= 0 || stride < w * 4) return null;
    const data = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++) data.set(M.HEAPU8.subarray(plane + y * stride, plane + y * stride + w * 4), y * w * 4);
    return { width: w, height: h, data, full: { width, height } };
  } finally {
    if (image) M._heif_image_release(image);
    for (const h of handles.reverse()) M._heif_image_handle_release(h);
    if (ctx) M._heif_context_free(ctx);
    if (mem) M._free(mem);
    if (out) M._free(out);
    if (err) M._free(err);
  }
}
