// Just enough of a ZIP reader to pull two small text entries out of an EPUB:
// the central directory gives names and offsets, stored entries are sliced,
// deflated ones are inflated in small steps so that a zip bomb is stopped as
// soon as it passes the size limit, whatever sizes its headers claim.

import { Inflate } from 'fflate';

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
  encrypted: boolean;
}

/** An entry's bytes, or why there are none. */
export type EntryResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STEP = 1024;
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

function inflateBounded(data: Uint8Array, maxBytes: number): EntryResult {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length && size <= maxBytes; at += STEP) {
      inflate.push(data.subarray(at, at + STEP), at + STEP >= data.length);
    }
  } catch (error) {
    return { ok: false, reason: `corrupt deflate data (${(error as Error).message})` };
  }
  if (size > maxBytes) return { ok: false, reason: `inflates to more than ${maxBytes} bytes` };
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes: out };
}

/** The uncompressed bytes of an entry, at most `maxBytes` of them. */
export function readEntry(b: Uint8Array, entry: ZipEntry, maxBytes: number): EntryResult {
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
  if (entry.method === 8) return inflateBounded(data, maxBytes);
  return { ok: false, reason: `unsupported compression method ${entry.method}` };
}
