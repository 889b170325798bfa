// Data-Code (iscc-core code_data.py, cdc.py): content-defined chunking with a
// gear hash, xxHash32 per chunk, MinHash over the chunk hashes. Streaming:
// only the unfinished tail (< 8 KiB) and the 64 MinHash minimums are kept.
import { concat, encodeComponent, MainType, SubType } from './codec.js';
import { CDC_GEAR, CORE_OPTIONS } from './constants.js';
import { xxh32 } from './hash.js';
import { MinHash } from './similarity.js';

// Gear values are below 2^31; the pattern is kept as int32 (`| 0`) so the loop
// never leaves small-integer arithmetic: same bits, about 4x faster.
const GEAR = Int32Array.from(CDC_GEAR);
const AVG = CORE_OPTIONS.data_avg_chunk_size;
const MIN = AVG / 4;
const MAX = AVG * 8;
const CENTER = AVG - (MIN + Math.ceil(MIN / 2));
const BITS = Math.round(Math.log2(AVG));
const MASK_S = 2 ** (BITS + 1) - 1;
const MASK_L = 2 ** (BITS - 1) - 1;

/** Length of the chunk starting at `start` (cut point relative to it), looking at no more than `MAX` bytes. */
export function cdcOffset(buffer: Uint8Array, start: number): number {
  const size = Math.min(buffer.length - start, MAX);
  if (size <= MIN) return size;
  const gear = GEAR;
  let pattern = 0;
  let at = start + MIN;
  const center = start + Math.min(CENTER, size);
  const end = start + size;
  for (; at < center; at++) {
    pattern = ((pattern >>> 1) + gear[buffer[at]!]!) | 0;
    if ((pattern & MASK_S) === 0) return at + 1 - start;
  }
  for (; at < end; at++) {
    pattern = ((pattern >>> 1) + gear[buffer[at]!]!) | 0;
    if ((pattern & MASK_L) === 0) return at + 1 - start;
  }
  return size;
}

/** Push API for Data-Codes: feed chunks of any size, then `digest()` or `code()`. */
export class DataHasher {
  private readonly minhash = new MinHash();
  private tail: Uint8Array = new Uint8Array(0);
  private chunks = 0;

  /** Bytes held back until a later push decides where their chunk ends (never more than 8 KiB). */
  get pending(): number {
    return this.tail.length;
  }

  /** Feed the next bytes of the data. */
  push(data: Uint8Array): this {
    const buffer = this.tail.length ? concat(this.tail, data) : data;
    let pos = 0;
    // A cut is final only when a whole MAX window follows it; the rest waits for more data.
    while (buffer.length - pos > MAX) pos += this.emit(buffer, pos);
    this.tail = buffer.slice(pos);
    return this;
  }

  private emit(buffer: Uint8Array, pos: number): number {
    const cut = cdcOffset(buffer, pos);
    this.minhash.add(xxh32(buffer.subarray(pos, pos + cut)));
    this.chunks++;
    return cut;
  }

  /** The 256-bit similarity digest of all data fed; finishes the hasher. */
  digest(): Uint8Array {
    let pos = 0;
    while (pos < this.tail.length) pos += this.emit(this.tail, pos);
    if (this.chunks === 0) this.emit(this.tail, 0); // empty input is one empty chunk
    this.tail = new Uint8Array(0);
    return this.minhash.digest256();
  }

  /** The Data-Code result of all data fed; finishes the hasher. */
  result(bits: number = CORE_OPTIONS.data_bits): DataCodeResult {
    return { iscc: `ISCC:${encodeComponent(MainType.DATA, SubType.NONE, 0, bits, this.digest())}` };
  }
}

/** Result of `genDataCodeV0`. */
export interface DataCodeResult {
  iscc: string;
}

/** Bytes in one piece, chunks, or a stream (any async iterable, e.g. a Node Readable). */
export type ByteSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** True for async iterables (streams), whose codes come back as promises. */
export function isAsyncSource(data: ByteSource): data is AsyncIterable<Uint8Array> {
  return typeof (data as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function';
}

/** Run a push-style hasher over a byte source, synchronously unless it is async. */
export function feed<H extends { push(chunk: Uint8Array): unknown }, R>(
  data: ByteSource,
  hasher: H,
  finish: (hasher: H) => R,
): R | Promise<R> {
  if (data instanceof Uint8Array) {
    hasher.push(data);
    return finish(hasher);
  }
  if (isAsyncSource(data)) {
    return (async () => {
      for await (const chunk of data) hasher.push(chunk);
      return finish(hasher);
    })();
  }
  for (const chunk of data) hasher.push(chunk);
  return finish(hasher);
}

/** Data-Code of bytes, of chunks, or (returning a promise) of a stream, in constant memory. */
export function genDataCodeV0(data: Uint8Array | Iterable<Uint8Array>, bits?: number): DataCodeResult;
/** Data-Code of a stream (async iterable of byte chunks), in constant memory. */
export function genDataCodeV0(data: AsyncIterable<Uint8Array>, bits?: number): Promise<DataCodeResult>;
export function genDataCodeV0(
  data: ByteSource,
  bits: number = CORE_OPTIONS.data_bits,
): DataCodeResult | Promise<DataCodeResult> {
  return feed(data, new DataHasher(), (hasher) => hasher.result(bits));
}
