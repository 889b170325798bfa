/**
 * `Date.now()`, read at most once per `resolution` milliseconds: a cached
 * check costs a few hundred nanoseconds, and reading the clock would be a
 * tenth of it. Between two readings the time stands still, so a policy may
 * answer up to `resolution` ms (or one long run of synchronous work) past
 * its expiry. The same trade as lru-cache's `ttlResolution`. With
 * `resolution` 0, every call reads the clock.
 */
export class CoarseClock {
  private cached: number | undefined;

  constructor(private readonly resolution: number) {}

  now(): number {
    if (this.cached !== undefined) return this.cached;
    const now = Date.now();
    if (this.resolution > 0) {
      this.cached = now;
      setTimeout(() => {
        this.cached = undefined;
      }, this.resolution).unref?.();
    }
    return now;
  }
}
