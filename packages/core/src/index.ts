export {
  controlTokensFor,
  findAgent,
  isTrainingToken,
  type KnownAgent,
  knownAgents,
  type PurposeClass,
} from './lib/agents.js';
export { CATEGORIES, type Category, isCategory, lineage, PURPOSES } from './lib/categories.js';
export {
  DECISION_FORMAT_VERSION,
  type DecidedStatement,
  type DecideInput,
  type Decision,
  type DecisionError,
  decide,
  type Status,
} from './lib/decision.js';
export type { Diagnostic, Severity } from './lib/diagnostics.js';
export { assertArg, OptoutError, type OptoutErrorCode } from './lib/errors.js';
export { type HeaderInput, headerValues, parseHeaderBlock } from './lib/headers.js';
export { copyWith } from './lib/object.js';
export {
  cleanTargetMask,
  NEEDS_NORMALIZING,
  normalizePattern,
  normalizeTarget,
  pathAndQuery,
} from './lib/path.js';
export { charMask, compilePattern, matchesPattern, type PathPattern, PatternSet } from './lib/pattern.js';
export {
  bindsAgent,
  type Evidence,
  type Scope,
  SOURCES,
  type Source,
  type Statement,
} from './lib/statement.js';
export { concatBytes, type DecodedText, decodeText } from './lib/text.js';
