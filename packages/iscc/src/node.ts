export {
  decodeImage,
  detectMediaType,
  type IsccForFileOptions,
  type IsccForFileResult,
  isccForFile,
} from './lib/file.js';
