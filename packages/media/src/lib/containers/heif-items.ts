import { concatBytes } from '@optout/core';
import { latin1, u16be, u32be } from '../bytes.js';
import { readBox } from '../iso-box.js';
import type { ReadContext } from './types.js';

// HEIF/AVIF (ISO 23008-12) keep XMP as an item: `meta` → `iinf` names an
// item of type `mime` with content type application/rdf+xml, `iloc` says
// where its bytes are (in the file, or in `meta` → `idat`). Reading the
// tables replaces a scan of the whole file. Every length is bounded by its
// box, every count by maxBoxes.
const XMP_CONTENT_TYPE = 'application/rdf+xml';

/** Children of the box payload `[start, end)`, by type (first of each), at most maxBoxes. */
function children(
  b: Uint8Array,
  start: number,
  end: number,
  ctx: ReadContext,
): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (let o = start, n = 0; n < ctx.limits.maxBoxes; n++) {
    const box = readBox(b, o, end);
    if (!box) break;
    if (!out.has(box.type)) out.set(box.type, [box.payload, box.end]);
    o = box.end;
  }
  return out;
}

/** A big-endian unsigned integer of `size` bytes (0, 4 or 8, as iloc allows). */
function uint(b: Uint8Array, o: number, size: number): number {
  if (size === 4) return u32be(b, o);
  if (size === 8) return u32be(b, o) * 0x100000000 + u32be(b, o + 4);
  return 0;
}

/** The NUL-terminated string at `o` within `end`: its text and the offset after the NUL, or undefined. */
function cString(b: Uint8Array, o: number, end: number): [string, number] | undefined {
  for (let i = o; i < end; i++) if (b[i] === 0) return [latin1(b, o, i - o), i + 1];
  return undefined;
}

/** IDs of `mime` items with the XMP content type, from `iinf` (infe version 2 or 3 only). */
function xmpItemIds(b: Uint8Array, [start, end]: [number, number], ctx: ReadContext): number[] {
  const version = b[start]!;
  let o = start + 4 + (version === 0 ? 2 : 4);
  const ids: number[] = [];
  for (let n = 0; n < ctx.limits.maxBoxes; n++) {
    const infe = readBox(b, o, end);
    if (!infe) break;
    o = infe.end;
    const v = b[infe.payload]!;
    if (infe.type !== 'infe' || v < 2) continue;
    let p = infe.payload + 4;
    const idSize = v === 2 ? 2 : 4;
    if (p + idSize + 6 > infe.end) continue;
    const id = idSize === 2 ? u16be(b, p) : u32be(b, p);
    p += idSize + 2;
    if (latin1(b, p, 4) !== 'mime') continue;
    const name = cString(b, p + 4, infe.end);
    const type = name && cString(b, name[1], infe.end);
    if (type?.[0] === XMP_CONTENT_TYPE) ids.push(id);
  }
  return ids;
}

interface Extent {
  method: number;
  offset: number;
  length: number;
}

/** The extents of item `id` from `iloc` (versions 0-2), or undefined if absent or malformed. */
function extentsOf(b: Uint8Array, [start, end]: [number, number], id: number): Extent[] | undefined {
  const version = b[start]!;
  if (version > 2 || start + 8 > end) return undefined;
  const offsetSize = b[start + 4]! >> 4;
  const lengthSize = b[start + 4]! & 15;
  const baseSize = b[start + 5]! >> 4;
  const indexSize = version === 0 ? 0 : b[start + 5]! & 15;
  const idSize = version < 2 ? 2 : 4;
  const count = idSize === 2 ? u16be(b, start + 6) : u32be(b, start + 6);
  let o = start + 6 + idSize;
  for (let i = 0; i < count; i++) {
    const head = idSize + (version === 0 ? 0 : 2) + 2 + baseSize + 2;
    if (o + head > end) return undefined;
    const itemId = idSize === 2 ? u16be(b, o) : u32be(b, o);
    o += idSize;
    const method = version === 0 ? 0 : b[o + 1]! & 15;
    o += (version === 0 ? 0 : 2) + 2;
    const base = uint(b, o, baseSize);
    o += baseSize;
    const extentCount = u16be(b, o);
    o += 2;
    const extentSize = indexSize + offsetSize + lengthSize;
    if (o + extentCount * extentSize > end) return undefined;
    if (itemId !== id) {
      o += extentCount * extentSize;
      continue;
    }
    const extents: Extent[] = [];
    for (let e = 0; e < extentCount; e++, o += extentSize) {
      const offset = base + uint(b, o + indexSize, offsetSize);
      extents.push({ method, offset, length: uint(b, o + indexSize + offsetSize, lengthSize) });
    }
    return extents;
  }
  return undefined;
}

/** The bytes of an item, if every extent lies in the file (method 0) or in `idat` (method 1) and fits maxXmpBytes. */
function itemBytes(
  b: Uint8Array,
  extents: Extent[],
  idat: [number, number] | undefined,
  ctx: ReadContext,
): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const { method, offset, length } of extents) {
    const [from, to] = method === 0 ? [0, b.length] : method === 1 && idat ? idat : [0, -1];
    const start = from + offset;
    const end = length === 0 ? to : start + length;
    if (to < 0 || end > to || end < start) return undefined;
    size += end - start;
    if (size > ctx.limits.maxXmpBytes) return undefined;
    parts.push(b.subarray(start, end));
  }
  return parts.length ? concatBytes(parts) : undefined;
}

/**
 * XMP items of the top-level `meta` box, as bytes; undefined when the file
 * has no `meta` with an `iinf` (not a HEIF item file), so the caller can
 * fall back to other locations.
 */
export function heifXmpItems(
  b: Uint8Array,
  meta: [number, number],
  ctx: ReadContext,
): Uint8Array[] | undefined {
  const boxes = children(b, meta[0] + 4, meta[1], ctx);
  const iinf = boxes.get('iinf');
  const iloc = boxes.get('iloc');
  if (!iinf) return undefined;
  const out: Uint8Array[] = [];
  for (const id of xmpItemIds(b, iinf, ctx)) {
    const extents = iloc && extentsOf(b, iloc, id);
    const bytes = extents && itemBytes(b, extents, boxes.get('idat'), ctx);
    if (bytes) out.push(bytes);
  }
  return out;
}
