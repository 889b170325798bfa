import type { Retrieval } from '../http.js';

/** A value, or a promise of it: stores may be synchronous (memory, SQLite) or not (Redis). */
export type MaybePromise<T> = T | Promise<T>;

/** Version of the stored policy format; stores put it in their table or key names. */
export const POLICY_RECORD_VERSION = 1;

/**
 * What a store keeps per origin: the raw retrievals (bodies included), so a
 * policy can be rebuilt by the parsers in any process, plus cache bookkeeping.
 */
export interface PolicyRecord {
  version: typeof POLICY_RECORD_VERSION;
  /** Canonical origin, e.g. `https://example.org`. */
  origin: string;
  /** When the files were retrieved (epoch ms). */
  fetchedAt: number;
  /** When the policy stops being fresh (epoch ms). */
  expiresAt: number;
  /** Consecutive refreshes that met a failure; drives the back-off. 0 after a clean fetch. */
  failures: number;
  retrievals: Retrieval[];
}

/**
 * Where origin policies live between checks, processes and runs. Memory is the
 * default; `@optout/gate/stores/sqlite` keeps them in a file; a Redis store
 * only needs these methods. Every store passes `test/store-conformance.ts`.
 */
export interface PolicyStore {
  /** The record for an origin, or undefined when there is none or it was kept past `keepUntil`. */
  get(origin: string): MaybePromise<PolicyRecord | undefined>;
  /** Keep a record until `keepUntil` (epoch ms), replacing any earlier one. */
  set(origin: string, record: PolicyRecord, options: { keepUntil: number }): MaybePromise<void>;
  delete(origin: string): MaybePromise<void>;
  /** Release files and connections. */
  close?(): MaybePromise<void>;
}
