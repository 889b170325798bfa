import { assertArg, type Category, type Statement } from '@optout/core';
import { type HashScope, isHashScope, type Manifest, readStore, type Store } from './c2pa/store.js';
import {
  readTrainingMining,
  TRAINING_MINING_LABEL,
  type TrainingMiningAssertion,
  trainingMiningStatements,
} from './c2pa/training.js';
import { sniff } from './containers/registry.js';
import { scanXmp } from './containers/scan.js';
import type { ReadContext } from './containers/types.js';
import { DiagnosticList } from './diagnostics.js';
import { DEFAULT_LIMITS, type MediaLimits } from './limits.js';
import type { Integrity, ManifestSummary, MediaReport, ReadMediaOptions } from './report.js';
import { interpretXmp } from './xmp/interpret.js';

function limitsOf(options: ReadMediaOptions): MediaLimits {
  if (!options.limits) return DEFAULT_LIMITS;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  for (const [key, value] of Object.entries(limits)) {
    assertArg(Number.isSafeInteger(value) && value > 0, `limits.${key} must be a positive integer`);
  }
  return limits;
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

/** Worst of the re-hashed assertions in scope: the training-mining ones, or all with `checkHashes: 'all'`. */
function integrityOf(summary: ManifestSummary, scope: HashScope): Integrity {
  const checked = summary.assertions.filter(
    (a) =>
      (a.integrity === 'hash-ok' || a.integrity === 'hash-mismatch') &&
      (scope === 'all' || TRAINING_MINING_LABEL.test(a.label)),
  );
  if (!checked.length) return 'not-checked';
  return checked.some((a) => a.integrity === 'hash-mismatch') ? 'hash-mismatch' : 'hash-ok';
}

/** The C2PA part: the store in the container, its active manifest, statements from it. */
function readC2pa(
  found: ReturnType<typeof sniff>,
  bytes: Uint8Array,
  ctx: ReadContext,
  options: ReadMediaOptions,
  report: MediaReport,
): boolean {
  const storeBytes = found?.handler.readManifest?.(bytes, ctx);
  if (!storeBytes) return false;
  const scope = options.checkHashes ?? 'training-mining';
  const store = readStore(storeBytes, ctx, scope);
  if (!store?.active) return true;
  const manifest = summarise(store, found!.format === 'c2pa' ? 'sidecar' : 'embedded', storeBytes, ctx);
  report.manifest = manifest;
  report.integrity = integrityOf(manifest, scope);
  if (report.integrity === 'hash-mismatch') {
    ctx.diagnostics.add(
      'c2pa.hash-mismatch',
      'error',
      'an assertion no longer matches the hash in its claim',
    );
  }
  for (const tm of manifest.trainingMining) {
    report.statements.push(...trainingMiningStatements(tm, ctx.diagnostics, options.fileName));
  }
  return true;
}

/** The XMP part: packets at the container's locations (or, for containers without one, found by scan). */
function readXmp(
  found: ReturnType<typeof sniff>,
  bytes: Uint8Array,
  ctx: ReadContext,
  url: string | undefined,
  report: MediaReport,
): void {
  // Handlers that know their container's XMP location are trusted; the rest get a scan.
  const reader = found?.handler.readXmp;
  const packets = reader ? reader(bytes, ctx) : scanXmp(bytes, ctx);
  if (!packets.length) return;
  const xmp = interpretXmp(packets, ctx.diagnostics, url);
  report.xmp = xmp.summary;
  report.statements.push(...xmp.statements);
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
  assertArg(
    options.checkHashes === undefined || isHashScope(options.checkHashes),
    "checkHashes must be 'training-mining', 'all' or 'none'",
  );
  const ctx: ReadContext = { limits, diagnostics: new DiagnosticList(limits.maxDiagnostics) };
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
  const embedded = readC2pa(found, bytes, ctx, options, report);
  if (found?.format !== 'c2pa') readXmp(found, bytes, ctx, options.fileName, report);
  reportConflicts(report.statements, ctx);
  // An embedded store wins (C2PA §15.5.3); without one, XMP may name a remote manifest.
  // `self#jumbf=` points into the file itself, so it names no remote manifest.
  const provenance = report.xmp?.provenance;
  if (!embedded && provenance && !provenance.startsWith('self#'))
    report.remote = [{ url: provenance, via: 'xmp' }];
  report.diagnostics = ctx.diagnostics.finish();
  return report;
}
