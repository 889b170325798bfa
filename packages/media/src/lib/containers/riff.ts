import { hasAscii, latin1, u32le, utf8 } from '../bytes.js';
import type { ContainerHandler, MediaFormat, ReadContext, XmpPacket } from './types.js';

// RIFF (WebP, WAV, AVI): little-endian chunk sizes, padded to even length.
// C2PA in chunk `C2PA`; XMP in `XMP ` (WebP) or `_PMX` (WAV).
const FORMS: Record<string, MediaFormat> = { WEBP: 'webp', WAVE: 'wav', 'AVI ': 'avi' };

interface Chunk {
  id: string;
  start: number;
  end: number;
}

function* chunks(b: Uint8Array, ctx: ReadContext): Generator<Chunk> {
  const end = Math.min(b.length, 8 + u32le(b, 4));
  let o = 12;
  for (let count = 0; o + 8 <= end; count++) {
    if (count >= ctx.limits.maxBoxes) {
      ctx.diagnostics.add('media.too-many-boxes', 'warning', 'RIFF: too many chunks, stopped reading');
      return;
    }
    const id = latin1(b, o, 4);
    const size = u32le(b, o + 4);
    if (o + 8 + size > end) {
      ctx.diagnostics.add(
        'media.truncated',
        'warning',
        `RIFF: chunk ${JSON.stringify(id)} runs past the end`,
      );
      return;
    }
    yield { id, start: o + 8, end: o + 8 + size };
    o += 8 + size + (size & 1);
  }
}

function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  for (const c of chunks(b, ctx)) {
    if (c.id !== 'C2PA') continue;
    if (c.end - c.start > ctx.limits.maxManifestBytes) {
      ctx.diagnostics.add('media.too-large', 'warning', 'RIFF: C2PA chunk exceeds maxManifestBytes');
      return undefined;
    }
    return b.subarray(c.start, c.end);
  }
  return undefined;
}

function readXmp(b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  for (const c of chunks(b, ctx)) {
    if ((c.id === 'XMP ' || c.id === '_PMX') && c.end - c.start <= ctx.limits.maxXmpBytes) {
      return [{ location: 'riff-xmp', text: utf8(b, c.start, c.end) }];
    }
  }
  return [];
}

/** RIFF: `C2PA` chunk, `XMP ` / `_PMX` XMP chunk. */
export const riffHandler: ContainerHandler = {
  name: 'riff',
  sniff: (head) => (hasAscii(head, 0, 'RIFF') ? FORMS[latin1(head, 8, 4)] : undefined),
  readManifest,
  readXmp,
};
