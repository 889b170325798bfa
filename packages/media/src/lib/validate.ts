import type { MediaFormat } from './containers/types.js';
import type { Validation } from './report.js';

// Full validation (COSE signature, certificate chain, hard bindings) is
// delegated to c2pa-rs through @contentauth/c2pa-wasm, an optional dependency
// loaded on first use. All network access is off (remote manifests, OCSP,
// and the DID documents c2pa-rs fetches for CAWG identity assertions, which
// `remote_manifest_fetch` alone does not stop): fetching is the gate's job.

type C2paWasm = typeof import('@contentauth/c2pa-wasm');

/** Media types c2pa-rs expects for each format we sniff. */
export const MEDIA_TYPES: Readonly<Record<MediaFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  wav: 'audio/wav',
  avi: 'video/avi',
  heif: 'image/heic',
  avif: 'image/avif',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  svg: 'image/svg+xml',
  tiff: 'image/tiff',
  gif: 'image/gif',
  pdf: 'application/pdf',
  c2pa: 'application/c2pa',
};

/** Options of the validating backend. */
export interface ValidateOptions {
  /** PEM trust anchors; without them every signer is reported `untrusted`. */
  trustAnchors?: string;
  /** The c2pa-wasm module bytes, for runtimes without a file system. */
  wasm?: Uint8Array;
}

/** What the validator said. */
export interface ValidationResult {
  validation: Validation;
  codes: string[];
  /** Set when the validator could not run or rejected the file outright. */
  error?: string;
}

let loading: Promise<C2paWasm> | undefined;

/** In Node the wasm is read from the package; elsewhere pass `wasm`. Only this path touches `node:`. */
async function wasmBytes(): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  const { createRequire } = await import('node:module');
  return readFile(createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm'));
}

function load(wasm: ValidateOptions['wasm']): Promise<C2paWasm> {
  loading ??= (async () => {
    const module = await import('@contentauth/c2pa-wasm');
    module.initSync({ module: wasm ?? (await wasmBytes()) });
    return module;
  })();
  // A failed load (package not installed) may be retried with other options.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

interface StoreJson {
  validation_state?: string;
  validation_results?: { activeManifest?: { failure?: Array<{ code?: string }> } };
}

function stateOf(json: StoreJson): ValidationResult {
  const codes = (json.validation_results?.activeManifest?.failure ?? [])
    .map((f) => f.code)
    .filter((c): c is string => typeof c === 'string');
  switch (json.validation_state) {
    case 'Trusted':
      return { validation: 'valid', codes };
    case 'Valid':
      // Cryptographically sound, but the signer is not on a trust list we were given.
      return { validation: codes.includes('signingCredential.untrusted') ? 'untrusted' : 'valid', codes };
    case 'Invalid':
      return { validation: 'invalid', codes };
    default:
      return { validation: 'not-checked', codes, error: `unknown validation state ${json.validation_state}` };
  }
}

/** Validate the file with c2pa-rs (via @contentauth/c2pa-wasm). Never throws. */
export async function validateWithC2paRs(
  bytes: Uint8Array,
  format: MediaFormat,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  let c2pa: C2paWasm;
  try {
    c2pa = await load(options.wasm);
  } catch (error) {
    return { validation: 'not-checked', codes: [], error: `validator unavailable: ${String(error)}` };
  }
  const context = {
    core: { allowed_network_hosts: [] },
    verify: { remote_manifest_fetch: false, ocsp_fetch: false, verify_trust: true },
    ...(options.trustAnchors ? { trust: { trust_anchors: options.trustAnchors } } : {}),
  };
  let reader: Awaited<ReturnType<C2paWasm['WasmReader']['fromBytes']>> | undefined;
  try {
    reader = await c2pa.WasmReader.fromBytes(MEDIA_TYPES[format], bytes, JSON.stringify(context));
    return stateOf(JSON.parse(reader.json()) as StoreJson);
  } catch (error) {
    return { validation: 'not-checked', codes: [], error: String(error) };
  } finally {
    reader?.free();
  }
}
