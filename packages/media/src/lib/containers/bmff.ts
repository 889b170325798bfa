import { hasAscii, hex, latin1, u32be, utf8 } from '../bytes.js';
import { readBox } from '../iso-box.js';
import { heifXmpItems } from './heif-items.js';
import { MAX_SCANNED_PACKETS, scanXmp } from './scan.js';
import type { ContainerHandler, MediaFormat, ReadContext, XmpPacket } from './types.js';
import { storeBytes, walk } from './walk.js';

// ISO BMFF (MP4, MOV, HEIF, AVIF): top-level boxes only. C2PA in a `uuid` box
// with the C2PA extended type; XMP in a `uuid` box with the XMP extended type.
const C2PA_UUID = 'd8fec3d61b0e483c92975828877ec481';
const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'mif2']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

interface Box {
  type: string;
  start: number;
  end: number;
  next: number;
}

/** Top-level boxes; a short box is damage, except mdat, routinely the last and cut off. */
function boxes(b: Uint8Array, ctx: ReadContext) {
  return walk(ctx, 'BMFF', 0, (o): Box | undefined => {
    const box = readBox(b, o, b.length);
    if (box) return { type: box.type, start: box.payload, end: box.end, next: box.end };
    const type = latin1(b, o + 4, 4);
    if (o + 8 <= b.length && type !== 'mdat') {
      ctx.diagnostics.add(
        'media.truncated',
        'warning',
        `BMFF: box ${JSON.stringify(type)} runs past the end`,
      );
    }
    return undefined;
  });
}

function uuidOf(b: Uint8Array, box: Box): string | undefined {
  return box.type === 'uuid' && box.end - box.start >= 16
    ? hex(b.subarray(box.start, box.start + 16))
    : undefined;
}

/** After the UUID: version/flags (4), a NUL-terminated purpose, an 8-byte offset, then the JUMBF. */
function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  for (const box of boxes(b, ctx)) {
    if (uuidOf(b, box) !== C2PA_UUID) continue;
    let o = box.start + 20;
    const nul = b.subarray(0, box.end).indexOf(0, o);
    if (nul === -1) continue;
    const purpose = latin1(b, o, nul - o);
    o = nul + 1;
    if (purpose === 'merkle') continue;
    if (purpose !== 'manifest' && purpose !== 'original' && purpose !== 'update') {
      ctx.diagnostics.add(
        'c2pa.unknown-box-purpose',
        'info',
        `BMFF: C2PA box purpose ${JSON.stringify(purpose)}`,
      );
      continue;
    }
    o += 8;
    if (o >= box.end) continue;
    return storeBytes(b, o, box.end, ctx, 'BMFF: C2PA box');
  }
  return undefined;
}

/**
 * The XMP `uuid` box (MP4); else HEIF/AVIF XMP items, located through the
 * top-level `meta` item tables. Files without item tables get a scan of
 * their metadata: every box but the media data and the C2PA store, and any
 * bytes past the last box read.
 */
function readXmp(b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  let meta: [number, number] | undefined;
  const metadata: Array<[number, number]> = [];
  let walked = 0;
  for (const box of boxes(b, ctx)) {
    const uuid = uuidOf(b, box);
    if (uuid === XMP_UUID && box.end - box.start <= ctx.limits.maxXmpBytes) {
      return [{ location: 'bmff-uuid', text: utf8(b, box.start + 16, box.end) }];
    }
    if (box.type === 'meta' && !meta) meta = [box.start, box.end];
    if (box.type !== 'mdat' && uuid !== C2PA_UUID) metadata.push([box.start, box.end]);
    walked = box.next;
  }
  const items = meta && heifXmpItems(b, meta, ctx);
  if (items) return items.map((item) => ({ location: 'heif-item', text: utf8(item) }));
  if (walked < b.length) metadata.push([walked, b.length]);
  const packets = metadata.flatMap(([start, end]) => scanXmp(b.subarray(start, end), ctx));
  return packets.slice(0, MAX_SCANNED_PACKETS);
}

function sniff(head: Uint8Array): MediaFormat | undefined {
  if (!hasAscii(head, 4, 'ftyp')) return undefined;
  const size = Math.min(u32be(head, 0), head.length);
  const brands = [latin1(head, 8, 4)];
  for (let o = 16; o + 4 <= size; o += 4) brands.push(latin1(head, o, 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (HEIF_BRANDS.has(brands[0]!)) return 'heif';
  return 'mp4';
}

/** ISO BMFF: C2PA and XMP `uuid` boxes at the top level. */
export const bmffHandler: ContainerHandler = { name: 'bmff', sniff, readManifest, readXmp };
