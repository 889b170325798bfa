import { hasAscii, latin1, u32le, utf8 } from '../bytes.js';
import type { ContainerHandler, MediaFormat, ReadContext, XmpPacket } from './types.js';
import { storeBytes, walk } from './walk.js';

// RIFF (WebP, WAV, AVI): little-endian chunk sizes, padded to even length.
// C2PA in chunk `C2PA`; XMP in `XMP ` (WebP) or `_PMX` (WAV).
const FORMS: Record<string, MediaFormat> = { WEBP: 'webp', WAVE: 'wav', 'AVI ': 'avi' };

function chunks(b: Uint8Array, ctx: ReadContext) {
  const end = Math.min(b.length, 8 + u32le(b, 4));
  return walk(ctx, 'RIFF', 12, (o) => {
    if (o + 8 > end) return undefined;
    const id = latin1(b, o, 4);
    const size = u32le(b, o + 4);
    if (o + 8 + size > end) {
      ctx.diagnostics.add(
        'media.truncated',
        'warning',
        `RIFF: chunk ${JSON.stringify(id)} runs past the end`,
      );
      return undefined;
    }
    return { id, start: o + 8, end: o + 8 + size, next: o + 8 + size + (size & 1) };
  });
}

function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  for (const c of chunks(b, ctx)) {
    if (c.id === 'C2PA') return storeBytes(b, c.start, c.end, ctx, 'RIFF: C2PA chunk');
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
