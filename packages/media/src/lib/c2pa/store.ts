import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { ReadContext } from '../containers/types.js';
import { asRecord, decodeContent } from './decode.js';
import { parseStore, type SuperBox } from './jumbf.js';
import { TRAINING_MINING_LABEL } from './training.js';

// Walks a parsed manifest store: which manifest is active, which assertions
// it has, and whether each assertion still hashes to what its claim says.

/** How an assertion compares with the hash its claim recorded. */
export type AssertionIntegrity = 'hash-ok' | 'hash-mismatch' | 'not-in-claim' | 'unchecked';

/** One assertion superbox of a manifest. */
export interface AssertionBox {
  label: string;
  superBox: SuperBox;
  integrity: AssertionIntegrity;
}

/** One manifest of the store. */
export interface Manifest {
  label: string;
  /** `c2ma` standard, `c2um` update, `c2cm` compressed manifest. */
  kind: string;
  claimVersion?: 1 | 2;
  assertions: AssertionBox[];
  /** Pre-1.0 (CAI prerelease) data: JSON claim, or assertions hashed the old way. */
  prerelease?: boolean;
}

/** The store, its manifests in order, the last one active. */
export interface Store {
  manifests: Manifest[];
  active?: Manifest;
}

const HASHES: Record<string, (data: Uint8Array) => Uint8Array> = { sha256, sha384, sha512 };
const MANIFEST_KINDS = new Set(['c2ma', 'c2um', 'c2cm']);

interface HashedUri {
  url: string;
  hash: Uint8Array;
  alg?: string;
}

function hashedUris(claim: Record<string, unknown>): HashedUri[] {
  const lists = [claim.assertions, claim.created_assertions, claim.gathered_assertions];
  const out: HashedUri[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const r = asRecord(item);
      if (r && typeof r.url === 'string' && r.hash instanceof Uint8Array) {
        out.push({ url: r.url, hash: r.hash, ...(typeof r.alg === 'string' ? { alg: r.alg } : {}) });
      }
    }
  }
  return out;
}

/** The assertion label a hashed URI points at: `self#jumbf=[/c2pa/<manifest>/]c2pa.assertions/<label>`. */
function assertionLabel(url: string): string | undefined {
  const marker = 'c2pa.assertions/';
  const at = url.indexOf(marker);
  return at === -1 ? undefined : url.slice(at + marker.length);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * The hash covers the assertion superbox minus its own header: the jumd box
 * plus content boxes. Pre-1.0 stores hashed the content payload alone; that
 * is told apart, as c2pa-rs does, so such a store can be rejected.
 */
function checkHash(
  b: Uint8Array,
  assertion: SuperBox,
  uri: HashedUri,
  claimAlg: string,
): AssertionIntegrity | 'legacy' {
  const hash = HASHES[(uri.alg ?? claimAlg).toLowerCase()];
  if (!hash) return 'unchecked';
  if (equal(hash(b.subarray(assertion.box.payload, assertion.box.end)), uri.hash)) return 'hash-ok';
  const content = assertion.content[0];
  return content && equal(hash(b.subarray(content.payload, content.end)), uri.hash)
    ? 'legacy'
    : 'hash-mismatch';
}

interface ClaimInfo {
  version: 1 | 2;
  alg: string;
  uris: Map<string, HashedUri>;
}

function readClaim(
  b: Uint8Array,
  manifest: SuperBox,
  ctx: ReadContext,
): ClaimInfo | 'prerelease' | undefined {
  const claimBox = manifest.children.find((c) => c.label === 'c2pa.claim.v2' || c.label === 'c2pa.claim');
  const content = claimBox?.content.find((c) => c.type === 'cbor');
  if (claimBox?.content[0]?.type === 'json') return 'prerelease';
  if (!claimBox || !content) {
    ctx.diagnostics.add('c2pa.claim-missing', 'error', `manifest ${manifest.label ?? '?'} has no claim`);
    return undefined;
  }
  const decoded = decodeContent(b, content);
  const claim = asRecord(decoded.value);
  if (!claim) {
    ctx.diagnostics.add(
      'c2pa.claim-malformed',
      'error',
      `claim does not decode: ${decoded.error ?? 'not a map'}`,
    );
    return undefined;
  }
  const uris = new Map<string, HashedUri>();
  for (const uri of hashedUris(claim)) {
    const label = assertionLabel(uri.url);
    if (label !== undefined) uris.set(label, uri);
  }
  return {
    version: claimBox.label === 'c2pa.claim.v2' ? 2 : 1,
    alg: typeof claim.alg === 'string' ? claim.alg : 'sha256',
    uris,
  };
}

/**
 * The checkHashes option: which assertions to re-hash against the claim.
 * `training-mining` (the default) re-hashes the assertions statements come
 * from; `all` every assertion (thumbnails too, the bulk of the cost); `none`
 * nothing.
 */
export type HashScope = 'all' | 'training-mining' | 'none';

/** Whether `scope` is a valid HashScope. */
export function isHashScope(scope: unknown): scope is HashScope {
  return scope === 'all' || scope === 'training-mining' || scope === 'none';
}

const sizeOf = (a: SuperBox) => a.box.end - a.box.start;

/**
 * The claimed assertions to re-hash. A manifest without a training-mining
 * assertion still has its smallest one re-hashed under `training-mining`:
 * that one hash tells a pre-1.0 store (hashed the old way) apart, as c2pa-rs
 * does, for little cost.
 */
function assertionsToHash(claimed: SuperBox[], scope: HashScope): SuperBox[] {
  if (scope !== 'training-mining') return scope === 'all' ? claimed : [];
  const tm = claimed.filter((a) => TRAINING_MINING_LABEL.test(a.label ?? ''));
  if (tm.length || !claimed.length) return tm;
  return [claimed.reduce((min, a) => (sizeOf(a) < sizeOf(min) ? a : min))];
}

function readManifest(b: Uint8Array, box: SuperBox, ctx: ReadContext, scope: HashScope): Manifest {
  const manifest: Manifest = { label: box.label ?? '', kind: box.kind, assertions: [] };
  const claim = readClaim(b, box, ctx);
  if (claim === 'prerelease') return { ...manifest, prerelease: true };
  if (claim) manifest.claimVersion = claim.version;
  const boxes = box.children.find((c) => c.kind === 'c2as')?.children ?? [];
  const claimed = claim ? boxes.filter((a) => claim.uris.has(a.label ?? '')) : [];
  const toHash = new Set(assertionsToHash(claimed, scope));
  for (const assertion of boxes) {
    const label = assertion.label ?? '';
    const uri = claim?.uris.get(label);
    let integrity: AssertionIntegrity | 'legacy' = 'unchecked';
    if (claim && !uri) integrity = 'not-in-claim';
    else if (uri && toHash.has(assertion)) integrity = checkHash(b, assertion, uri, claim!.alg);
    if (integrity === 'legacy') manifest.prerelease = true;
    else manifest.assertions.push({ label, superBox: assertion, integrity });
  }
  return manifest;
}

/**
 * Read a JUMBF manifest store. `scope` picks the assertions to re-hash
 * (hashing large thumbnails costs more than everything else together).
 */
export function readStore(b: Uint8Array, ctx: ReadContext, scope: HashScope): Store | undefined {
  const root = parseStore(b, ctx);
  if (!root) return undefined;
  const manifests: Manifest[] = [];
  for (const child of root.children) {
    if (!MANIFEST_KINDS.has(child.kind)) continue;
    if (child.kind === 'c2cm') {
      ctx.diagnostics.add(
        'c2pa.compressed-manifest',
        'warning',
        'compressed (Brotli) manifests are not read',
      );
      manifests.push({ label: child.label ?? '', kind: child.kind, assertions: [] });
      continue;
    }
    manifests.push(readManifest(b, child, ctx, scope));
  }
  const active = manifests[manifests.length - 1];
  if (!active) {
    ctx.diagnostics.add('c2pa.no-manifest', 'warning', 'the manifest store holds no manifest');
    return { manifests };
  }
  if (active.prerelease) {
    ctx.diagnostics.add(
      'c2pa.prerelease',
      'error',
      'pre-1.0 (prerelease) manifest store: not usable',
      active.label,
    );
    return { manifests };
  }
  return { manifests, active };
}
