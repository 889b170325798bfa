// Batching for benchmarks whose single operation is too short to time on its
// own: one timed sample runs the operation n times.

/** `fn` run `n` times per call; returns the last result. */
export function repeat<T>(n: number, fn: () => T): () => T {
  return () => {
    let last!: T;
    for (let i = 0; i < n; i++) last = fn();
    return last;
  };
}

/** Async variant of `repeat`: the runs are awaited one after the other. */
export function repeatAsync<T>(n: number, fn: () => Promise<T>): () => Promise<T> {
  return async () => {
    let last!: T;
    for (let i = 0; i < n; i++) last = await fn();
    return last;
  };
}
