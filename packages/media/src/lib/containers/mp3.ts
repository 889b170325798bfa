import { hasAscii, latin1, u32be, utf8 } from '../bytes.js';
import type { ContainerHandler, ReadContext, XmpPacket } from './types.js';
import { storeBytes, walk } from './walk.js';

// ID3v2 (MP3, also in front of FLAC): C2PA in a GEOB frame with MIME
// `application/c2pa` (older: `application/x-c2pa-manifest-store`); XMP in a
// PRIV frame owned by "XMP".
const C2PA_MIMES = new Set(['application/c2pa', 'application/x-c2pa-manifest-store']);

function syncsafe(b: Uint8Array, o: number): number {
  return ((b[o]! & 0x7f) << 21) | ((b[o + 1]! & 0x7f) << 14) | ((b[o + 2]! & 0x7f) << 7) | (b[o + 3]! & 0x7f);
}

function frames(b: Uint8Array, ctx: ReadContext) {
  const version = b[3]!;
  const end = Math.min(b.length, 10 + syncsafe(b, 6));
  let first = 10;
  if (b[5]! & 0x40) first += version === 4 ? syncsafe(b, 10) : 4 + u32be(b, 10); // extended header
  return walk(ctx, 'ID3', first, (o) => {
    if (version !== 3 && version !== 4) {
      ctx.diagnostics.add('media.unsupported', 'info', `ID3v2.${version} tags are not read`);
      return undefined;
    }
    if (o + 10 > end || b[o] === 0) return undefined; // padding
    const id = latin1(b, o, 4);
    const size = version === 4 ? syncsafe(b, o + 4) : u32be(b, o + 4);
    if (o + 10 + size > end) {
      ctx.diagnostics.add('media.truncated', 'warning', `ID3: frame ${JSON.stringify(id)} runs past the tag`);
      return undefined;
    }
    return { id, start: o + 10, end: o + 10 + size, next: o + 10 + size };
  });
}

/** End of a NUL-terminated string in `encoding` (UTF-16 forms end in two NULs), or -1. */
function skipString(b: Uint8Array, o: number, end: number, encoding: number): number {
  const wide = encoding === 1 || encoding === 2;
  for (let i = o; i < end; i += wide ? 2 : 1) {
    if (b[i] === 0 && (!wide || b[i + 1] === 0)) return i + (wide ? 2 : 1);
  }
  return -1;
}

/** GEOB body: encoding, MIME\0 (Latin-1), filename\0, description\0, data. */
function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  for (const f of frames(b, ctx)) {
    if (f.id !== 'GEOB') continue;
    const encoding = b[f.start]!;
    const mimeEnd = skipString(b, f.start + 1, f.end, 0);
    if (mimeEnd === -1) continue;
    if (!C2PA_MIMES.has(latin1(b, f.start + 1, mimeEnd - f.start - 2))) continue;
    const nameEnd = skipString(b, mimeEnd, f.end, encoding);
    const dataStart = nameEnd === -1 ? -1 : skipString(b, nameEnd, f.end, encoding);
    if (dataStart === -1) {
      ctx.diagnostics.add('media.corrupt', 'warning', 'ID3: malformed C2PA GEOB frame');
      return undefined;
    }
    return storeBytes(b, dataStart, f.end, ctx, 'ID3: C2PA GEOB');
  }
  return undefined;
}

function readXmp(b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  for (const f of frames(b, ctx)) {
    if (f.id === 'PRIV' && hasAscii(b, f.start, 'XMP\0') && f.end - f.start <= ctx.limits.maxXmpBytes) {
      return [{ location: 'id3-priv', text: utf8(b, f.start + 4, f.end) }];
    }
  }
  return [];
}

/** The whole ID3v2 tag (header, frames, optional footer) precedes the audio. */
function metadataEnd(head: Uint8Array): number | undefined {
  if (head.length < 10) return undefined;
  return 10 + syncsafe(head, 6) + (head[5]! & 0x10 ? 10 : 0);
}

/** MP3 (ID3v2.3/2.4): GEOB C2PA store, PRIV XMP. */
export const mp3Handler: ContainerHandler = {
  name: 'mp3',
  sniff: (head) => (hasAscii(head, 0, 'ID3') ? 'mp3' : undefined),
  readManifest,
  readXmp,
  metadataEnd,
};
