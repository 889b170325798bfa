// Just enough of a ZIP reader to pull two small text entries out of an EPUB:
// the central directory gives names and offsets, stored entries are sliced,
// deflated ones are inflated with a size limit (zip bombs).

import { type Inflated, inflateBounded } from './flate.js';

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
  encrypted: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const nameDecoder = new TextDecoder('utf-8', { fatal: false });

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function findEndRecord(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let at = b.length - 22; at >= stop; at--) if (u32(b, at) === EOCD) return at;
  return -1;
}

/** The central directory of a ZIP archive, or undefined when there is none to read. */
export function listEntries(b: Uint8Array, maxEntries: number): ZipEntry[] | undefined {
  const end = findEndRecord(b);
  if (end < 0) return undefined;
  const count = Math.min(u16(b, end + 10), maxEntries);
  const entries: ZipEntry[] = [];
  let at = u32(b, end + 16);
  for (let i = 0; i < count && at + 46 <= b.length && u32(b, at) === CENTRAL; i++) {
    const nameLength = u16(b, at + 28);
    entries.push({
      name: nameDecoder.decode(b.subarray(at + 46, at + 46 + nameLength)),
      method: u16(b, at + 10),
      compressedSize: u32(b, at + 20),
      localOffset: u32(b, at + 42),
      encrypted: (u16(b, at + 8) & 1) === 1,
    });
    at += 46 + nameLength + u16(b, at + 30) + u16(b, at + 32);
  }
  return entries;
}

/** The uncompressed bytes of an entry, at most `maxBytes` of them. */
export function readEntry(b: Uint8Array, entry: ZipEntry, maxBytes: number): Inflated {
  if (entry.encrypted) return { ok: false, reason: 'entry is encrypted' };
  const at = entry.localOffset;
  if (at + 30 > b.length || u32(b, at) !== LOCAL) return { ok: false, reason: 'bad local header offset' };
  const start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
  const data = b.subarray(start, Math.min(b.length, start + entry.compressedSize));
  if (entry.method === 0) {
    return data.length <= maxBytes
      ? { ok: true, bytes: data }
      : { ok: false, reason: `larger than ${maxBytes} bytes` };
  }
  if (entry.method === 8) return inflateBounded(data, maxBytes, false);
  return { ok: false, reason: `unsupported compression method ${entry.method}` };
}
