import { hasAscii, hex, latin1, u32be, utf8 } from '../bytes.js';
import { scanXmp } from './scan.js';
import type { ContainerHandler, MediaFormat, ReadContext, XmpPacket } from './types.js';

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
}

function* boxes(b: Uint8Array, ctx: ReadContext): Generator<Box> {
  let o = 0;
  for (let count = 0; o + 8 <= b.length; count++) {
    if (count >= ctx.limits.maxBoxes) {
      ctx.diagnostics.add('media.too-many-boxes', 'warning', 'BMFF: too many boxes, stopped reading');
      return;
    }
    let size = u32be(b, o);
    const type = latin1(b, o + 4, 4);
    let header = 8;
    if (size === 1) {
      if (o + 16 > b.length) break;
      size = u32be(b, o + 8) * 0x100000000 + u32be(b, o + 12);
      header = 16;
    } else if (size === 0) size = b.length - o;
    if (size < header || o + size > b.length) {
      // mdat is routinely the last, large box: only a short metadata box is damage.
      if (type !== 'mdat') {
        ctx.diagnostics.add(
          'media.truncated',
          'warning',
          `BMFF: box ${JSON.stringify(type)} runs past the end`,
        );
      }
      return;
    }
    yield { type, start: o + header, end: o + size };
    o += size;
  }
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
    if (box.end - o > ctx.limits.maxManifestBytes) {
      ctx.diagnostics.add('media.too-large', 'warning', 'BMFF: C2PA box exceeds maxManifestBytes');
      return undefined;
    }
    return b.subarray(o, box.end);
  }
  return undefined;
}

/** The XMP `uuid` box (MP4); HEIF/AVIF keep XMP as a `mime` item, which the packet scan finds. */
function readXmp(b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  for (const box of boxes(b, ctx)) {
    if (uuidOf(b, box) === XMP_UUID && box.end - box.start <= ctx.limits.maxXmpBytes) {
      return [{ location: 'bmff-uuid', text: utf8(b, box.start + 16, box.end) }];
    }
  }
  return scanXmp(b, ctx);
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
