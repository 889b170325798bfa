import { u16be, u16le, u32be, u32le, utf8 } from '../bytes.js';
import type { ContainerHandler, ReadContext, XmpPacket } from './types.js';
import { storeBytes } from './walk.js';

// TIFF / DNG: XMP in tag 700, C2PA in tag 52545 (type UNDEFINED), both found
// by walking the IFD chain (classic TIFF only; BigTIFF is reported).
const TAG_XMP = 700;
const TAG_C2PA = 52545;

/** Value bytes of the first entry with `tag` in any IFD of the chain. */
function findTag(b: Uint8Array, tag: number, ctx: ReadContext): Uint8Array | undefined {
  const le = b[0] === 0x49;
  const u16 = le ? u16le : u16be;
  const u32 = le ? u32le : u32be;
  if (u16(b, 2) === 43) {
    ctx.diagnostics.add('media.unsupported', 'info', 'BigTIFF is not read');
    return undefined;
  }
  if (b.length < 8) return undefined;
  const seen = new Set<number>();
  for (
    let ifd = u32(b, 4);
    ifd !== 0 && !seen.has(ifd) && seen.size < 64;
    ifd = u32(b, ifd + 2 + 12 * u16(b, ifd))
  ) {
    seen.add(ifd);
    if (ifd + 2 > b.length) break;
    const count = u16(b, ifd);
    if (ifd + 6 + 12 * count > b.length) {
      ctx.diagnostics.add('media.truncated', 'warning', 'TIFF: IFD runs past the end');
      return undefined;
    }
    for (let i = 0; i < count; i++) {
      const e = ifd + 2 + 12 * i;
      if (u16(b, e) !== tag) continue;
      const length = u32(b, e + 4); // BYTE / UNDEFINED: count = bytes
      const at = length <= 4 ? e + 8 : u32(b, e + 8);
      if (at + length > b.length) {
        ctx.diagnostics.add('media.truncated', 'warning', `TIFF: tag ${tag} value runs past the end`);
        return undefined;
      }
      return b.subarray(at, at + length);
    }
  }
  return undefined;
}

function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  const store = findTag(b, TAG_C2PA, ctx);
  return store && storeBytes(store, 0, store.length, ctx, 'TIFF: C2PA tag');
}

function readXmp(b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  const xmp = findTag(b, TAG_XMP, ctx);
  return xmp && xmp.length <= ctx.limits.maxXmpBytes ? [{ location: 'tiff-700', text: utf8(xmp) }] : [];
}

/** TIFF / DNG: tag 52545 C2PA store, tag 700 XMP. */
export const tiffHandler: ContainerHandler = {
  name: 'tiff',
  sniff: (head) =>
    (head[0] === 0x49 && head[1] === 0x49 && head[2] === 42 && head[3] === 0) ||
    (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && (head[3] === 42 || head[3] === 43))
      ? 'tiff'
      : undefined,
  readManifest,
  readXmp,
};
