import { concatBytes } from '@optout/core';
import { hasAscii } from '../bytes.js';
import type { ContainerHandler, ReadContext } from './types.js';

// GIF: the store is in an Application Extension with identifier `C2PA_GIF`
// and version 01 00 00, split into data sub-blocks of at most 255 bytes. XMP
// (`XMP DataXMP`) is raw text with a "magic trailer", so the packet scan
// fallback reads it.
const EXTENSION = 0x21;
const APPLICATION = 0xff;
const IMAGE = 0x2c;
const TRAILER = 0x3b;

/** Offset after the data sub-blocks starting at `o` (after the 0 terminator), calling `take` with each block. */
function subBlocks(b: Uint8Array, o: number, take?: (block: Uint8Array) => void): number | undefined {
  while (o < b.length) {
    const size = b[o]!;
    if (size === 0) return o + 1;
    if (o + 1 + size > b.length) return undefined;
    take?.(b.subarray(o + 1, o + 1 + size));
    o += 1 + size;
  }
  return undefined;
}

/** Skip the header, logical screen descriptor and global colour table. */
function firstBlock(b: Uint8Array): number {
  const flags = b[10] ?? 0;
  return 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
}

function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  let o: number | undefined = firstBlock(b);
  for (let count = 0; o !== undefined && o < b.length && b[o] !== TRAILER; count++) {
    if (count >= ctx.limits.maxBoxes) {
      ctx.diagnostics.add('media.too-many-boxes', 'warning', 'GIF: too many blocks, stopped reading');
      return undefined;
    }
    if (b[o] === IMAGE) {
      const flags = b[o + 9] ?? 0;
      o = subBlocks(b, o + 11 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0)); // +1 for LZW code size
    } else if (
      b[o] === EXTENSION &&
      b[o + 1] === APPLICATION &&
      b[o + 2] === 11 &&
      hasAscii(b, o + 3, 'C2PA_GIF')
    ) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      const end = subBlocks(b, o + 14, (block) => {
        size += block.length;
        if (size <= ctx.limits.maxManifestBytes) chunks.push(block);
      });
      if (end === undefined) break;
      if (size > ctx.limits.maxManifestBytes) {
        ctx.diagnostics.add('media.too-large', 'warning', 'GIF: C2PA_GIF extension exceeds maxManifestBytes');
        return undefined;
      }
      return concatBytes(chunks);
    } else if (b[o] === EXTENSION) {
      o = subBlocks(b, o + 2);
    } else {
      ctx.diagnostics.add('media.corrupt', 'warning', `GIF: unknown block at byte ${o}`);
      return undefined;
    }
  }
  if (o === undefined) ctx.diagnostics.add('media.truncated', 'warning', 'GIF: a block runs past the end');
  return undefined;
}

/** GIF87a/89a: C2PA_GIF application extension; XMP by packet scan. */
export const gifHandler: ContainerHandler = {
  name: 'gif',
  sniff: (head) => (hasAscii(head, 0, 'GIF87a') || hasAscii(head, 0, 'GIF89a') ? 'gif' : undefined),
  readManifest,
};
