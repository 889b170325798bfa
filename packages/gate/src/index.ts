export { DisallowedError } from './lib/errors.js';
export {
  type DecisionEntry,
  type EvidenceEntry,
  EvidenceLog,
  type RetrievalEntry,
  readEvidenceLog,
} from './lib/evidence-log.js';
export type { GateFetchInit, GateFetchResult } from './lib/fetch.js';
export { createGate, Gate } from './lib/gate.js';
export type { FailureKind, OriginFile, Retrieval, RetrievalFailure } from './lib/http.js';
export { optoutInterceptor } from './lib/interceptor.js';
export type { AgentIdentity, EvidenceLogOptions, GateOptions, ResolvedOptions } from './lib/options.js';
export { type FileOutcome, outcomeOf } from './lib/outcome.js';
export { type OriginFileReading, type OriginPolicy, originStatements } from './lib/policy.js';
export { type BodyKind, bodyKind, type InspectedResponse } from './lib/response.js';
export { createMemoryStore, type MemoryStoreOptions } from './lib/stores/memory.js';
export { deserializeRecord, serializeRecord } from './lib/stores/record.js';
export {
  type MaybePromise,
  POLICY_RECORD_VERSION,
  type PolicyRecord,
  type PolicyStore,
} from './lib/stores/types.js';
