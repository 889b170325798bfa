// SimHash and MinHash, the two similarity-preserving digests ISCC units are made of.
import { MPA, MPB } from './constants.js';

/**
 * SimHash of equally long digests: output bit i is set when at least half of
 * the digests have bit i set (iscc-core `alg_simhash`).
 */
export function simhash(digests: readonly Uint8Array[]): Uint8Array {
  const size = digests[0]?.length ?? 0;
  const counts = new Uint32Array(size * 8);
  for (const digest of digests) {
    for (let byte = 0; byte < size; byte++) {
      const value = digest[byte]!;
      if (value === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (value & (0x80 >> bit)) counts[byte * 8 + bit]!++;
    }
  }
  const out = new Uint8Array(size);
  const half = digests.length / 2;
  for (let i = 0; i < counts.length; i++) if (counts[i]! >= half) out[i >> 3]! |= 0x80 >> (i & 7);
  return out;
}

const TWO32 = 4294967296;
const split = (values: readonly string[], part: 'hi' | 'lo'): Uint32Array =>
  Uint32Array.from(values, (v) => Number(part === 'hi' ? BigInt(v) >> 32n : BigInt(v) & 0xffffffffn));
const A_HI = split(MPA, 'hi');
const A_LO = split(MPA, 'lo');
const B_HI = split(MPB, 'hi');
const B_LO = split(MPB, 'lo');

/**
 * Incremental 64-permutation MinHash over 32-bit features (iscc-core
 * `alg_minhash`): h_k = min over f of ((((a_k·f + b_k) mod 2^64) mod (2^61−1)) & (2^32−1)).
 * Works on 32-bit limbs in doubles, so no BigInt per feature, and keeps only
 * the 64 running minimums: constant memory for any number of features.
 */
export class MinHash {
  private readonly mins = new Uint32Array(64).fill(0xffffffff);

  /** Add one feature (an unsigned 32-bit integer). */
  add(feature: number): void {
    const f = feature >>> 0;
    const fLo = f & 0xffff;
    const fHi = f >>> 16;
    const mins = this.mins;
    for (let k = 0; k < 64; k++) {
      const aLo = A_LO[k]!;
      // a·f mod 2^64, with a = aHi·2^32 + aLo and aLo·f split at 16 bits so every product is exact.
      const p0 = aLo * fLo;
      const p1 = aLo * fHi;
      let lo = (p0 >>> 0) + (p1 & 0xffff) * 65536 + B_LO[k]!;
      const carry = Math.floor(lo / TWO32);
      lo >>>= 0;
      const hi =
        (Math.floor(p0 / TWO32) + Math.floor(p1 / 65536) + carry + B_HI[k]! + Math.imul(A_HI[k]!, f)) >>> 0;
      // x mod (2^61 − 1) = (x >> 61) + (x & (2^61 − 1)), minus the prime once if that reaches it.
      let rLo = lo + (hi >>> 29);
      const rHi = (hi & 0x1fffffff) + (rLo >= TWO32 ? 1 : 0);
      rLo >>>= 0;
      if (rHi > 0x1fffffff || (rHi === 0x1fffffff && rLo === 0xffffffff)) rLo = (rLo + 1) >>> 0;
      if (rLo < mins[k]!) mins[k] = rLo;
    }
  }

  /** 256-bit digest: bit p (p = 0..3, least significant first) of each of the 64 minimums in turn. */
  digest256(): Uint8Array {
    const out = new Uint8Array(32);
    for (let p = 0; p < 4; p++) {
      for (let k = 0; k < 64; k++) {
        const i = p * 64 + k;
        if ((this.mins[k]! >>> p) & 1) out[i >> 3]! |= 0x80 >> (i & 7);
      }
    }
    return out;
  }
}
