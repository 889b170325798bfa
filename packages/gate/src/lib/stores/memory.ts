import { LRUCache } from 'lru-cache';
import { recordSize } from './record.js';
import type { PolicyRecord, PolicyStore } from './types.js';

/** Options of the memory store. */
export interface MemoryStoreOptions {
  /** Bytes of records kept (bodies plus bookkeeping); the least recently used go first. Default 64 MiB. */
  maxBytes?: number;
}

interface Entry {
  record: PolicyRecord;
  keepUntil: number;
}

/**
 * The default store: records in an LRU cache bounded by bytes, gone with the
 * process. Expiry is checked against `Date.now()` on read.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): PolicyStore {
  const cache = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (entry) => recordSize(entry.record),
  });
  return {
    get(origin) {
      const entry = cache.get(origin);
      if (!entry) return undefined;
      if (entry.keepUntil <= Date.now()) {
        cache.delete(origin);
        return undefined;
      }
      return entry.record;
    },
    set(origin, record, { keepUntil }) {
      cache.set(origin, { record, keepUntil });
    },
    delete(origin) {
      cache.delete(origin);
    },
    close() {
      cache.clear();
    },
  };
}
