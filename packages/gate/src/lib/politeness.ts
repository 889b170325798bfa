import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';

/**
 * Per-origin spacing of requests: each origin gets a start slot at least
 * `interval` ms after the previous one. Slots are reserved synchronously, so
 * concurrent callers queue in call order without a lock.
 */
export class Politeness {
  // Only origins with a future slot matter; old entries simply fall out.
  private readonly next = new LRUCache<string, number>({ max: 100_000 });

  /** Wait until this origin may receive another request, `interval` ms after the last one. */
  async wait(origin: string, interval: number): Promise<void> {
    if (interval <= 0) return;
    const now = performance.now();
    const slot = Math.max(now, this.next.get(origin) ?? 0);
    this.next.set(origin, slot + interval);
    if (slot > now) await sleep(slot - now);
  }
}
