import { hasAscii, latin1, u32be, utf8 } from '../bytes.js';
import type { ContainerHandler, ReadContext, XmpPacket } from './types.js';
import { storeBytes, walk } from './walk.js';

// PNG: length, type, data, CRC per chunk. C2PA in `caBX`, XMP in the `iTXt`
// chunk with keyword `XML:com.adobe.xmp`.
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const XMP_KEYWORD = 'XML:com.adobe.xmp\0';

function chunks(b: Uint8Array, ctx: ReadContext) {
  return walk(ctx, 'PNG', 8, (o) => {
    if (o + 8 > b.length) return undefined;
    const length = u32be(b, o);
    const type = latin1(b, o + 4, 4);
    if (o + 12 + length > b.length) {
      ctx.diagnostics.add(
        'media.truncated',
        'warning',
        `PNG: chunk ${JSON.stringify(type)} runs past the end`,
      );
      return undefined;
    }
    const end = o + 8 + length;
    return { type, start: o + 8, end, next: type === 'IEND' ? b.length : end + 4 };
  });
}

function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  for (const c of chunks(b, ctx)) {
    if (c.type === 'caBX') return storeBytes(b, c.start, c.end, ctx, 'PNG: caBX chunk');
  }
  return undefined;
}

/** iTXt: keyword\0, compression flag, method, language\0, translated keyword\0, text. */
function readXmp(b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  for (const c of chunks(b, ctx)) {
    if (c.type !== 'iTXt' || !hasAscii(b, c.start, XMP_KEYWORD)) continue;
    let o = c.start + XMP_KEYWORD.length;
    if (b[o] !== 0) {
      ctx.diagnostics.add('xmp.compressed', 'info', 'PNG: compressed XMP iTXt is not read');
      return [];
    }
    o += 2;
    for (let nul = 0; nul < 2 && o < c.end; o++) if (b[o] === 0) nul++;
    if (c.end - o > ctx.limits.maxXmpBytes) return [];
    return [{ location: 'png-itxt', text: utf8(b, o, c.end) }];
  }
  return [];
}

/** PNG: `caBX` C2PA store, `iTXt` XMP. */
export const pngHandler: ContainerHandler = {
  name: 'png',
  sniff: (head) => (SIGNATURE.every((v, i) => head[i] === v) ? 'png' : undefined),
  readManifest,
  readXmp,
};
