import { cleanTargetMask, type Decision, decide, NEEDS_NORMALIZING, OptoutError } from '@optout/core';
import type { Robots } from '@optout/robots';
import { LRUCache } from 'lru-cache';
import pLimit, { type LimitFunction } from 'p-limit';
import { type Logger, pino } from 'pino';
import type { Dispatcher } from 'undici';
import { CoarseClock } from './clock.js';
import { EvidenceLog, retrievalEntry } from './evidence-log.js';
import { type GateFetchInit, type GateFetchResult, gateFetch } from './fetch.js';
import { createAgent, type OriginFile, type Retrieval, retrieve } from './http.js';
import { policyLifetime } from './lifetime.js';
import { LinkedLicenses, type LinkedTerms } from './linked-licenses.js';
import { type GateOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { endsAuthority, isPlainPath, normalizeUrl, type OriginParts, originOf, prefixEnd } from './origin.js';
import { outcomeOf } from './outcome.js';
import {
  aiTxtOf,
  compilePolicy,
  type OriginPolicy,
  type ParsedFiles,
  type PolicyRules,
  robotsOf,
} from './policy.js';
import { Politeness } from './politeness.js';
import type { InspectedResponse } from './response.js';
import { SharedMatchers } from './shared-matchers.js';
import { createMemoryStore } from './stores/memory.js';
import { recordSize } from './stores/record.js';
import { POLICY_RECORD_VERSION, type PolicyRecord, type PolicyStore } from './stores/types.js';
import { type VerdictRules, Verdicts } from './verdicts.js';

/** One origin's place in the cache: its current policy, its verdicts, its refresh in flight. */
interface Slot {
  origin: OriginParts;
  policy?: OriginPolicy;
  /** The policy's verdicts, set with it. */
  verdicts?: SlotVerdicts;
  loading?: Promise<void>;
  evicted: boolean;
  /** Raw URL prefixes (`HTTP://Example.org:443`, ...) that lead to this slot's verdicts on the fast path. */
  prefixes: string[];
}

/**
 * A slot's verdicts with what a cached check needs of the slot itself, in
 * one object: when origins interleave, every object a check reads is a
 * cache miss, and the fast path finds this one without reading the slot.
 */
class SlotVerdicts extends Verdicts {
  /** When the LRU was last told the slot was used (see RECENCY_INTERVAL). */
  usedAt = 0;
  readonly expiresAt: number;

  constructor(
    readonly slot: Slot,
    policy: OriginPolicy,
    rules: VerdictRules,
    matchers: SharedMatchers,
  ) {
    super(policy, rules, matchers);
    this.expiresAt = policy.expiresAt;
  }
}

const ROOT_FILES: readonly [OriginFile, string][] = [
  ['robots', '/robots.txt'],
  ['tdmrep', '/.well-known/tdmrep.json'],
  ['aitxt', '/ai.txt'],
];
// A cached check tells the LRU of compiled policies about its use at most this
// often (ms): on every check the bookkeeping would cost more than the check,
// and never, the origins answered from the fast path would be evicted first.
const RECENCY_INTERVAL = 1000;
// RSL documents read per origin: robots.txt may name any number, each a request.
const MAX_LICENSES = 3;
// Raw URL prefixes remembered for the fast path; cleared wholesale when full.
const MAX_PREFIXES = 200_000;
const MAX_SPELLINGS = 8;

/**
 * The cached decision engine. Create it with `createGate`; see that function
 * for the methods.
 */
export class Gate {
  readonly options: ResolvedOptions;
  private readonly store: PolicyStore;
  private readonly logger: Logger;
  private readonly debug: boolean;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly limit: LimitFunction;
  private readonly politeness = new Politeness();
  private readonly clock: CoarseClock;
  // Each set stores a fresh `{ slot }` box: lru-cache recomputes an entry's
  // size only when the value changes, and a slot's size grows when its policy lands.
  private readonly slots: LRUCache<string, { slot: Slot }>;
  // Only live slots' verdicts: eviction and refreshes keep the map in step.
  private readonly byPrefix = new Map<string, SlotVerdicts>();
  // The last prefix the fast path found: crawlers check runs of URLs on one
  // origin, and comparing the URL's start costs less than slicing and hashing it.
  private lastPrefix = '';
  private lastVerdicts: SlotVerdicts | undefined;
  private readonly evidence: EvidenceLog | undefined;
  private readonly rules: PolicyRules;
  private readonly verdictRules: VerdictRules;
  private readonly matchers: SharedMatchers;
  private readonly licenses: LinkedLicenses;
  // Connections of the gate's own for the licences a response links to (see `documentDispatcher`).
  private documents: Dispatcher | undefined;
  private closed = false;

  constructor(options: GateOptions) {
    this.options = resolveOptions(options);
    const o = this.options;
    this.store = options.store ?? createMemoryStore({ maxBytes: o.maxCacheBytes });
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ module: '@optout/gate' });
    this.debug = this.logger.isLevelEnabled('debug');
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? createAgent(o);
    this.limit = pLimit(o.concurrency);
    this.clock = new CoarseClock(o.clockResolution);
    this.evidence = o.evidenceLog ? new EvidenceLog(o.evidenceLog) : undefined;
    this.rules = {
      token: o.agent.token,
      robotsAuthDenied: o.robotsAuthDenied,
      originFileFailure: o.originFileFailure,
      robots: o.robots,
      tdmrep: o.tdmrep,
    };
    this.verdictRules = {
      token: o.agent.token,
      purpose: o.purpose,
      defaultForUnknown: o.defaultForUnknown,
      inheritance: o.inheritance,
    };
    // Matchers outlive the policies that made them only within an eighth of the policies' budget.
    this.matchers = new SharedMatchers(o.agent.token, Math.ceil(o.maxCacheBytes / 8));
    this.licenses = new LinkedLicenses(
      (url) => this.retrieveFile(new URL(url).origin, 'rsl', url, this.documentDispatcher()),
      this.rules,
      { ok: o.ttl, failed: o.failureTtl },
    );
    this.slots = new LRUCache<string, { slot: Slot }>({
      maxSize: o.maxCacheBytes,
      // Parsed rules take about six times the bytes of the files they came from.
      sizeCalculation: ({ slot }) => (slot.policy ? 6 * recordSize(slot.policy.record) : 1024),
      // An evicted slot must become unreachable, or the prefix map would keep its policy alive.
      dispose: ({ slot }, _origin, reason) => {
        if (reason !== 'set') this.forget(slot);
      },
    });
  }

  /**
   * The decision for a URL if its origin's policy is cached and fresh (or
   * stale within `staleWhileRevalidate`, which also starts a refresh);
   * otherwise undefined. Synchronous: the hot path of `check`.
   */
  peek(url: string): Decision | undefined {
    // The last origin found is tried first: when the URL starts with its
    // prefix and the authority ends right there, that is what `prefixEnd`
    // would find, without scanning the authority again.
    let verdicts = this.lastVerdicts;
    let end = this.lastPrefix.length;
    if (verdicts === undefined || !url.startsWith(this.lastPrefix) || !endsAuthority(url, end)) {
      end = prefixEnd(url);
      verdicts = end < 0 ? undefined : this.verdictsAt(url, end);
      if (verdicts === undefined) return undefined;
    }
    const path = url.slice(end);
    const mask = cleanTargetMask(path);
    // A clean path has no control character, `\` or `%`: only a dot segment could make it other than plain.
    if ((mask === NEEDS_NORMALIZING || path.includes('/.')) && !isPlainPath(path, 0)) return undefined;
    const now = this.clock.now();
    if (now >= verdicts.expiresAt) {
      if (now >= verdicts.expiresAt + this.options.staleWhileRevalidate) return undefined;
      this.refreshInBackground(verdicts.slot);
    }
    if (now - verdicts.usedAt >= RECENCY_INTERVAL) {
      verdicts.usedAt = now;
      this.slots.get(verdicts.slot.origin.origin);
    }
    if (this.debug) this.logger.debug({ origin: verdicts.policy.origin, url }, 'cache hit');
    return this.evaluate(verdicts, url, path, mask);
  }

  /** The verdicts the prefix `url.slice(0, end)` leads to, if any; remembered as the last found. */
  private verdictsAt(url: string, end: number): SlotVerdicts | undefined {
    const prefix = url.slice(0, end);
    const verdicts = this.byPrefix.get(prefix);
    if (verdicts === undefined) return undefined;
    this.lastPrefix = prefix;
    this.lastVerdicts = verdicts;
    return verdicts;
  }

  /** The decision before fetching `url`: robots.txt, tdmrep.json, ai.txt and robots AI lines of its origin. */
  async check(url: string | URL): Promise<Decision> {
    const href = typeof url === 'string' ? url : url.href;
    return this.peek(href) ?? this.checkCold(href);
  }

  private async checkCold(given: string): Promise<Decision> {
    let url = given;
    let end = prefixEnd(url);
    if (end < 0 || !isPlainPath(url, end)) {
      url = normalizeUrl(url);
      end = prefixEnd(url);
    }
    const slot = await this.loadSlot(url);
    this.rememberPrefix(slot, url.slice(0, end));
    return this.evaluate(slot.verdicts!, url, url.slice(end), NEEDS_NORMALIZING);
  }

  private rememberPrefix(slot: Slot, prefix: string): void {
    if (slot.evicted || this.byPrefix.get(prefix)?.slot === slot) return;
    // An origin has few spellings; past MAX_SPELLINGS they take the slow path,
    // so every prefix mapped to a slot is known to it and dropped on eviction.
    if (slot.prefixes.length >= MAX_SPELLINGS) return;
    if (this.byPrefix.size >= MAX_PREFIXES) {
      this.byPrefix.clear();
      for (const { slot: cached } of this.slots.values()) cached.prefixes.length = 0;
    }
    // A sliced string would keep the whole URL alive and make every lookup
    // that compares it read through to that URL: the key gets its own copy.
    const key = JSON.parse(JSON.stringify(prefix)) as string;
    this.byPrefix.set(key, slot.verdicts!);
    // A copy, not a push: a pushed array keeps 17 slots, and most origins have one spelling.
    slot.prefixes = [...slot.prefixes, key];
  }

  /** The policy of an origin (`https://host[:port]`, or any URL on it), fetched if needed. */
  async policy(origin: string): Promise<OriginPolicy> {
    const slot = await this.loadSlot(origin);
    return slot.policy!;
  }

  /** The decision after fetching: the origin's statements plus those the response carries. */
  async inspect(url: string | URL, response: InspectedResponse): Promise<Decision> {
    const href = normalizeUrl(typeof url === 'string' ? url : url.href);
    const slot = await this.loadSlot(href);
    const policy = slot.policy!;
    const { readResponse } = await responseReaders();
    const reading = readResponse(href, response, policy, this.options.agent.token);
    const linked = await this.linkedTerms(reading.licenses, href, policy);
    const decision = decide({
      url: href,
      agent: this.options.agent.token,
      purpose: this.options.purpose,
      statements: [...reading.statements, ...linked.statements],
      errors: [...policy.errors, ...linked.errors],
      defaultForUnknown: this.options.defaultForUnknown,
      inheritance: this.options.inheritance,
    });
    this.logDecision(policy, decision, linked.retrievalIds);
    return decision;
  }

  /** What the RSL licences a response links to say about `url`; none read with `files: { rsl: false }`. */
  private linkedTerms(urls: string[], url: string, policy: OriginPolicy): Promise<LinkedTerms> | LinkedTerms {
    if (!this.options.files.rsl || urls.length === 0) return { statements: [], errors: [], retrievalIds: [] };
    // The licences robots.txt names are part of the origin's statements already.
    const known = new Set(policy.record.retrievals.filter((r) => r.file === 'rsl').map((r) => r.url));
    return this.licenses.terms(urls, url, known);
  }

  /**
   * The dispatcher for licences a response links to. `gate.fetch` inspects a
   * response before its body is read, and the gate's own agent keeps one
   * connection per origin: a licence on the page's origin would wait behind
   * that body. So the gate reads them on connections of their own; a
   * dispatcher the caller gave is used as it is (undici's `Agent` and `Pool`
   * open more than one connection per origin by default).
   */
  private documentDispatcher(): Dispatcher {
    if (!this.ownsDispatcher) return this.dispatcher;
    this.documents ??= createAgent(this.options);
    return this.documents;
  }

  /**
   * Check `url`; if allowed, fetch it with undici (each redirect target is
   * checked before it is requested), then inspect the response. A disallowed
   * URL is never requested: `response` is then absent.
   */
  fetch(url: string | URL, init?: GateFetchInit): Promise<GateFetchResult> {
    return gateFetch(this, typeof url === 'string' ? url : url.href, init);
  }

  /** Write pending, close the store, the evidence log and the gate's own connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.slots.values()].map(({ slot }) => slot.loading));
    this.evidence?.close();
    await this.store.close?.();
    if (this.ownsDispatcher) await Promise.all([this.dispatcher.close(), this.documents?.close()]);
  }

  /** Seconds of `Crawl-delay` for the gate's token at this origin, if its robots.txt sets one. */
  crawlDelay(policy: OriginPolicy): number | undefined {
    return policy.robots?.crawlDelay(this.options.agent.token);
  }

  /** The undici dispatcher the gate sends its requests through. */
  get agent(): Dispatcher {
    return this.dispatcher;
  }

  /** Wait for this origin's politeness slot (min interval, and `Crawl-delay` when respected). */
  async politeWait(policy: OriginPolicy): Promise<void> {
    const o = this.options;
    const delay = o.respectCrawlDelay ? Math.min((this.crawlDelay(policy) ?? 0) * 1000, o.maxCrawlDelay) : 0;
    await this.politeness.wait(policy.origin, Math.max(o.minInterval, delay));
  }

  /** Run a request under the global concurrency limit. */
  limited<T>(run: () => Promise<T>): Promise<T> {
    return this.limit(run);
  }

  private evaluate(verdicts: Verdicts, url: string, path: string, mask: number): Decision {
    const decision = verdicts.decision(url, path, mask);
    if (this.evidence?.logsDecisions) this.logDecision(verdicts.policy, decision);
    return decision;
  }

  /** Log a decision with the retrievals behind it: the policy's, and `more` (licences a response linked to). */
  private logDecision(policy: OriginPolicy, decision: Decision, more: string[] = []): void {
    if (!this.evidence?.logsDecisions) return;
    this.evidence.append({
      type: 'decision',
      at: new Date().toISOString(),
      retrievals: more.length ? [...policy.retrievalIds, ...more] : policy.retrievalIds,
      decision,
    });
  }

  /** The slot of the URL's origin with a usable policy, loading it (single-flight) when needed. */
  private async loadSlot(url: string): Promise<Slot> {
    if (this.closed) throw new OptoutError('OPTOUT_ERR_INVALID_ARG', 'the gate is closed');
    const parts = originOf(url);
    let slot = this.slots.get(parts.origin)?.slot;
    if (!slot) {
      slot = { origin: parts, evicted: false, prefixes: [] };
      this.slots.set(parts.origin, { slot });
    }
    const policy = slot.policy;
    const now = Date.now();
    if (policy && now < policy.expiresAt + this.options.staleWhileRevalidate) {
      if (now >= policy.expiresAt) this.refreshInBackground(slot);
      return slot;
    }
    if (slot.loading) {
      if (this.debug) this.logger.debug({ origin: parts.origin }, 'single-flight join');
    } else {
      if (this.debug) this.logger.debug({ origin: parts.origin }, 'cache miss');
      this.startRefresh(slot);
    }
    await slot.loading;
    return slot;
  }

  private refreshInBackground(slot: Slot): void {
    if (slot.loading) return;
    if (this.debug) this.logger.debug({ origin: slot.origin.origin }, 'stale: refreshing in background');
    this.startRefresh(slot).catch(() => {});
  }

  private startRefresh(slot: Slot): Promise<void> {
    const loading = this.refresh(slot).finally(() => {
      slot.loading = undefined;
    });
    slot.loading = loading;
    return loading;
  }

  /** Install a policy from the store if it is fresh there, else fetch the origin's files. */
  private async refresh(slot: Slot): Promise<void> {
    const origin = slot.origin.origin;
    let stored: PolicyRecord | undefined;
    try {
      stored = await this.store.get(origin);
    } catch (error) {
      this.logger.warn({ origin, err: error }, 'policy store read failed; fetching');
    }
    if (stored && Date.now() < stored.expiresAt) {
      if (this.debug) this.logger.debug({ origin }, 'store hit');
      this.install(slot, stored);
      return;
    }
    const previous = slot.policy?.record ?? stored;
    // The concurrency limit counts origins: their files go one after another
    // on one connection, so an origin started is finished before new ones.
    const { record, parsed } = await this.limit(() => this.fetchRecord(slot.origin, previous?.failures ?? 0));
    this.install(slot, record, parsed);
    const keepUntil = record.expiresAt + this.options.staleWhileRevalidate + this.options.maxTtl;
    try {
      await this.store.set(origin, record, { keepUntil });
    } catch (error) {
      this.logger.warn({ origin, err: error }, 'policy store write failed');
    }
  }

  /** Compile and cache a record's policy; `parsed` holds the files fetching parsed already. */
  private install(slot: Slot, record: PolicyRecord, parsed?: ParsedFiles): void {
    const policy = compilePolicy(record, this.rules, parsed);
    slot.policy = policy;
    const verdicts = new SlotVerdicts(slot, policy, this.verdictRules, this.matchers);
    slot.verdicts = verdicts;
    if (slot.evicted) return;
    // The fast path now leads to the new verdicts.
    if (this.lastVerdicts?.slot === slot) this.lastVerdicts = verdicts;
    for (const prefix of slot.prefixes) this.byPrefix.set(prefix, verdicts);
    this.slots.set(slot.origin.origin, { slot });
    // A policy larger than the whole cache is not kept at all.
    if (this.slots.peek(slot.origin.origin)?.slot !== slot) this.forget(slot);
  }

  /** Take an evicted slot off the fast path, so nothing keeps its policy alive. */
  private forget(slot: Slot): void {
    slot.evicted = true;
    if (this.lastVerdicts?.slot === slot) this.lastVerdicts = undefined;
    for (const prefix of slot.prefixes)
      if (this.byPrefix.get(prefix)?.slot === slot) this.byPrefix.delete(prefix);
  }

  /**
   * Retrieve the origin's files and make the record to store, with the
   * robots.txt parsed on the way. robots.txt comes first: when it shuts the
   * agent out of the whole origin, the other files could change no decision
   * and are not requested.
   */
  private async fetchRecord(
    origin: OriginParts,
    previousFailures: number,
  ): Promise<{ record: PolicyRecord; parsed: ParsedFiles }> {
    const o = this.options;
    const home = origin.origin;
    const robots = await this.retrieveFile(home, 'robots', `${home}/robots.txt`);
    const { file, shutOut, licenses } = this.readRobots(robots);
    const skip = shutOut && !o.readFilesWhenShutOut;
    const others = skip
      ? []
      : ROOT_FILES.filter(([file]) => file !== 'robots' && o.files[file as 'tdmrep' | 'aitxt']);
    const first = [
      robots,
      ...(await Promise.all(others.map(([file, path]) => this.retrieveFile(home, file, home + path)))),
    ];
    // What the first files point to: ai.txt's other place, the RSL documents robots.txt names.
    const then: Promise<Retrieval>[] = [];
    const parsed: ParsedFiles = file ? { robots: file } : {};
    const aitxt = first.find((r) => r.file === 'aitxt');
    if (aitxt) {
      const outcome = outcomeOf(aitxt, this.rules);
      if (outcome.kind === 'parse') parsed.aitxt = aiTxtOf(outcome.text, aitxt);
      if (parsed.aitxt?.format !== 'spawning')
        then.push(this.retrieveFile(home, 'aitxt-wellknown', `${home}/.well-known/ai.txt`));
    }
    if (!skip) for (const url of licenses) then.push(this.retrieveFile(new URL(url).origin, 'rsl', url));
    // One array of the final length: a pushed one would keep spare room in a cached record.
    const retrievals = [...first, ...(await Promise.all(then))];
    const files = retrievals.map((retrieval) => ({ retrieval, outcome: outcomeOf(retrieval, this.rules) }));
    const { ttl, failures } = policyLifetime(files, previousFailures, o);
    const fetchedAt = Date.now();
    const record: PolicyRecord = {
      version: POLICY_RECORD_VERSION,
      origin: origin.origin,
      fetchedAt,
      expiresAt: fetchedAt + ttl,
      failures,
      retrievals,
    };
    return { record, parsed };
  }

  /**
   * robots.txt parsed as the policy will read it, and what it means for the
   * other files: whether it shuts the agent out of every path (an unreachable
   * one does, RFC 9309 §2.3.1.4), and the http(s) RSL documents its
   * `License:` lines name (the first MAX_LICENSES).
   */
  private readRobots(robots: Retrieval): { file?: Robots; shutOut: boolean; licenses: string[] } {
    const outcome = outcomeOf(robots, this.rules);
    if (outcome.kind !== 'parse') return { shutOut: outcome.kind === 'failed', licenses: [] };
    const file = robotsOf(outcome.text, robots, this.rules);
    // Only http(s) documents can be fetched; another scheme would fail on every refresh.
    const licenses = this.options.files.rsl ? file.licenses.filter((url) => /^https?:/i.test(url)) : [];
    return {
      file,
      shutOut: file.disallowsAll(this.options.agent.token),
      licenses: licenses.slice(0, MAX_LICENSES),
    };
  }

  /** Retrieve one file; `origin` is the one its host is polite to. */
  private async retrieveFile(
    origin: string,
    file: OriginFile,
    url: string,
    dispatcher = this.dispatcher,
  ): Promise<Retrieval> {
    const o = this.options;
    await this.politeness.wait(origin, o.minInterval);
    const retrieval = await retrieve(file, url, {
      dispatcher,
      userAgent: o.agent.userAgent,
      maxBytes: o.maxFileBytes,
      maxRedirects: o.maxRedirects,
      headersTimeout: o.headersTimeout,
      bodyTimeout: o.bodyTimeout,
      totalTimeout: o.totalTimeout,
    });
    if (this.debug) {
      this.logger.debug(
        { url, status: retrieval.status, failure: retrieval.failure?.kind, ms: retrieval.durationMs },
        'fetched origin file',
      );
    }
    this.evidence?.append(retrievalEntry(origin, retrieval));
    return retrieval;
  }
}

let readers: Promise<typeof import('./inspect.js')> | undefined;

/**
 * The response readers (HTML, PDF, EPUB, media metadata), loaded on the first
 * `inspect`: `check` never needs them, and they are most of the gate's
 * start-up time (cheerio, xmldom, the media parsers).
 */
function responseReaders(): Promise<typeof import('./inspect.js')> {
  readers ??= import('./inspect.js');
  return readers;
}

/**
 * Create a gate: the cached decision engine a crawler calls before every
 * fetch. Options are validated now (`OPTOUT_ERR_INVALID_ARG`).
 *
 * - `gate.check(url)`: decision before fetching (origin files, cached per origin).
 * - `gate.inspect(url, response)`: decision after fetching (adds headers, HTML meta, embedded signals).
 * - `gate.fetch(url, init)`: check, fetch only if allowed, inspect.
 * - `gate.policy(origin)`: the origin's files, retrieval records and errors.
 * - `gate.close()`.
 */
export function createGate(options: GateOptions): Gate {
  return new Gate(options);
}
