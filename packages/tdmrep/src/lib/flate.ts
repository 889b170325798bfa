// Bounded decompression: data is pushed in small steps so that a bomb is
// stopped as soon as its output passes the limit, whatever sizes its
// container claims.

import { concatBytes } from '@optout/core';
import { Inflate, Unzlib } from 'fflate';

/** Decompressed bytes, or why there are none. */
export type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const STEP = 1024;

/** Inflate raw DEFLATE (`zlib: false`, ZIP) or zlib-wrapped data (`zlib: true`, PDF FlateDecode). */
export function inflateBounded(data: Uint8Array, maxBytes: number, zlib: boolean): Inflated {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const collect = (chunk: Uint8Array) => {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  };
  const stream = zlib ? new Unzlib(collect) : new Inflate(collect);
  try {
    for (let at = 0; at < data.length && size <= maxBytes; at += STEP) {
      stream.push(data.subarray(at, at + STEP), at + STEP >= data.length);
    }
  } catch (error) {
    return { ok: false, reason: `corrupt deflate data (${(error as Error).message})` };
  }
  if (size > maxBytes) return { ok: false, reason: `inflates to more than ${maxBytes} bytes` };
  return { ok: true, bytes: concatBytes(chunks) };
}
