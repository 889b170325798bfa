/**
 * Origins with checks waiting for the network, and how many each has. A
 * check of an origin not yet among them waits while `limit` are: the gate
 * fetches only `concurrency` files at once, and a check started long before
 * its turn holds promises and buffers until they reach the old generation,
 * which then grows the heap (~60 MB on 10,000 new origins). Checks of an
 * origin already loading join it at no cost.
 */
export class OriginsInFlight {
  readonly #checks = new Map<string, number>();
  #freed: (() => void) | undefined;

  constructor(private readonly limit: number) {}

  /** Must a check of `origin` wait before it starts? */
  full(origin: string): boolean {
    return !this.#checks.has(origin) && this.#checks.size >= this.limit;
  }

  /** Settles when some origin has no check left in flight. */
  freed(): Promise<void> {
    return new Promise((resolve) => {
      this.#freed = resolve;
    });
  }

  /** A check of `origin` starts. */
  add(origin: string): void {
    this.#checks.set(origin, (this.#checks.get(origin) ?? 0) + 1);
  }

  /** A check of `origin` settled. */
  settle(origin: string): void {
    const left = this.#checks.get(origin)! - 1;
    if (left > 0) {
      this.#checks.set(origin, left);
      return;
    }
    this.#checks.delete(origin);
    this.#freed?.();
    this.#freed = undefined;
  }
}
