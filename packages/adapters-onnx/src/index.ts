export { readModelFiles, MODEL_FILES, type ModelFiles, type PreprocessConfig } from './model-files.js';
export { preprocessImage, toTensor, DEFAULT_MAX_PIXELS, type Preprocessed } from './preprocess.js';
export { ClipTokenizer } from './clip-tokenizer.js';
export { OnnxClipEmbedder, type OnnxClipOptions } from './onnx-clip-embedder.js';
export { SharpImageCodec, type SharpImageCodecOptions } from './sharp-image-codec.js';
export { TINY_TEST_MODEL_DIR } from './test-model.js';
export { findJpegPreviews, withMpfPreviews, type JpegPreview } from './jpeg-preview.js';
export { openImage, type OpenedImage } from './decode-image.js';
export {
  ModelManager,
  defaultModelDir,
  downloadProgressPrinter,
  DEFAULT_MODEL,
  DEFAULT_HUB_URL,
  DEFAULT_ORGANIZATION,
  type DownloadProgress,
  type ModelManagerOptions,
} from './model-manager.js';
export {
  PaddleTextReader,
  bundledOcrModels,
  type OcrModelFiles,
  type PaddleTextReaderOptions,
} from './paddle-text-reader.js';
