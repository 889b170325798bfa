import type { Retrieval } from './http.js';
import type { FileOutcome } from './outcome.js';

/** The cache limits `policyLifetime` works within. */
export interface LifetimeRules {
  ttl: number;
  minTtl: number;
  maxTtl: number;
  failureTtl: number;
  maxFailureTtl: number;
}

/** Seconds from `Cache-Control: max-age` (0 for `no-store`/`no-cache`), or undefined when it says nothing. */
export function maxAgeOf(cacheControl: string | undefined): number | undefined {
  if (!cacheControl) return undefined;
  let maxAge: number | undefined;
  for (const directive of cacheControl.toLowerCase().split(',')) {
    const [name, value] = directive.trim().split('=', 2) as [string, string | undefined];
    if (name === 'no-store' || name === 'no-cache') return 0;
    if (name === 'max-age' && value !== undefined) {
      const seconds = Number(value.replace(/"/g, ''));
      if (Number.isFinite(seconds) && seconds >= 0) maxAge = seconds;
    }
  }
  return maxAge;
}

/** Seconds from a `Retry-After` header (delay-seconds or an HTTP date), or undefined. */
export function retryAfterOf(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/**
 * How long a freshly fetched policy stays fresh, and the failure count it
 * carries. Any failed file makes it a failure: cached for `failureTtl`,
 * doubled for each consecutive failure up to `maxFailureTtl`, never the full
 * TTL (RFC 9309 §2.4, PEERS asks 13-14); a longer `Retry-After` on a failed
 * response is honoured up to `maxFailureTtl`. Otherwise the shortest
 * `Cache-Control: max-age` among the files, kept within [minTtl, maxTtl];
 * `ttl` when none says.
 */
export function policyLifetime(
  files: readonly { retrieval: Retrieval; outcome: FileOutcome }[],
  previousFailures: number,
  rules: LifetimeRules,
): { ttl: number; failures: number } {
  const failed = files.filter((file) => file.outcome.kind === 'failed');
  if (failed.length > 0) {
    const failures = previousFailures + 1;
    let wait = rules.failureTtl * 2 ** Math.min(failures - 1, 30);
    for (const { retrieval } of failed)
      wait = Math.max(wait, (retryAfterOf(retrieval.headers['retry-after']) ?? 0) * 1000);
    return { ttl: Math.min(wait, rules.maxFailureTtl), failures };
  }
  let ttl = Math.min(rules.ttl, rules.maxTtl);
  for (const { retrieval } of files) {
    const maxAge = maxAgeOf(retrieval.headers['cache-control']);
    if (maxAge !== undefined)
      ttl = Math.min(ttl, Math.min(Math.max(maxAge * 1000, rules.minTtl), rules.maxTtl));
  }
  return { ttl, failures: 0 };
}
