import { assertArg, type Category, isCategory } from '@optout/core';
import type { RobotsOptions } from '@optout/robots';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { PolicyStore } from './stores/types.js';

/** Who is asking: the product token matched against robots.txt groups, and the full User-Agent sent. */
export interface AgentIdentity {
  /** Product token, e.g. `MyBot` (RFC 9309 §2.2.1: letters, digits, `_` and `-`). */
  token: string;
  /** Full User-Agent header sent on every request, e.g. `MyBot/1.0 (+https://example.org/bot)`. */
  userAgent: string;
}

/** How the evidence log is written. See `docs/gate.md` for the fsync policy. */
export interface EvidenceLogOptions {
  /** File the JSONL lines are appended to. */
  path: string;
  /**
   * `'always'`: every line is written and fsync'd before the call that made it returns.
   * `'flush'` (default): lines are batched, written every `flushInterval` ms and fsync'd after each write.
   * `'never'`: batched writes, durability left to the operating system.
   */
  fsync?: 'always' | 'flush' | 'never';
  /** Milliseconds between batched writes. Default 100. */
  flushInterval?: number;
  /** Also log every decision (default true); retrievals are always logged. */
  decisions?: boolean;
}

/** Options of `createGate`. Every limit has a default; all are validated when the gate is created. */
export interface GateOptions {
  agent: AgentIdentity;
  /** The use the caller intends. Default `'train-ai'`. */
  purpose?: Category;
  /** What a decision with status `unknown` becomes. Default `'allow'`. */
  defaultForUnknown?: 'allow' | 'disallow';
  /** Apply category inheritance (a `tdm` disallow covers `train-ai`). Default true. */
  inheritance?: boolean;
  /** Where origin policies are kept between checks and runs. Default: an in-memory store. */
  store?: PolicyStore;
  /** A pino logger. Default: silent. At `debug` the gate logs fetches, cache hits and misses and single-flight joins. */
  logger?: Logger;
  /** Which files to read besides robots.txt: tdmrep.json, ai.txt, the RSL documents robots.txt names (and those a response links to). Default all true. */
  files?: { tdmrep?: boolean; aitxt?: boolean; rsl?: boolean };
  /**
   * Read tdmrep.json, ai.txt and RSL documents even when robots.txt shuts the
   * agent out of every path (or is unreachable). Default false: no decision
   * at that origin could depend on them, and a crawler shut out of a site
   * asks it for nothing else. `optout audit` sets it, to show them all.
   */
  readFilesWhenShutOut?: boolean;
  /** Options passed to `parseRobots` (e.g. `robotsInference`, `lenient`). */
  robots?: Omit<RobotsOptions, 'url' | 'maxBytes'>;
  /** TDMRep cascade mode. Default `'spec'`. */
  tdmrep?: 'spec' | 'conservative';
  /** robots.txt answered 401/403: `'unavailable'` (RFC 9309, default: no restrictions) or `'unreachable'` (disallow all). */
  robotsAuthDenied?: 'unavailable' | 'unreachable';
  /** tdmrep.json or ai.txt failed (5xx, 429, network): `'unknown'` (default) or `'reserved'` (strict: treat as a `tdm` disallow). */
  originFileFailure?: 'unknown' | 'reserved';
  /** Largest body read from an origin file, after decompression; the rest is cut. Default 500 KiB. */
  maxFileBytes?: number;
  /** Largest response body `gate.fetch` buffers for inspection (HTML, media). Default 10 MiB. */
  maxBodyBytes?: number;
  /** Redirects followed per request. Default 5 (RFC 9309 §2.3.1.2); one more is an error. */
  maxRedirects?: number;
  /** Milliseconds to establish a connection (TCP and TLS). Default 10 s. */
  connectTimeout?: number;
  /** Milliseconds to wait for response headers. Default 10 s. */
  headersTimeout?: number;
  /** Milliseconds a body may stay idle between chunks. Default 10 s. */
  bodyTimeout?: number;
  /** Milliseconds for a whole origin-file request, body included. Default 30 s. */
  totalTimeout?: number;
  /**
   * Work in flight across all origins (p-limit): an origin whose files are
   * being read counts once (they go one after another), a `gate.fetch`
   * request once. Default 64.
   */
  concurrency?: number;
  /** Connections the gate's own Agent opens per origin; requests beyond them queue. Default 1. */
  connectionsPerOrigin?: number;
  /** Minimum milliseconds between two requests to one origin. Default 0. */
  minInterval?: number;
  /** Honour robots.txt `Crawl-delay` (seconds) as a per-origin interval for `gate.fetch`. Default false. */
  respectCrawlDelay?: boolean;
  /** Longest `Crawl-delay` honoured, in milliseconds. Default 30 s. */
  maxCrawlDelay?: number;
  /** Cache lifetime of a policy when no `Cache-Control: max-age` says otherwise. Default 24 h. */
  ttl?: number;
  /** Lower bound for a `max-age` lifetime. Default 1 min. */
  minTtl?: number;
  /** Upper bound for a `max-age` lifetime. Default 24 h (RFC 9309 §2.4). */
  maxTtl?: number;
  /** Lifetime of a policy built from a failed fetch; doubles with each consecutive failure. Default 1 min. */
  failureTtl?: number;
  /** Upper bound of the failure back-off. Default 15 min. */
  maxFailureTtl?: number;
  /** How long an expired policy may still answer while it is refreshed in the background. Default 0 (off). */
  staleWhileRevalidate?: number;
  /**
   * Milliseconds a cached check may reuse the time it last read, rather than
   * read the clock again. Default 1; 0 reads it on every check (for tests
   * that move a fake `Date` between checks).
   */
  clockResolution?: number;
  /** Bytes of compiled policies kept in memory. Default 64 MiB. */
  maxCacheBytes?: number;
  /** Map `host:port` to an address, like curl `--resolve` (e.g. `{ 'example.org:443': '127.0.0.1' }` or `['example.org:443:127.0.0.1']`). */
  resolve?: Record<string, string> | readonly string[];
  /** An undici Dispatcher to send requests through instead of the gate's own Agent (`connectTimeout` and `resolve` then do not apply). */
  dispatcher?: Dispatcher;
  /** Append-only JSONL evidence of every retrieval and decision: a path or options. */
  evidenceLog?: string | EvidenceLogOptions;
}

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  agent: AgentIdentity;
  purpose: Category;
  defaultForUnknown: 'allow' | 'disallow';
  inheritance: boolean;
  files: { tdmrep: boolean; aitxt: boolean; rsl: boolean };
  readFilesWhenShutOut: boolean;
  robots: Omit<RobotsOptions, 'url' | 'maxBytes'>;
  tdmrep: 'spec' | 'conservative';
  robotsAuthDenied: 'unavailable' | 'unreachable';
  originFileFailure: 'unknown' | 'reserved';
  maxFileBytes: number;
  maxBodyBytes: number;
  maxRedirects: number;
  connectTimeout: number;
  headersTimeout: number;
  bodyTimeout: number;
  totalTimeout: number;
  concurrency: number;
  connectionsPerOrigin: number;
  minInterval: number;
  respectCrawlDelay: boolean;
  maxCrawlDelay: number;
  ttl: number;
  minTtl: number;
  maxTtl: number;
  failureTtl: number;
  maxFailureTtl: number;
  staleWhileRevalidate: number;
  clockResolution: number;
  maxCacheBytes: number;
  resolve: Map<string, string>;
  evidenceLog: EvidenceLogOptions | undefined;
}

const TOKEN = /^[A-Za-z0-9_-]+$/;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function count(value: number | undefined, fallback: number, name: string, min = 0): number {
  if (value === undefined) return fallback;
  assertArg(
    typeof value === 'number' && Number.isFinite(value) && value >= min,
    `${name} must be a finite number >= ${min}, got ${String(value)}`,
  );
  return value;
}

function whole(value: number | undefined, fallback: number, name: string): number {
  const n = count(value, fallback, name, 1);
  assertArg(Number.isInteger(n), `${name} must be a whole number, got ${n}`);
  return n;
}

function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  assertArg(allowed.includes(value), `${name} must be one of ${allowed.join(', ')}, got ${String(value)}`);
  return value;
}

/** Parse the `resolve` option into a map from lower-case `host:port` to an address. */
function resolveMap(resolve: GateOptions['resolve']): Map<string, string> {
  const map = new Map<string, string>();
  if (resolve === undefined) return map;
  const entries: [string, string][] = Array.isArray(resolve)
    ? (resolve as readonly string[]).map((line) => {
        assertArg(typeof line === 'string', 'resolve entries must be "host:port:address" strings');
        const first = line.indexOf(':');
        const second = line.indexOf(':', first + 1);
        assertArg(first > 0 && second > first, `resolve entry must be "host:port:address", got ${line}`);
        return [line.slice(0, second), line.slice(second + 1)];
      })
    : Object.entries(resolve as Record<string, string>);
  for (const [hostPort, address] of entries) {
    const colon = hostPort.lastIndexOf(':');
    const port = Number(hostPort.slice(colon + 1));
    assertArg(
      colon > 0 && Number.isInteger(port) && port > 0 && port < 65536,
      `resolve key must be "host:port", got ${hostPort}`,
    );
    assertArg(typeof address === 'string' && address.length > 0, `resolve address for ${hostPort} is empty`);
    const host = new URL(`http://${hostPort.slice(0, colon)}`).hostname;
    map.set(`${host}:${port}`, address.replace(/^\[(.*)\]$/, '$1'));
  }
  return map;
}

function evidenceLogOptions(value: GateOptions['evidenceLog']): EvidenceLogOptions | undefined {
  if (value === undefined) return undefined;
  const options = typeof value === 'string' ? { path: value } : value;
  assertArg(
    typeof options.path === 'string' && options.path.length > 0,
    'evidenceLog.path must be a file path',
  );
  return {
    path: options.path,
    fsync: oneOf<'always' | 'flush' | 'never'>(
      options.fsync,
      ['always', 'flush', 'never'],
      'flush',
      'evidenceLog.fsync',
    ),
    flushInterval: count(options.flushInterval, 100, 'evidenceLog.flushInterval', 1),
    decisions: options.decisions ?? true,
  };
}

/** Validate `createGate` options and fill in defaults. Throws `OPTOUT_ERR_INVALID_ARG`. */
export function resolveOptions(options: GateOptions): ResolvedOptions {
  assertArg(typeof options === 'object' && options !== null, 'createGate needs an options object');
  const agent = options.agent;
  assertArg(typeof agent === 'object' && agent !== null, 'agent { token, userAgent } is required');
  assertArg(
    typeof agent.token === 'string' && TOKEN.test(agent.token),
    `agent.token must be a product token (letters, digits, "_", "-"), got ${String(agent.token)}`,
  );
  assertArg(
    typeof agent.userAgent === 'string' &&
      agent.userAgent.trim().length > 0 &&
      !/[\r\n]/.test(agent.userAgent),
    'agent.userAgent must be a non-empty single-line string',
  );
  assertArg(
    options.purpose === undefined || isCategory(options.purpose),
    `purpose must be a usage category, got ${String(options.purpose)}`,
  );
  for (const method of ['get', 'set', 'delete'] as const) {
    assertArg(
      options.store === undefined || typeof options.store[method] === 'function',
      `store needs a ${method}() method`,
    );
  }
  assertArg(
    options.dispatcher === undefined || typeof options.dispatcher.dispatch === 'function',
    'dispatcher must be an undici Dispatcher',
  );
  const minTtl = count(options.minTtl, MINUTE, 'minTtl');
  const maxTtl = count(options.maxTtl, 24 * HOUR, 'maxTtl');
  assertArg(minTtl <= maxTtl, 'minTtl must not exceed maxTtl');
  const failureTtl = count(options.failureTtl, MINUTE, 'failureTtl', 1);
  const maxFailureTtl = count(options.maxFailureTtl, 15 * MINUTE, 'maxFailureTtl', 1);
  assertArg(failureTtl <= maxFailureTtl, 'failureTtl must not exceed maxFailureTtl');
  return {
    agent: { token: agent.token, userAgent: agent.userAgent },
    purpose: options.purpose ?? 'train-ai',
    defaultForUnknown: oneOf(options.defaultForUnknown, ['allow', 'disallow'], 'allow', 'defaultForUnknown'),
    inheritance: options.inheritance ?? true,
    files: {
      tdmrep: options.files?.tdmrep ?? true,
      aitxt: options.files?.aitxt ?? true,
      rsl: options.files?.rsl ?? true,
    },
    readFilesWhenShutOut: options.readFilesWhenShutOut ?? false,
    robots: { ...options.robots },
    tdmrep: oneOf(options.tdmrep, ['spec', 'conservative'], 'spec', 'tdmrep'),
    robotsAuthDenied: oneOf(
      options.robotsAuthDenied,
      ['unavailable', 'unreachable'],
      'unavailable',
      'robotsAuthDenied',
    ),
    originFileFailure: oneOf(
      options.originFileFailure,
      ['unknown', 'reserved'],
      'unknown',
      'originFileFailure',
    ),
    maxFileBytes: count(options.maxFileBytes, 500 * 1024, 'maxFileBytes', 1),
    maxBodyBytes: count(options.maxBodyBytes, 10 * 1024 * 1024, 'maxBodyBytes', 1),
    maxRedirects: count(options.maxRedirects, 5, 'maxRedirects'),
    connectTimeout: count(options.connectTimeout, 10_000, 'connectTimeout', 1),
    headersTimeout: count(options.headersTimeout, 10_000, 'headersTimeout', 1),
    bodyTimeout: count(options.bodyTimeout, 10_000, 'bodyTimeout', 1),
    totalTimeout: count(options.totalTimeout, 30_000, 'totalTimeout', 1),
    concurrency: whole(options.concurrency, 64, 'concurrency'),
    connectionsPerOrigin: whole(options.connectionsPerOrigin, 1, 'connectionsPerOrigin'),
    minInterval: count(options.minInterval, 0, 'minInterval'),
    respectCrawlDelay: options.respectCrawlDelay ?? false,
    maxCrawlDelay: count(options.maxCrawlDelay, 30_000, 'maxCrawlDelay'),
    ttl: count(options.ttl, 24 * HOUR, 'ttl', 1),
    minTtl,
    maxTtl,
    failureTtl,
    maxFailureTtl,
    staleWhileRevalidate: count(options.staleWhileRevalidate, 0, 'staleWhileRevalidate'),
    clockResolution: count(options.clockResolution, 1, 'clockResolution'),
    maxCacheBytes: count(options.maxCacheBytes, 64 * 1024 * 1024, 'maxCacheBytes', 1024),
    resolve: resolveMap(options.resolve),
    evidenceLog: evidenceLogOptions(options.evidenceLog),
  };
}
