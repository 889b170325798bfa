import { hasAscii, indexOfAscii, latin1, u32be, utf8 } from '../bytes.js';
import type { ContainerHandler, ReadContext, XmpPacket } from './types.js';
import { storeBytes } from './walk.js';

// SVG: the store is Base64 text in a `manifest` element of the namespace
// http://c2pa.org/manifest, inside <metadata>. The prefix is looked up from
// its xmlns declaration rather than assumed. Everything searched here is
// ASCII, so the bytes are searched directly and only the XMP slice is decoded.
const C2PA_NS = 'http://c2pa.org/manifest';

const B64 = new Int8Array(256).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) {
  B64[c.charCodeAt(0)] = i;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Whole groups of four Base64 characters from `i` into `out` at `n`, until any other byte: [i, n] after. */
function quads(b: Uint8Array, i: number, end: number, out: Uint8Array, n: number): [number, number] {
  for (; i + 4 <= end; i += 4) {
    const v0 = B64[b[i]!]!;
    const v1 = B64[b[i + 1]!]!;
    const v2 = B64[b[i + 2]!]!;
    const v3 = B64[b[i + 3]!]!;
    if ((v0 | v1 | v2 | v3) < 0) break;
    const v = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
    out[n++] = v >> 16;
    out[n++] = (v >> 8) & 0xff;
    out[n++] = v & 0xff;
  }
  return [i, n];
}

/**
 * Base64 of `b[start, end)`, whitespace skipped; undefined on any other stray
 * byte. Runs of whole groups are decoded four characters at a time; line
 * breaks, padding and stray bytes go one character at a time.
 */
function base64(b: Uint8Array, start: number, end: number): Uint8Array | undefined {
  const out = new Uint8Array(Math.ceil(((end - start) * 3) / 4));
  let n = 0;
  let bits = 0;
  let acc = 0;
  for (let i = start; i < end; ) {
    if (bits === 0) {
      [i, n] = quads(b, i, end, out, n);
      if (i >= end) break;
    }
    const c = b[i++]!;
    if (isSpace(c)) continue;
    if (c === 0x3d) break; // padding
    const v = B64[c]!;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** The prefix bound to the C2PA namespace (`''` for a default namespace), if declared. */
function c2paPrefix(b: Uint8Array, limit: number): string | undefined {
  for (const quote of ['"', "'"]) {
    const at = indexOfAscii(b, `${quote}${C2PA_NS}${quote}`, 0, limit);
    if (at === -1) continue;
    const before = latin1(b, Math.max(0, at - 64), Math.min(at, 64));
    const decl = /xmlns(?::([\w.-]+))?\s*=\s*$/.exec(before);
    if (decl) return decl[1] ?? '';
  }
  return undefined;
}

/**
 * Where the element closes if its Base64 is unwrapped: the store is one JUMBF
 * box whose LBox (in the first eight characters) gives its length, so the text
 * ends 4·⌈LBox/3⌉ characters on, maybe followed by whitespace. -1 if `close`
 * is not there. Saves searching the whole Base64 text for the closing tag.
 */
function predictedClose(b: Uint8Array, from: number, limit: number, close: string): number {
  const head = new Uint8Array(6);
  if (from + 8 > limit || quads(b, from, from + 8, head, 0)[1] !== 6) return -1;
  const size = u32be(head, 0);
  if (size < 8) return -1;
  let at = from + Math.ceil(size / 3) * 4;
  while (at < limit && isSpace(b[at]!)) at++;
  return at + close.length <= limit && hasAscii(b, at, close) ? at : -1;
}

function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  const limit = Math.min(b.length, ctx.limits.maxScanBytes);
  const prefix = c2paPrefix(b, limit);
  if (prefix === undefined) return undefined;
  const name = prefix ? `${prefix}:manifest` : 'manifest';
  const close = `</${name}>`;
  const open = indexOfAscii(b, `<${name}`, 0, limit);
  const start = open === -1 ? -1 : b.subarray(0, limit).indexOf(0x3e, open);
  // Decoding up to the predicted close fails on any '<' before it, so a result
  // is the one the first closing tag gives; otherwise search for that tag.
  const predicted = start === -1 ? -1 : predictedClose(b, start + 1, limit, close);
  let store = predicted === -1 ? undefined : base64(b, start + 1, predicted);
  if (!store) {
    const end = start === -1 ? -1 : indexOfAscii(b, close, start, limit);
    if (end === -1) {
      ctx.diagnostics.add(
        'media.corrupt',
        'warning',
        'SVG: C2PA namespace declared but no complete manifest element',
      );
      return undefined;
    }
    store = base64(b, start + 1, end);
  }
  if (!store) {
    ctx.diagnostics.add('media.corrupt', 'warning', 'SVG: C2PA manifest element is not valid Base64');
    return undefined;
  }
  return storeBytes(store, 0, store.length, ctx, 'SVG: C2PA manifest element');
}

/** The RDF inside <metadata>: either a full x:xmpmeta packet or a bare rdf:RDF. */
function readXmp(b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  const limit = Math.min(b.length, ctx.limits.maxScanBytes);
  for (const [open, close] of [
    ['<x:xmpmeta', '</x:xmpmeta>'],
    ['<rdf:RDF', '</rdf:RDF>'],
  ] as const) {
    const start = indexOfAscii(b, open, 0, limit);
    const end = start === -1 ? -1 : indexOfAscii(b, close, start, limit);
    if (end !== -1 && end - start <= ctx.limits.maxXmpBytes) {
      return [{ location: 'svg-metadata', text: utf8(b, start, end + close.length) }];
    }
  }
  return [];
}

function sniff(head: Uint8Array): 'svg' | undefined {
  const start = utf8(head, 0, Math.min(head.length, 1024)).trimStart();
  return start.startsWith('<') && indexOfAscii(head, '<svg') !== -1 ? 'svg' : undefined;
}

/** SVG: Base64 C2PA store in <c2pa:manifest>, XMP in <metadata>. */
export const svgHandler: ContainerHandler = { name: 'svg', sniff, readManifest, readXmp };
