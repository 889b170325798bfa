export {
  concat,
  type DecodedIscc,
  decodeBase32,
  decodeHeader,
  decodeUnits,
  encodeBase32,
  encodeComponent,
  encodeHeader,
  encodeLength,
  encodeUnits,
  hammingDistance,
  type IsccHeader,
  isccClean,
  isccDecode,
  isccDecompose,
  isccNormalize,
  MainType,
  parseIscc,
  SubType,
  splitUnits,
  typeName,
  type UnitParts,
  unitBits,
} from './lib/codec.js';
export {
  type CodeResult,
  dct,
  genAudioCodeV0,
  genImageCodeV0,
  genMixedCodeV0,
  genTextCodeV0,
  genVideoCodeV0,
  type MixedCodeResult,
  type TextCodeResult,
} from './lib/content.js';
export { type ByteSource, type DataCodeResult, DataHasher, genDataCodeV0 } from './lib/data.js';
export {
  type Declaration,
  INTENTS,
  type Intent,
  type ParsedDeclarations,
  parseDeclarationLine,
  parseDeclarations,
  USAGE_KEYS,
  type UsageKey,
} from './lib/declarations.js';
export { HammingIndex, type HammingVisitor, popcount32 } from './lib/hamming-index.js';
export { Blake3, blake3, xxh32 } from './lib/hash.js';
export { htmlToText } from './lib/html.js';
export { imagePixels, type RawImage } from './lib/image.js';
export { genInstanceCodeV0, type InstanceCodeResult, InstanceHasher } from './lib/instance.js';
export { genIsccCodeV0, type IsccCodeResult } from './lib/iscc-code.js';
export { decodeDataUrl, genMetaCodeV0, type MetaCodeResult } from './lib/meta.js';
export { jpegOrientation, orientImage } from './lib/orientation.js';
export {
  DEFAULT_THRESHOLDS,
  type IsccMatch,
  IsccRegistry,
  loadRegistry,
  type MatchOptions,
  type RegistryOptions,
  type UnitKind,
  type UnitMatch,
} from './lib/registry.js';
export { MinHash, simhash } from './lib/similarity.js';
export { matchStatements, USAGE_CATEGORIES } from './lib/statements.js';
export { textClean, textCollapse, textRemoveNewlines, textTrim } from './lib/text.js';
