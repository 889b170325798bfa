// Meta-Code (iscc-core code_meta.py): similarity hash of name and description
// or of a metadata payload, plus the BLAKE3 multihash of what was hashed.
import { assertArg } from '@optout/core';
import canonicalize from 'canonicalize';
import { encodeComponent, MainType, SubType } from './codec.js';
import { CORE_OPTIONS } from './constants.js';
import { blake3, multihashBlake3 } from './hash.js';
import { simhash } from './similarity.js';
import {
  forEachNgram,
  pyStrip,
  textClean,
  textCollapse,
  textRemoveNewlines,
  textTrim,
  utf8,
} from './text.js';

/** Result of `genMetaCodeV0`, keyed like iscc-core. */
export interface MetaCodeResult {
  iscc: string;
  name: string;
  description?: string;
  /** The metadata as a data URL (echoed when given as one). */
  meta?: string;
  /** `1e20` + hex BLAKE3 of the hashed payload. */
  metahash: string;
}

/**
 * Meta-Code from a name, an optional description and optional metadata (a
 * JSON object, hashed in its RFC 8785 canonical form, or a data URL).
 * Throws `OPTOUT_ERR_INVALID_ARG` for an empty name or metadata over 128,000 bytes.
 */
export function genMetaCodeV0(
  name: string,
  description?: string | null,
  meta?: Record<string, unknown> | string | null,
  bits: number = CORE_OPTIONS.meta_bits,
): MetaCodeResult {
  const cleanName = textTrim(textRemoveNewlines(textClean(name ?? '')), CORE_OPTIONS.meta_trim_name);
  assertArg(cleanName !== '', 'Meta-Code requires a non-empty name (after normalisation)');
  const cleanDescription = textTrim(textClean(description ?? ''), CORE_OPTIONS.meta_trim_description);
  let digest: Uint8Array;
  let metahash: string;
  let metaValue: string | undefined;
  // Like the reference's `if meta:`, an empty string or empty object means no metadata.
  if (meta && (typeof meta === 'string' || Object.keys(meta).length > 0)) {
    const { payload, dataUrl } = metaPayload(meta);
    assertArg(
      payload.length <= CORE_OPTIONS.meta_trim_meta,
      `metadata exceeds ${CORE_OPTIONS.meta_trim_meta} bytes`,
    );
    digest = softHashMeta(cleanName, payload);
    metahash = multihashBlake3(blake3(payload));
    metaValue = dataUrl;
  } else {
    digest = softHashMeta(cleanName, cleanDescription);
    metahash = multihashBlake3(blake3(utf8(pyStrip(`${cleanName} ${cleanDescription}`))));
  }
  // Key order as in iscc-core, optional keys only when set.
  return {
    iscc: `ISCC:${encodeComponent(MainType.META, SubType.NONE, 0, bits, digest)}`,
    name: cleanName,
    ...(cleanDescription ? { description: cleanDescription } : {}),
    ...(metaValue ? { meta: metaValue } : {}),
    metahash,
  };
}

function metaPayload(meta: Record<string, unknown> | string): { payload: Uint8Array; dataUrl: string } {
  if (typeof meta === 'string') {
    const payload = decodeDataUrl(meta);
    assertArg(payload, 'meta must be a JSON object or a data: URL');
    return { payload, dataUrl: meta };
  }
  const json = canonicalize(meta);
  assertArg(typeof json === 'string', 'meta is not serialisable as JSON');
  const payload = utf8(json);
  const mediaType = '@context' in meta ? 'application/ld+json' : 'application/json';
  return { payload, dataUrl: `data:${mediaType};base64,${Buffer.from(payload).toString('base64')}` };
}

/** The bytes of a `data:` URL (base64 or percent-encoded), or `undefined`. */
export function decodeDataUrl(url: string): Uint8Array | undefined {
  const match = /^data:([^,]*),(.*)$/s.exec(url.trim());
  if (!match) return undefined;
  const [, params = '', data = ''] = match;
  if (/;base64$/i.test(params)) return new Uint8Array(Buffer.from(data, 'base64'));
  try {
    return utf8(decodeURIComponent(data));
  } catch {
    return undefined;
  }
}

function ngramSimhash(text: string): Uint8Array {
  const digests: Uint8Array[] = [];
  forEachNgram(textCollapse(text), CORE_OPTIONS.meta_ngram_size_text, (gram) => digests.push(blake3(gram)));
  return simhash(digests);
}

function byteSimhash(bytes: Uint8Array): Uint8Array {
  const width = CORE_OPTIONS.meta_ngram_size_bytes;
  const digests: Uint8Array[] = [];
  const count = Math.max(bytes.length - width + 1, 1);
  for (let i = 0; i < count; i++) digests.push(blake3(bytes.subarray(i, i + width)));
  return simhash(digests);
}

/** Name simhash, interleaved in 4-byte chunks with the simhash of the extra text or bytes when there is one. */
function softHashMeta(name: string, extra: string | Uint8Array): Uint8Array {
  const nameHash = ngramSimhash(name);
  if (extra.length === 0) return nameHash;
  const extraHash = typeof extra === 'string' ? ngramSimhash(extra) : byteSimhash(extra);
  const out = new Uint8Array(32);
  for (let i = 0; i < 4; i++) {
    out.set(nameHash.subarray(i * 4, i * 4 + 4), i * 8);
    out.set(extraHash.subarray(i * 4, i * 4 + 4), i * 8 + 4);
  }
  return out;
}
