import { latin1, u32be } from './bytes.js';

// The ISO box layout shared by ISO BMFF and JUMBF (ISO 19566-5): LBox (u32,
// total size; 1 = a u64 XLBox follows; 0 = to the end), TBox (4 chars), payload.

/** One box: its type and where its header and payload sit in the bytes. */
export interface Box {
  type: string;
  /** Offset of LBox. */
  start: number;
  /** Offset of the payload (after LBox/TBox/XLBox). */
  payload: number;
  end: number;
}

/** Read the box header at `o`; undefined if it does not fit before `end`. */
export function readBox(b: Uint8Array, o: number, end: number): Box | undefined {
  if (o + 8 > end) return undefined;
  let size = u32be(b, o);
  let payload = o + 8;
  if (size === 1) {
    if (o + 16 > end) return undefined;
    size = u32be(b, o + 8) * 0x100000000 + u32be(b, o + 12);
    payload = o + 16;
  } else if (size === 0) size = end - o;
  if (size < payload - o || o + size > end) return undefined;
  return { type: latin1(b, o + 4, 4), start: o, payload, end: o + size };
}
