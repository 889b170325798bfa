import { assertArg, type Category, type Diagnostic, type Statement } from '@optout/core';
import {
  type AssertionIntegrity,
  type HashScope,
  type Manifest,
  readStore,
  type Store,
} from './c2pa/store.js';
import {
  readTrainingMining,
  TRAINING_MINING_LABEL,
  type TrainingMiningAssertion,
  trainingMiningStatements,
} from './c2pa/training.js';
import { sniff } from './containers/registry.js';
import { scanXmp } from './containers/scan.js';
import type { ContainerHandler, MediaFormat, ReadContext, XmpPacket } from './containers/types.js';
import { DiagnosticList } from './diagnostics.js';
import { DEFAULT_LIMITS, type MediaLimits } from './limits.js';
import { type ValidateOptions, validateWithC2paRs } from './validate.js';
import { interpretXmp, type XmpSummary } from './xmp/interpret.js';

/** Options of `readMedia` / `inspectMedia`. */
export interface ReadMediaOptions {
  /** File name or URL of the work, recorded as the statements' evidence `url`. */
  fileName?: string;
  /** Which assertions to re-hash against the claim (default `all`). */
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

function limitsOf(options: ReadMediaOptions): MediaLimits {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  for (const [key, value] of Object.entries(limits)) {
    assertArg(Number.isSafeInteger(value) && value > 0, `limits.${key} must be a positive integer`);
  }
  return limits;
}

function hashScope(scope: HashScope): (label: string) => boolean {
  if (scope === 'none') return () => false;
  if (scope === 'training-mining') return (label) => TRAINING_MINING_LABEL.test(label);
  return () => true;
}

function trainingMiningOf(manifest: Manifest, b: Uint8Array, ctx: ReadContext): TrainingMiningAssertion[] {
  const out: TrainingMiningAssertion[] = [];
  for (const assertion of manifest.assertions) {
    if (!TRAINING_MINING_LABEL.test(assertion.label)) continue;
    const read = readTrainingMining(b, assertion, ctx.diagnostics);
    if (read) out.push(read);
  }
  return out;
}

function summarise(store: Store, from: ManifestSummary['from'], b: Uint8Array, ctx: ReadContext) {
  const active = store.active!;
  const summary: ManifestSummary = {
    from,
    activeLabel: active.label,
    activeKind: active.kind,
    manifestCount: store.manifests.length,
    assertions: active.assertions.map((a) => ({ label: a.label, integrity: a.integrity })),
    trainingMining: trainingMiningOf(active, b, ctx),
  };
  if (active.claimVersion) summary.claimVersion = active.claimVersion;
  const others = store.manifests
    .filter((m) => m !== active)
    .map((m) => ({ label: m.label, trainingMining: trainingMiningOf(m, b, ctx) }))
    .filter((m) => m.trainingMining.length > 0);
  if (others.length) summary.otherManifests = others;
  if (active.kind === 'c2um' && summary.trainingMining.length === 0) {
    ctx.diagnostics.add(
      'c2pa.update-manifest',
      'info',
      'the active manifest is an update manifest without a training-mining assertion',
    );
  }
  return summary;
}

/** Sources (or two assertions) that disagree on a category are reported; decide() lets the most restrictive win. */
function reportConflicts(statements: readonly Statement[], ctx: ReadContext): void {
  const first = new Map<Category, Statement>();
  const reported = new Set<Category>();
  for (const s of statements) {
    const other = first.get(s.category);
    if (!other) first.set(s.category, s);
    else if (other.value !== s.value && !reported.has(s.category)) {
      reported.add(s.category);
      ctx.diagnostics.add(
        'media.conflict',
        'info',
        `${s.category}: ${other.source} (${other.label}) says ${other.value}, ${s.source} (${s.label}) says ${s.value}; the most restrictive wins`,
      );
    }
  }
}

function integrityOf(summary: ManifestSummary | undefined): Integrity {
  const checked = summary?.assertions.filter(
    (a) => a.integrity === 'hash-ok' || a.integrity === 'hash-mismatch',
  );
  if (!checked?.length) return 'not-checked';
  return checked.some((a) => a.integrity === 'hash-mismatch') ? 'hash-mismatch' : 'hash-ok';
}

function readXmpPackets(handler: ContainerHandler | undefined, b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  const packets = handler?.readXmp?.(b, ctx) ?? [];
  return packets.length ? packets : scanXmp(b, ctx);
}

/**
 * Read the work-level signals of one file, synchronously and without any
 * network or signature checks: the C2PA training-mining assertion of the
 * active manifest (with each assertion re-hashed against its claim), IPTC
 * Data Mining and TDMRep from XMP, and references to remote manifests.
 * Never throws on bad input; problems are diagnostics.
 */
export function readMedia(bytes: Uint8Array, options: ReadMediaOptions = {}): MediaReport {
  assertArg(bytes instanceof Uint8Array, 'bytes must be a Uint8Array');
  const limits = limitsOf(options);
  const ctx: ReadContext = { limits, diagnostics: new DiagnosticList(limits.maxDiagnostics) };
  const url = options.fileName;
  const found = sniff(bytes);
  if (!found)
    ctx.diagnostics.add('media.unknown-format', 'info', 'container format not recognised; XMP scan only');
  const report: MediaReport = {
    format: found?.format ?? 'unknown',
    statements: [],
    integrity: 'not-checked',
    validation: 'not-checked',
    diagnostics: [],
  };

  const storeBytes = found?.handler.readManifest?.(bytes, ctx);
  const store = storeBytes ? readStore(storeBytes, ctx, hashScope(options.checkHashes ?? 'all')) : undefined;
  if (store?.active) {
    const manifest = summarise(store, found!.format === 'c2pa' ? 'sidecar' : 'embedded', storeBytes!, ctx);
    report.manifest = manifest;
    report.integrity = integrityOf(manifest);
    if (report.integrity === 'hash-mismatch') {
      ctx.diagnostics.add(
        'c2pa.hash-mismatch',
        'error',
        'an assertion no longer matches the hash in its claim',
      );
    }
    for (const tm of manifest.trainingMining)
      report.statements.push(...trainingMiningStatements(tm, ctx.diagnostics, url));
  }

  if (found?.format !== 'c2pa') {
    const packets = readXmpPackets(found?.handler, bytes, ctx);
    if (packets.length) {
      const xmp = interpretXmp(packets, ctx.diagnostics, url);
      report.xmp = xmp.summary;
      report.statements.push(...xmp.statements);
    }
  }

  reportConflicts(report.statements, ctx);
  // An embedded store wins (C2PA §15.5.3); without one, XMP may name a remote manifest.
  // `self#jumbf=` points into the file itself, so it names no remote manifest.
  const provenance = report.xmp?.provenance;
  if (!storeBytes && provenance && !provenance.startsWith('self#'))
    report.remote = [{ url: provenance, via: 'xmp' }];
  report.diagnostics = ctx.diagnostics.finish();
  return report;
}

/** Options of `inspectMedia`: those of `readMedia`, plus signature validation. */
export interface InspectMediaOptions extends ReadMediaOptions, ValidateOptions {
  /** Validate signatures, certificates and bindings with c2pa-rs (`@contentauth/c2pa-wasm`). Default false. */
  validate?: boolean;
}

/**
 * `readMedia`, and with `validate: true` full C2PA validation through the
 * optional `@contentauth/c2pa-wasm` (lazily loaded, remote fetching off):
 * `validation` becomes `valid`, `untrusted` (sound, signer not trusted) or
 * `invalid`, with the validator's failure codes. Never rejects on bad input.
 */
export async function inspectMedia(
  bytes: Uint8Array,
  options: InspectMediaOptions = {},
): Promise<MediaReport> {
  const report = readMedia(bytes, options);
  if (!options.validate || !report.manifest || report.format === 'unknown') return report;
  const result = await validateWithC2paRs(bytes, report.format, options);
  report.validation = result.validation;
  report.validationCodes = result.codes;
  if (result.error) {
    report.diagnostics.push({ code: 'c2pa.validation-error', severity: 'warning', message: result.error });
  }
  return report;
}
