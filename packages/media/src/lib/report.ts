import type { Diagnostic, Statement } from '@optout/core';
import type { AssertionIntegrity, HashScope } from './c2pa/store.js';
import type { TrainingMiningAssertion } from './c2pa/training.js';
import type { MediaFormat } from './containers/types.js';
import type { MediaLimits } from './limits.js';
import type { XmpSummary } from './xmp/interpret.js';

/** Options of `readMedia` / `inspectMedia`. */
export interface ReadMediaOptions {
  /** File name or URL of the work, recorded as the statements' evidence `url`. */
  fileName?: string;
  /**
   * Which assertions to re-hash against the claim: `training-mining` (default:
   * those statements come from, or a manifest's smallest assertion when it has
   * none), `all`, or `none`.
   */
  checkHashes?: HashScope;
  /** Override some of the hard caps. */
  limits?: Partial<MediaLimits>;
}

/** What the manifest store held, as far as the training-mining signal goes. */
export interface ManifestSummary {
  /** `embedded` in the container, or the file is a `sidecar` store. */
  from: 'embedded' | 'sidecar';
  activeLabel: string;
  /** `c2ma` (standard) or `c2um` (update manifest) */
  activeKind: string;
  claimVersion?: 1 | 2;
  manifestCount: number;
  /** Every assertion of the active manifest with its hash check. */
  assertions: Array<{ label: string; integrity: AssertionIntegrity }>;
  trainingMining: TrainingMiningAssertion[];
  /**
   * Training-mining assertions of the other manifests in the store (ingredients,
   * earlier versions). They describe ancestors, so they give no statements.
   */
  otherManifests?: Array<{ label: string; trainingMining: TrainingMiningAssertion[] }>;
}

/** A manifest the file points to but does not embed; the caller may fetch it. */
export interface ManifestReference {
  url: string;
  /** `xmp`: the work's XMP `dcterms:provenance`. */
  via: 'xmp';
}

/** Overall integrity: worst of the re-hashed assertions of the active manifest. */
export type Integrity = 'hash-ok' | 'hash-mismatch' | 'not-checked';

/** Result of signature validation (`inspectMedia` with `validate: true`). */
export type Validation = 'valid' | 'invalid' | 'untrusted' | 'not-checked';

/** Everything `readMedia` found in one work. */
export interface MediaReport {
  format: MediaFormat | 'unknown';
  manifest?: ManifestSummary;
  /** Core statements: `c2pa` (active manifest), `iptc`, `tdmrep.xmp`. */
  statements: Statement[];
  integrity: Integrity;
  validation: Validation;
  /** Validator status codes (failures), when validated. */
  validationCodes?: string[];
  remote?: ManifestReference[];
  xmp?: XmpSummary;
  diagnostics: Diagnostic[];
}
