// Pure pieces of the gate: URL splitting, the outcome table, cache lifetimes, logging.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { createGate, type Gate, outcomeOf, type Retrieval } from '../src/index.js';
import { maxAgeOf, policyLifetime, retryAfterOf } from '../src/lib/lifetime.js';
import { originOf, prefixEnd } from '../src/lib/origin.js';
import { reply, startServer, type TestServer } from './helpers/server.js';

function retrieval(over: Partial<Retrieval>): Retrieval {
  return {
    id: 'r',
    file: 'robots',
    url: 'https://a.example/robots.txt',
    finalUrl: 'https://a.example/robots.txt',
    redirects: [],
    headers: {},
    retrievedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    bytes: 0,
    truncated: false,
    ...over,
  };
}

describe('origin splitting', () => {
  test.each([
    ['https://a.example/x?y', 17],
    ['HTTP://A.example', 16],
    ['https://a.example?q', 17],
    ['https://a.example#f', 17],
    ['http://[::1]:8080/', 17],
    ['http://a.example\\x', 16],
  ])('prefixEnd(%s) = %i', (url, end) => {
    expect(prefixEnd(url)).toBe(end);
  });

  test.each(['ftp://a/x', '/path', 'mailto:x@y', 'https:/a', ''])('prefixEnd(%j) rejects', (url) => {
    expect(prefixEnd(url)).toBe(-1);
  });

  test.each([
    ['https://EXAMPLE.org:443/x', 'https://example.org', 443],
    ['http://example.org:80', 'http://example.org', 80],
    ['http://example.org:8080/', 'http://example.org:8080', 8080],
    ['https://bücher.example/', 'https://xn--bcher-kva.example', 443],
    ['http://[::1]:81/', 'http://[::1]:81', 81],
    ['https://u:p@example.org/', 'https://example.org', 443],
  ])('originOf(%s) is %s', (url, origin, port) => {
    expect(originOf(url)).toMatchObject({ origin, port });
  });
});

describe('outcomeOf: the one status table (SIGNALS.md §0.5)', () => {
  const rules = { robotsAuthDenied: 'unavailable' as const };
  const body = new TextEncoder().encode('User-agent: *\n');
  test.each([
    [200, 'robots', 'parse'],
    [206, 'robots', 'parse'],
    [404, 'robots', 'absent'],
    [401, 'robots', 'absent'],
    [403, 'tdmrep', 'absent'],
    [410, 'aitxt', 'absent'],
    [429, 'robots', 'failed'],
    [429, 'tdmrep', 'failed'],
    [500, 'aitxt', 'failed'],
    [503, 'robots', 'failed'],
    [304, 'robots', 'failed'],
  ] as const)('HTTP %i for %s is %s', (status, file, kind) => {
    expect(outcomeOf(retrieval({ status, file, body }), rules).kind).toBe(kind);
  });

  test('a network failure is failed with the failure code', () => {
    const outcome = outcomeOf(
      retrieval({ failure: { kind: 'headers-timeout', code: 'OPTOUT_ERR_FETCH_TIMEOUT', message: 'slow' } }),
      rules,
    );
    expect(outcome).toEqual({
      kind: 'failed',
      error: {
        source: 'robots',
        code: 'OPTOUT_ERR_FETCH_TIMEOUT',
        message: 'slow',
        url: 'https://a.example/robots.txt',
      },
    });
  });

  test('robotsAuthDenied: unreachable turns robots.txt 401/403 into failed, and only robots.txt', () => {
    const strict = { robotsAuthDenied: 'unreachable' as const };
    expect(outcomeOf(retrieval({ status: 403 }), strict).kind).toBe('failed');
    expect(outcomeOf(retrieval({ status: 403, file: 'tdmrep' }), strict).kind).toBe('absent');
  });

  test('HTML with 200 is not-a-file, whatever the content type says', () => {
    const html = new TextEncoder().encode('  \n<!DOCTYPE HTML><html></html>');
    expect(
      outcomeOf(retrieval({ status: 200, body: html, headers: { 'content-type': 'text/plain' } }), rules)
        .kind,
    ).toBe('not-a-file');
  });
});

describe('cache lifetimes', () => {
  const rules = {
    ttl: 86_400_000,
    minTtl: 60_000,
    maxTtl: 86_400_000,
    failureTtl: 60_000,
    maxFailureTtl: 900_000,
  };
  const ok = (headers: Record<string, string> = {}) => ({
    retrieval: retrieval({ status: 200, headers }),
    outcome: { kind: 'parse' as const, text: '', notes: [] },
  });
  const failed = {
    retrieval: retrieval({ status: 503 }),
    outcome: { kind: 'failed' as const, error: { source: 'robots', code: 'X', message: 'HTTP 503' } },
  };

  test.each([
    ['max-age=300', 300],
    ['public, max-age="60"', 60],
    ['no-store', 0],
    ['no-cache, max-age=600', 0],
    ['private', undefined],
    [undefined, undefined],
  ])('maxAgeOf(%j) = %j', (value, seconds) => {
    expect(maxAgeOf(value)).toBe(seconds);
  });

  test('no max-age: the default TTL', () => {
    expect(policyLifetime([ok()], 0, rules)).toEqual({ ttl: 86_400_000, failures: 0 });
  });

  test('max-age is clamped to [minTtl, maxTtl], and the shortest file wins', () => {
    expect(policyLifetime([ok({ 'cache-control': 'max-age=5' })], 0, rules).ttl).toBe(60_000);
    expect(policyLifetime([ok({ 'cache-control': 'max-age=999999' })], 0, rules).ttl).toBe(86_400_000);
    expect(
      policyLifetime(
        [ok({ 'cache-control': 'max-age=600' }), ok({ 'cache-control': 'max-age=120' })],
        0,
        rules,
      ).ttl,
    ).toBe(120_000);
  });

  test('Retry-After on a failed response lengthens the back-off, never past maxFailureTtl', () => {
    const busy = (value: string) => ({
      ...failed,
      retrieval: retrieval({ status: 503, headers: { 'retry-after': value } }),
    });
    expect(policyLifetime([busy('300')], 0, rules).ttl).toBe(300_000);
    expect(policyLifetime([busy('5')], 0, rules).ttl).toBe(60_000);
    expect(policyLifetime([busy('86400')], 0, rules).ttl).toBe(900_000);
    expect(retryAfterOf('Fri, 27 Nov 2026 18:02:00 GMT', Date.parse('Fri, 27 Nov 2026 18:00:00 GMT'))).toBe(
      120,
    );
    expect(retryAfterOf('soon')).toBeUndefined();
  });

  test('failures back off exponentially up to maxFailureTtl', () => {
    expect([0, 1, 2, 3, 4, 10].map((previous) => policyLifetime([ok(), failed], previous, rules))).toEqual([
      { ttl: 60_000, failures: 1 },
      { ttl: 120_000, failures: 2 },
      { ttl: 240_000, failures: 3 },
      { ttl: 480_000, failures: 4 },
      { ttl: 900_000, failures: 5 },
      { ttl: 900_000, failures: 11 },
    ]);
  });
});

describe('logging', () => {
  const servers: TestServer[] = [];
  const gates: Gate[] = [];
  afterEach(async () => {
    await Promise.all(gates.splice(0).map((g) => g.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  test('debug shows fetches, cache misses and hits, and single-flight joins', async () => {
    const s = await startServer({ '/robots.txt': reply(200, 'User-agent: *\nDisallow: /private/\n') });
    servers.push(s);
    const lines: { msg: string }[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const g = createGate({
      agent: { token: 'TestBot', userAgent: 'TestBot/1.0' },
      logger: pino({ level: 'debug' }, sink),
    });
    gates.push(g);
    await Promise.all([g.check(`${s.origin}/a`), g.check(`${s.origin}/b`)]);
    await g.check(`${s.origin}/c`);
    const messages = lines.map((l) => l.msg);
    expect(messages).toContain('cache miss');
    expect(messages).toContain('single-flight join');
    expect(messages.filter((m) => m === 'fetched origin file')).toHaveLength(4);
    expect(messages).toContain('cache hit');
  });

  test('silent by default: nothing is written', async () => {
    const s = await startServer({ '/robots.txt': reply(200, 'User-agent: *\n') });
    servers.push(s);
    const g = createGate({ agent: { token: 'TestBot', userAgent: 'TestBot/1.0' } });
    gates.push(g);
    const write = process.stdout.write;
    let written = 0;
    process.stdout.write = ((chunk: string) => {
      written += chunk.length;
      return true;
    }) as typeof process.stdout.write;
    try {
      await g.check(`${s.origin}/a`);
    } finally {
      process.stdout.write = write;
    }
    expect(written).toBe(0);
  });
});
