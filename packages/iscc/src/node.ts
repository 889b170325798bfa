export {
  decodeImage,
  detectMediaType,
  type IsccForFileOptions,
  type IsccForFileResult,
  isccForFile,
} from './lib/file.js';
export { loadRegistryFile } from './lib/registry-file.js';
