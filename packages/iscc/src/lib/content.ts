// Content-Codes (iscc-core code_content_*.py): text, image, audio, video, mixed.
import { assertArg } from '@optout/core';
import {
  concat,
  decodeBase32,
  decodeHeader,
  encodeComponent,
  isccClean,
  MainType,
  SubType,
} from './codec.js';
import { CORE_OPTIONS, WTA_VIDEO_ID_PERMUTATIONS } from './constants.js';
import { xxh32 } from './hash.js';
import { MinHash, simhash } from './similarity.js';
import { forEachNgram, textCollapse } from './text.js';

/** Result of `genTextCodeV0`. */
export interface TextCodeResult {
  iscc: string;
  /** Code points of the collapsed text. */
  characters: number;
}

/** Result of the other Content-Code generators. */
export interface CodeResult {
  iscc: string;
}

/** Result of `genMixedCodeV0`. */
export interface MixedCodeResult {
  iscc: string;
  /** The Content-Codes it was made from, as given. */
  parts: string[];
}

function contentCode(subType: number, bits: number, digest: Uint8Array): string {
  return `ISCC:${encodeComponent(MainType.CONTENT, subType, 0, bits, digest)}`;
}

/** Text-Code: MinHash of the xxHash32 of every 13-code-point window of the collapsed text. */
export function genTextCodeV0(text: string, bits: number = CORE_OPTIONS.text_bits): TextCodeResult {
  const collapsed = textCollapse(text);
  const minhash = new MinHash();
  forEachNgram(collapsed, CORE_OPTIONS.text_ngram_size, (gram) => minhash.add(xxh32(gram)));
  let characters = 0;
  for (const _ of collapsed) characters++;
  return { iscc: contentCode(SubType.TEXT, bits, minhash.digest256()), characters };
}

/** Unnormalised DCT-II (Lee's recursion), in the reference's operation order so doubles match bit for bit. */
export function dct(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 1) return [values[0]!];
  assertArg(n > 0 && n % 2 === 0, 'DCT length must be a power of two');
  const half = n / 2;
  const alpha: number[] = [];
  const beta: number[] = [];
  for (let i = 0; i < half; i++) {
    alpha.push(values[i]! + values[n - 1 - i]!);
    beta.push((values[i]! - values[n - 1 - i]!) / (Math.cos(((i + 0.5) * Math.PI) / n) * 2.0));
  }
  const a = dct(alpha);
  const b = dct(beta);
  const out: number[] = [];
  for (let i = 0; i < half - 1; i++) out.push(a[i]!, b[i]! + b[i + 1]!);
  out.push(a[half - 1]!, b[half - 1]!);
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Image-Code from 1024 grey values (32×32, row-major, 0–255): 2-D DCT, then
 * one bit per coefficient above the median of four overlapping 8×8 blocks.
 * Use `imagePixels` to get such values from decoded RGBA/RGB/grey pixels.
 */
export function genImageCodeV0(
  pixels: ArrayLike<number>,
  bits: number = CORE_OPTIONS.image_bits,
): CodeResult {
  assertArg(pixels.length === 1024, 'Image-Code needs 1024 grey pixels (32×32)');
  assertArg(bits <= 256, 'Image-Code has at most 256 bits');
  const rows: number[][] = [];
  for (let y = 0; y < 32; y++) rows.push(dct(Array.from({ length: 32 }, (_, x) => pixels[y * 32 + x]!)));
  const cols: number[][] = [];
  for (let x = 0; x < 32; x++) cols.push(dct(rows.map((row) => row[x]!)));
  const bitValues: number[] = [];
  for (const [x, y] of [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ] as const) {
    const block: number[] = [];
    for (let row = y; row < y + 8; row++) for (let col = x; col < x + 8; col++) block.push(cols[col]![row]!);
    const med = median(block);
    for (const value of block) bitValues.push(value > med ? 1 : 0);
    if (bitValues.length >= bits) break;
  }
  return { iscc: contentCode(SubType.IMAGE, bits, packBits(bitValues)) };
}

function packBits(bitValues: readonly number[]): Uint8Array {
  const out = new Uint8Array(Math.ceil(bitValues.length / 8));
  bitValues.forEach((bit, i) => {
    if (bit) out[i >> 3]! |= 0x80 >> (i & 7);
  });
  return out;
}

function int32Digest(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value);
  return out;
}

/** Split into `parts` contiguous near-equal runs, the first `length % parts` one longer (more_itertools.divide). */
function divide<T>(parts: number, items: readonly T[]): T[][] {
  const size = Math.floor(items.length / parts);
  const extra = items.length % parts;
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < parts; i++) {
    const n = size + (i < extra ? 1 : 0);
    out.push(items.slice(at, at + n));
    at += n;
  }
  return out;
}

const simhashOrZero = (digests: Uint8Array[]): Uint8Array =>
  digests.length ? simhash(digests) : new Uint8Array(4);

/** Audio-Code from a Chromaprint raw fingerprint (signed int32 values, `fpcalc -raw -signed`). */
export function genAudioCodeV0(
  fingerprint: readonly number[],
  bits: number = CORE_OPTIONS.audio_bits,
): CodeResult {
  const digests = fingerprint.map(int32Digest);
  const sorted = [...fingerprint].sort((a, b) => a - b).map(int32Digest);
  const parts = [
    simhashOrZero(digests),
    ...divide(4, digests).map(simhashOrZero),
    ...divide(3, sorted).map(simhashOrZero),
  ];
  return { iscc: contentCode(SubType.AUDIO, bits, concat(...parts)) };
}

/** Video-Code from MPEG-7 frame signatures (380 integers per frame): WTA-hash of the column sums of distinct frames. */
export function genVideoCodeV0(
  frameSignatures: readonly (readonly number[])[],
  bits: number = CORE_OPTIONS.video_bits,
): CodeResult {
  assertArg(frameSignatures.length > 0, 'Video-Code needs at least one frame signature');
  const distinct = new Map(frameSignatures.map((frame) => [frame.join(','), frame]));
  const sums = new Array<number>(frameSignatures[0]!.length).fill(0);
  for (const frame of distinct.values()) {
    for (let i = 0; i < sums.length; i++) sums[i]! += frame[i] ?? 0;
  }
  const bitValues = WTA_VIDEO_ID_PERMUTATIONS.slice(0, bits).map(([i, j]) => (sums[i]! >= sums[j]! ? 0 : 1));
  return { iscc: contentCode(SubType.VIDEO, bits, packBits(bitValues)) };
}

/** Mixed-Code: SimHash over at least two Content-Codes (first header byte + body), each at least `bits` long. */
export function genMixedCodeV0(
  codes: readonly string[],
  bits: number = CORE_OPTIONS.mixed_bits,
): MixedCodeResult {
  assertArg(codes.length >= 2, 'Mixed-Code needs at least two Content-Codes');
  const nbytes = bits / 8;
  const digests = codes.map((code) => {
    const raw = decodeBase32(isccClean(code));
    const header = raw && decodeHeader(raw);
    assertArg(raw && header?.mainType === MainType.CONTENT, `not a Content-Code: ${code}`);
    assertArg(header.body.length >= nbytes, `Content-Code shorter than ${bits} bits: ${code}`);
    const digest = new Uint8Array(nbytes);
    digest[0] = raw[0]!;
    digest.set(header.body.subarray(0, nbytes - 1), 1);
    return digest;
  });
  return { iscc: contentCode(SubType.MIXED, bits, simhash(digests)), parts: [...codes] };
}
