// Seeded pseudo-random numbers, so a benchmark builds the same inputs on every run.

/** A seeded PRNG (mulberry32) giving floats in [0, 1): the same inputs on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A function picking one item of a list with the given random source. */
export function picker(rand: () => number): <T>(items: readonly T[]) => T {
  return (items) => items[Math.floor(rand() * items.length)]!;
}
