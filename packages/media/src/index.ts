export type { AssertionIntegrity, HashScope } from './lib/c2pa/store.js';
export type { TrainingMiningAssertion, TrainingMiningEntry } from './lib/c2pa/training.js';
export { HANDLERS, sniff } from './lib/containers/registry.js';
export type { ContainerHandler, MediaFormat, ReadContext, XmpPacket } from './lib/containers/types.js';
export { type InspectMediaOptions, inspectMedia } from './lib/inspect.js';
export { DEFAULT_LIMITS, type MediaLimits } from './lib/limits.js';
export { readMedia } from './lib/read.js';
export type {
  Integrity,
  ManifestReference,
  ManifestSummary,
  MediaReport,
  ReadMediaOptions,
  Validation,
} from './lib/report.js';
export { type ReadMediaStreamOptions, readMediaStream } from './lib/stream.js';
export {
  MEDIA_TYPES,
  type ValidateOptions,
  type ValidationResult,
  validateWithC2paRs,
} from './lib/validate.js';
export { DATA_MINING_CODES, type XmpSummary } from './lib/xmp/interpret.js';
