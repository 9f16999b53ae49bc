// heic-decode ships no types: the one function the HEIC worker calls.
declare module 'heic-decode' {
  export default function decode(input: {
    buffer: ArrayBufferLike | Uint8Array;
  }): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}

// The same libheif build, for the C functions the worker calls to reach a HEIC's thumbnail (pointers are numbers
// into the module's memory; a function that returns heif_error by value takes where to write it first).
declare module 'libheif-js/wasm-bundle.js' {
  const libheif: {
    readonly ready?: Promise<void>;
    readonly HEAPU8: Uint8Array;
    readonly HEAP32: Int32Array;
    readonly HEAPU32: Uint32Array;
    _malloc(size: number): number;
    _free(ptr: number): void;
    _heif_context_alloc(): number;
    _heif_context_free(ctx: number): void;
    _heif_context_read_from_memory(err: number, ctx: number, mem: number, size: number, options: number): void;
    _heif_context_get_primary_image_handle(err: number, ctx: number, out: number): void;
    _heif_image_handle_get_width(handle: number): number;
    _heif_image_handle_get_height(handle: number): number;
    _heif_image_handle_get_number_of_thumbnails(handle: number): number;
    _heif_image_handle_get_list_of_thumbnail_IDs(handle: number, ids: number, count: number): number;
    _heif_image_handle_get_thumbnail(err: number, handle: number, id: number, out: number): void;
    _heif_image_handle_release(handle: number): void;
    _heif_decode_image(
      err: number,
      handle: number,
      out: number,
      colorspace: number,
      chroma: number,
      options: number,
    ): void;
    _heif_image_get_primary_width(image: number): number;
    _heif_image_get_primary_height(image: number): number;
    _heif_image_get_plane_readonly(image: number, channel: number, stride: number): number;
    _heif_image_release(image: number): void;
  };
  export default libheif;
}
