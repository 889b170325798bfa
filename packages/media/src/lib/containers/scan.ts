import { indexOfAscii, utf8 } from '../bytes.js';
import type { ReadContext, XmpPacket } from './types.js';

// The fallback used by peers for containers whose XMP location we do not
// walk (GIF, HEIF items, PDF streams): find `<x:xmpmeta ... </x:xmpmeta>`.
const OPEN = '<x:xmpmeta';
const CLOSE = '</x:xmpmeta>';
/** Most packets one scan returns. */
export const MAX_SCANNED_PACKETS = 4;

/** XMP packets found by scanning the raw bytes, at most `maxScanBytes` of them. */
export function scanXmp(b: Uint8Array, ctx: ReadContext, location = 'scan'): XmpPacket[] {
  const limit = Math.min(b.length, ctx.limits.maxScanBytes);
  const packets: XmpPacket[] = [];
  for (let from = 0; packets.length < MAX_SCANNED_PACKETS; ) {
    const start = indexOfAscii(b, OPEN, from, limit);
    if (start === -1) break;
    const end = indexOfAscii(b, CLOSE, start, Math.min(limit, start + ctx.limits.maxXmpBytes));
    if (end === -1) break;
    packets.push({ location, text: utf8(b, start, end + CLOSE.length) });
    from = end + CLOSE.length;
  }
  return packets;
}
