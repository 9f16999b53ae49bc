export { readModelFiles, MODEL_FILES, type ModelFiles, type PreprocessConfig } from './model-files.js';
export { preprocessImage, toTensor, DEFAULT_MAX_PIXELS, type Preprocessed } from './preprocess.js';
