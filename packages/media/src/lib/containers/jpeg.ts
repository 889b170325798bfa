import { concatBytes } from '@optout/core';
import { hasAscii, u16be, u32be, utf8 } from '../bytes.js';
import { quietContext } from './quiet.js';
import type { ContainerHandler, ReadContext, XmpPacket } from './types.js';
import { walk } from './walk.js';

// JPEG: markers until start-of-scan. C2PA lives in APP11 (JPEG XT boxes, ISO
// 19566-5), XMP in APP1 (main packet plus optional extended XMP chunks).
const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP1 = 0xe1;
const APP11 = 0xeb;
const XMP_MAIN = 'http://ns.adobe.com/xap/1.0/\0';
const XMP_EXT = 'http://ns.adobe.com/xmp/extension/\0';

/** Segments before the image data; stops at SOS, EOI or damage (reported). `stop.at` gets the SOS offset. */
function segments(b: Uint8Array, ctx: ReadContext, stop?: { at?: number }) {
  return walk(ctx, 'JPEG', 2, (o) => {
    while (o + 4 <= b.length) {
      if (b[o] !== 0xff) {
        ctx.diagnostics.add('media.corrupt', 'warning', `JPEG: expected a marker at byte ${o}`);
        return undefined;
      }
      const marker = b[o + 1]!;
      if (marker === 0xff) {
        o++; // fill byte
        continue;
      }
      if (marker === SOS || marker === EOI) {
        if (stop) stop.at = o;
        return undefined;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        o += 2; // markers without a length
        continue;
      }
      const length = u16be(b, o + 2);
      if (length < 2 || o + 2 + length > b.length) {
        ctx.diagnostics.add('media.truncated', 'warning', `JPEG: segment at byte ${o} runs past the end`);
        return undefined;
      }
      return { marker, start: o + 4, end: o + 2 + length, next: o + 2 + length };
    }
    return undefined;
  });
}

/** APP11 payload: "JP", box instance En (2), sequence Z (4), then a JUMBF box (LBox, TBox, ...). */
function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  let instance = -1;
  let size = 0;
  for (const s of segments(b, ctx)) {
    if (s.marker !== APP11 || s.end - s.start < 16 || !hasAscii(b, s.start, 'JP')) continue;
    const en = u16be(b, s.start + 2);
    const isStoreStart = hasAscii(b, s.start + 12, 'jumb') && hasAscii(b, s.start + 24, 'c2pa');
    if (isStoreStart && u32be(b, s.start + 4) === 1) {
      if (instance !== -1 && en !== instance) {
        ctx.diagnostics.add(
          'c2pa.multiple-stores',
          'error',
          'JPEG: more than one C2PA manifest store; all are invalid',
        );
        return undefined;
      }
      instance = en;
      chunks.push(b.subarray(s.start + 8, s.end));
    } else if (en === instance) {
      chunks.push(b.subarray(s.start + 16, s.end)); // continuation repeats LBox/TBox
    } else continue;
    size += chunks[chunks.length - 1]!.length;
    if (size > ctx.limits.maxManifestBytes) {
      ctx.diagnostics.add('media.too-large', 'warning', 'JPEG: manifest store exceeds maxManifestBytes');
      return undefined;
    }
  }
  return chunks.length ? concatBytes(chunks) : undefined;
}

/** Main APP1 packet, then the extended packet reassembled from its chunks by offset. */
function readXmp(b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  const packets: XmpPacket[] = [];
  const extended = new Map<string, { total: number; parts: Array<[number, Uint8Array]> }>();
  for (const s of segments(b, ctx)) {
    if (s.marker !== APP1) continue;
    if (hasAscii(b, s.start, XMP_MAIN)) {
      if (s.end - s.start <= ctx.limits.maxXmpBytes) {
        packets.push({ location: 'jpeg-app1', text: utf8(b, s.start + XMP_MAIN.length, s.end) });
      }
    } else if (hasAscii(b, s.start, XMP_EXT) && s.end - s.start > XMP_EXT.length + 40) {
      const h = s.start + XMP_EXT.length;
      const guid = utf8(b, h, h + 32);
      const total = u32be(b, h + 32);
      const entry = extended.get(guid) ?? { total, parts: [] };
      entry.parts.push([u32be(b, h + 36), b.subarray(h + 40, s.end)]);
      extended.set(guid, entry);
    }
  }
  const wanted =
    packets[0] && /HasExtendedXMP\s*(?:=\s*["']|>)\s*([0-9A-Fa-f]{32})/.exec(packets[0].text)?.[1];
  const ext = wanted ? extended.get(wanted) : undefined;
  if (ext) {
    if (ext.total > ctx.limits.maxXmpBytes) {
      ctx.diagnostics.add('media.too-large', 'warning', 'JPEG: extended XMP exceeds maxXmpBytes');
    } else {
      const whole = new Uint8Array(ext.total);
      for (const [offset, part] of ext.parts) {
        if (offset + part.length <= ext.total) whole.set(part, offset);
      }
      packets.push({ location: 'jpeg-app1-extended', text: utf8(whole) });
    }
  }
  return packets;
}

/** Metadata segments all come before the first start-of-scan. */
function metadataEnd(head: Uint8Array): number | undefined {
  const stop: { at?: number } = {};
  for (const _ of segments(head, quietContext(), stop));
  return stop.at;
}

/** JPEG: APP11 C2PA store, APP1 XMP. */
export const jpegHandler: ContainerHandler = {
  name: 'jpeg',
  sniff: (head) => (head[0] === 0xff && head[1] === SOI && head[2] === 0xff ? 'jpeg' : undefined),
  readManifest,
  readXmp,
  metadataEnd,
};
