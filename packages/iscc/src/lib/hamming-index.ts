// Multi-index hashing (Norouzi et al.) over 64-bit codes: each code is split
// into four 16-bit blocks and every block gets a bucket table. Two codes
// within distance t agree within floor(t/4) bits on at least one block
// (pigeonhole), so a query probes, per block, the buckets of every value
// within that radius and verifies the candidates on all 64 bits.

const BLOCKS = 4;
const BUCKETS = 1 << 16;
/** Largest per-block radius probed; above it a linear scan is cheaper. */
const MAX_RADIUS = 3;

/** 16-bit masks with at most r bits set, for r = 0..MAX_RADIUS. */
const MASKS: Uint16Array[] = Array.from({ length: MAX_RADIUS + 1 }, (_, radius) => {
  const masks: number[] = [];
  for (let m = 0; m < BUCKETS; m++) if (popcount32(m) <= radius) masks.push(m);
  return Uint16Array.from(masks);
});

/** Number of set bits of a 32-bit integer. */
export function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

const blockOf = (hi: number, lo: number, block: number): number =>
  block < 2 ? (block === 0 ? hi >>> 16 : hi & 0xffff) : block === 2 ? lo >>> 16 : lo & 0xffff;

/** Called for each code within the distance: its owner id and its distance. */
export type HammingVisitor = (owner: number, distance: number) => void;

/**
 * An index of 64-bit codes (as two uint32 halves) answering Hamming-radius
 * queries. Each block table stores the codes themselves in bucket order
 * (hi, lo, owner), so a probe reads one contiguous run instead of jumping
 * around memory; a candidate seen through an earlier block is recognised from
 * its own bits, so no per-query "seen" set is needed.
 */
export class HammingIndex {
  private hi: Uint32Array = new Uint32Array(1024);
  private lo: Uint32Array = new Uint32Array(1024);
  private owners: Uint32Array = new Uint32Array(1024);
  private count = 0;
  private offsets: Uint32Array[] = [];
  private entries: Uint32Array[] = [];
  private built = 0;

  /** Number of codes indexed. */
  get size(): number {
    return this.count;
  }

  /** Add a code owned by `owner` (e.g. a declaration number). */
  add(hi: number, lo: number, owner: number): void {
    if (this.count === this.hi.length) {
      this.hi = grow(this.hi);
      this.lo = grow(this.lo);
      this.owners = grow(this.owners);
    }
    this.hi[this.count] = hi >>> 0;
    this.lo[this.count] = lo >>> 0;
    this.owners[this.count] = owner;
    this.count++;
  }

  /** Build the bucket tables (done by the first query after an `add`). */
  build(): void {
    if (this.built === this.count) return;
    const n = this.count;
    // Trim the growth slack: after loading, the index is usually queried, not grown.
    this.hi = this.hi.slice(0, Math.max(n, 1));
    this.lo = this.lo.slice(0, Math.max(n, 1));
    this.owners = this.owners.slice(0, Math.max(n, 1));
    this.offsets = [];
    this.entries = [];
    for (let block = 0; block < BLOCKS; block++) {
      const offsets = new Uint32Array(BUCKETS + 1);
      for (let i = 0; i < n; i++) offsets[blockOf(this.hi[i]!, this.lo[i]!, block) + 1]!++;
      for (let b = 0; b < BUCKETS; b++) offsets[b + 1]! += offsets[b]!;
      const fill = offsets.slice(0, BUCKETS);
      const entries = new Uint32Array(n * 3);
      for (let i = 0; i < n; i++) {
        const at = fill[blockOf(this.hi[i]!, this.lo[i]!, block)]!++ * 3;
        entries[at] = this.hi[i]!;
        entries[at + 1] = this.lo[i]!;
        entries[at + 2] = this.owners[i]!;
      }
      this.offsets.push(offsets);
      this.entries.push(entries);
    }
    this.built = n;
  }

  /** Visit every code within `maxDistance` bits of (hi, lo), each once. Sub-linear for maxDistance < 16. */
  search(hi: number, lo: number, maxDistance: number, visit: HammingVisitor): void {
    const radius = Math.floor(maxDistance / BLOCKS);
    if (radius > MAX_RADIUS) {
      this.scan(hi, lo, maxDistance, visit);
      return;
    }
    this.build();
    const masks = MASKS[radius]!;
    for (let block = 0; block < BLOCKS; block++) {
      const value = blockOf(hi, lo, block);
      const offsets = this.offsets[block]!;
      const entries = this.entries[block]!;
      for (let m = 0; m < masks.length; m++) {
        const bucket = value ^ masks[m]!;
        for (let at = offsets[bucket]! * 3, end = offsets[bucket + 1]! * 3; at < end; at += 3) {
          const codeHi = entries[at]!;
          const codeLo = entries[at + 1]!;
          const distance = popcount32(codeHi ^ hi) + popcount32(codeLo ^ lo);
          if (distance > maxDistance || reachedEarlier(codeHi ^ hi, codeLo ^ lo, block, radius)) continue;
          visit(entries[at + 2]!, distance);
        }
      }
    }
  }

  /** The same answers as `search` by comparing with every code (the baseline). */
  scan(hi: number, lo: number, maxDistance: number, visit: HammingVisitor): void {
    for (let i = 0; i < this.count; i++) {
      const distance = popcount32(this.hi[i]! ^ hi) + popcount32(this.lo[i]! ^ lo);
      if (distance <= maxDistance) visit(this.owners[i]!, distance);
    }
  }

  /** Bytes held by the typed arrays (codes, owners, bucket tables). */
  get byteLength(): number {
    const arrays = [this.hi, this.lo, this.owners, ...this.offsets, ...this.entries];
    return arrays.reduce((n, a) => n + a.byteLength, 0);
  }
}

/** Was a code with this difference already found through an earlier block (within the radius there)? */
function reachedEarlier(diffHi: number, diffLo: number, block: number, radius: number): boolean {
  for (let earlier = 0; earlier < block; earlier++) {
    if (popcount32(blockOf(diffHi, diffLo, earlier)) <= radius) return true;
  }
  return false;
}

function grow(array: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
