import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHash, simhash } from '../src/index.js';
import { MPA, MPB } from '../src/lib/constants.js';

// The reference formula in BigInt (slow, obviously right): WORKS.md §5 "minhash".
function referenceMinhash(features: number[]): bigint[] {
  const mask64 = (1n << 64n) - 1n;
  const prime = (1n << 61n) - 1n;
  return MPA.map((a, k) => {
    let min = (1n << 32n) - 1n;
    for (const f of features) {
      const h = (((BigInt(a) * BigInt(f) + BigInt(MPB[k]!)) & mask64) % prime) & 0xffffffffn;
      if (h < min) min = h;
    }
    return min;
  });
}

function referenceDigest(mins: bigint[]): Uint8Array {
  const out = new Uint8Array(32);
  for (let p = 0; p < 4; p++) {
    mins.forEach((h, k) => {
      const i = p * 64 + k;
      if ((h >> BigInt(p)) & 1n) out[i >> 3]! |= 0x80 >> (i & 7);
    });
  }
  return out;
}

describe('MinHash on 32-bit limbs', () => {
  it('equals the BigInt reference formula for any features, including 0 and 2^32−1', () => {
    const feature = fc.oneof(
      fc.constantFrom(0, 1, 0xffffffff, 0x80000000),
      fc.integer({ min: 0, max: 0xffffffff }),
    );
    fc.assert(
      fc.property(fc.array(feature, { minLength: 1, maxLength: 40 }), (features) => {
        const minhash = new MinHash();
        for (const f of features) minhash.add(f);
        expect(minhash.digest256()).toEqual(referenceDigest(referenceMinhash(features)));
      }),
      { numRuns: 60 },
    );
  });
});

describe('SimHash', () => {
  it('sets a bit when at least half of the digests have it (ties count as set)', () => {
    const digests = [new Uint8Array([0b1100_0000]), new Uint8Array([0b1000_0000])];
    expect([...simhash(digests)]).toEqual([0b1100_0000]);
    expect([...simhash([...digests, new Uint8Array([0])])]).toEqual([0b1000_0000]);
  });
});
