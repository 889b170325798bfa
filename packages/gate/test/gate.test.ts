// createGate end to end against real servers on 127.0.0.1: the RFC 9309
// status table (SIGNALS.md §0.5), caching, single-flight, per-origin policies.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createGate, type Gate, type GateOptions } from '../src/index.js';
import { type Route, reply, startServer, type TestServer } from './helpers/server.js';

const servers: TestServer[] = [];
const gates: Gate[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(gates.splice(0).map((g) => g.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(routes: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(routes);
  servers.push(s);
  return s;
}

function gate(options: Partial<GateOptions> = {}): Gate {
  const g = createGate({
    agent: { token: 'TestBot', userAgent: 'TestBot/1.0 (+https://example.org/bot)' },
    headersTimeout: 1_000,
    bodyTimeout: 1_000,
    totalTimeout: 3_000,
    ...options,
  });
  gates.push(g);
  return g;
}

const ROBOTS = 'User-agent: *\nDisallow: /private\n\nUser-agent: TestBot\nDisallow: /no-testbot\n';

describe('robots.txt status table (RFC 9309 §2.3.1)', () => {
  test('2xx: the file is parsed and the named group applies to our token', async () => {
    const s = await server({ '/robots.txt': reply(200, ROBOTS) });
    const g = gate();
    const denied = await g.check(`${s.origin}/no-testbot/page`);
    expect(denied.allowed).toBe(false);
    expect(denied.statements[0]).toMatchObject({
      role: 'deciding',
      source: 'robots',
      category: 'crawl',
      value: 'disallow',
      evidence: { line: 5, url: `${s.origin}/robots.txt` },
    });
    expect(denied.statements[0]!.evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The named group replaces `*`: /private is allowed for TestBot.
    expect((await g.check(`${s.origin}/private`)).allowed).toBe(true);
  });

  test.each([400, 404, 410, 418])('%i: unavailable, no restrictions, no error', async (status) => {
    const s = await server({ '/robots.txt': reply(status, 'gone') });
    const d = await gate({ files: { tdmrep: false, aitxt: false } }).check(`${s.origin}/anything`);
    expect(d.allowed).toBe(true);
    expect(d.errors).toEqual([]);
  });

  test.each([401, 403])(
    '%i: unavailable by default (RFC 9309), unreachable when configured',
    async (status) => {
      const s = await server({ '/robots.txt': reply(status, 'no') });
      const files = { tdmrep: false, aitxt: false };
      expect((await gate({ files }).check(`${s.origin}/a`)).allowed).toBe(true);
      const strict = await gate({ files, robotsAuthDenied: 'unreachable' }).check(`${s.origin}/a`);
      expect(strict.allowed).toBe(false);
      expect(strict.errors[0]).toMatchObject({ source: 'robots', code: 'OPTOUT_ERR_FETCH_STATUS' });
    },
  );

  test.each([429, 500, 502, 503, 504])(
    '%i: unreachable, complete disallow with the error as evidence',
    async (status) => {
      const s = await server({ '/robots.txt': reply(status, 'down') });
      const d = await gate().check(`${s.origin}/any/path`);
      expect(d.allowed).toBe(false);
      expect(d.status).toBe('disallowed');
      expect(d.statements[0]).toMatchObject({
        role: 'deciding',
        category: 'crawl',
        value: 'disallow',
        source: 'robots',
        evidence: { raw: `HTTP ${status}`, url: `${s.origin}/robots.txt` },
      });
      expect(d.errors).toContainEqual(
        expect.objectContaining({
          source: 'robots',
          code: 'OPTOUT_ERR_FETCH_STATUS',
          message: `HTTP ${status}`,
        }),
      );
    },
  );

  test('a timeout is unreachable: complete disallow (stormcrawler#1042)', async () => {
    const s = await server({ '/robots.txt': () => {} });
    const d = await gate({ headersTimeout: 150, files: { tdmrep: false, aitxt: false } }).check(
      `${s.origin}/x`,
    );
    expect(d.allowed).toBe(false);
    expect(d.errors[0]).toMatchObject({ code: 'OPTOUT_ERR_FETCH_TIMEOUT' });
  });

  test('a refused connection is unreachable: complete disallow', async () => {
    const s = await server({});
    const origin = s.origin;
    await s.close();
    servers.splice(servers.indexOf(s), 1);
    const d = await gate().check(`${origin}/x`);
    expect(d.allowed).toBe(false);
    expect(d.errors[0]).toMatchObject({ source: 'robots', code: 'OPTOUT_ERR_FETCH' });
  });

  test('more than five redirects: an error, read as unreachable', async () => {
    const routes: Record<string, ReturnType<typeof reply>> = {
      '/robots.txt': reply(301, '', { location: '/r1' }),
    };
    for (let i = 1; i <= 6; i++) routes[`/r${i}`] = reply(301, '', { location: `/r${i + 1}` });
    const s = await server(routes);
    const d = await gate().check(`${s.origin}/x`);
    expect(d.allowed).toBe(false);
    expect(d.errors[0]!.message).toContain('more than 5 redirects');
  });

  test('HTML soft 404 served with 200: reported, not parsed as rules', async () => {
    const html = '<!DOCTYPE html><html><body>Disallow: /\n</body></html>';
    const s = await server({ '/robots.txt': reply(200, html, { 'content-type': 'text/html' }) });
    const d = await gate({ files: { tdmrep: false, aitxt: false } }).check(`${s.origin}/x`);
    expect(d.allowed).toBe(true);
    expect(d.errors[0]).toMatchObject({ source: 'robots', code: 'OPTOUT_ERR_NOT_A_FILE' });
  });

  test('a robots.txt labelled text/html that is not markup is still parsed', async () => {
    const s = await server({ '/robots.txt': reply(200, ROBOTS, { 'content-type': 'text/html' }) });
    expect((await gate().check(`${s.origin}/no-testbot`)).allowed).toBe(false);
  });

  test('rfc9309 §2.5: a file cut at 500 KiB keeps the rules before the cut', async () => {
    const filler = '# padding padding padding padding padding padding\n'.repeat(12_000);
    const s = await server({
      '/robots.txt': reply(200, `User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`),
    });
    const g = gate();
    expect((await g.check(`${s.origin}/early`)).allowed).toBe(false);
    expect((await g.check(`${s.origin}/late`)).allowed).toBe(true);
    const policy = await g.policy(s.origin);
    expect(policy.files.robots!.retrieval.truncated).toBe(true);
  });
});

describe('URL spellings cannot slip past a rule', () => {
  test.each([
    ['/a/../private/x', '/private/x'],
    ['/./private', '/private'],
    ['/public/%2e%2e/private', '/private'],
    ['\\private', '/private'],
    ['/pri\tvate', '/private'],
    ['/pri\nvate/doc', '/private/doc'],
  ])('%j is decided as %s, the path a client requests', async (spelling, path) => {
    const s = await server({ '/robots.txt': reply(200, 'User-agent: *\nDisallow: /private\n') });
    const g = gate({ files: { tdmrep: false, aitxt: false } });
    await g.check(`${s.origin}/`);
    const d = await g.check(s.origin + spelling);
    expect(d.allowed).toBe(false);
    expect(d.url).toBe(s.origin + path);
    expect(g.peek(s.origin + spelling)).toBeUndefined();
  });

  test('/.well-known and dotted names are plain paths, answered from the cache', async () => {
    const s = await server({ '/robots.txt': reply(200, 'User-agent: *\nDisallow: /.hidden\n') });
    const g = gate({ files: { tdmrep: false, aitxt: false } });
    await g.check(`${s.origin}/`);
    expect(g.peek(`${s.origin}/.hidden/x`)?.allowed).toBe(false);
    expect(g.peek(`${s.origin}/.well-known/x?a=../b`)?.allowed).toBe(true);
  });
});

describe('charsets', () => {
  test('a UTF-8 BOM is skipped, so the first line still counts', async () => {
    const s = await server({ '/robots.txt': reply(200, '\uFEFFUser-agent: *\nDisallow: /bom\n') });
    expect((await gate().check(`${s.origin}/bom`)).allowed).toBe(false);
  });

  test('lenient: a robots.txt saved as UTF-16 with a byte order mark is decoded as UTF-16', async () => {
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('User-agent: *\nDisallow: /utf16\n', 'utf16le'),
    ]);
    const s = await server({ '/robots.txt': reply(200, le) });
    const g = gate({ files: { tdmrep: false, aitxt: false } });
    expect((await g.check(`${s.origin}/utf16/x`)).allowed).toBe(false);
    const outcome = (await g.policy(s.origin)).files.robots!.outcome;
    expect(outcome.kind === 'parse' && outcome.notes[0]).toContain('UTF-16LE');
  });

  test('UTF-8 paths match their percent-encoded form', async () => {
    const s = await server({ '/robots.txt': reply(200, 'User-agent: *\nDisallow: /café\n') });
    const g = gate();
    expect((await g.check(`${s.origin}/caf%C3%A9/menu`)).allowed).toBe(false);
    expect((await g.check(`${s.origin}/cafe`)).allowed).toBe(true);
  });

  test('a declared non-UTF-8 charset is noted and the file is read as UTF-8', async () => {
    const latin1 = Buffer.from('User-agent: *\nDisallow: /caf\xe9\n', 'latin1');
    const s = await server({
      '/robots.txt': reply(200, latin1, { 'content-type': 'text/plain; charset=iso-8859-1' }),
    });
    const g = gate();
    const policy = await g.policy(s.origin);
    const outcome = policy.files.robots!.outcome;
    expect(outcome.kind).toBe('parse');
    if (outcome.kind === 'parse') expect(outcome.notes[0]).toContain('iso-8859-1');
    // The invalid byte decodes to U+FFFD: /café (UTF-8) is not what the file says.
    expect((await g.check(`${s.origin}/caf%C3%A9`)).allowed).toBe(true);
    expect((await g.check(`${s.origin}/caf%EF%BF%BD`)).allowed).toBe(false);
  });
});

describe('origins', () => {
  test('each port is its own origin (servo-fetch#113)', async () => {
    const a = await server({ '/robots.txt': reply(200, 'User-agent: *\nDisallow: /\n') });
    const b = await server({ '/robots.txt': reply(200, 'User-agent: *\nAllow: /\n') });
    const g = gate();
    expect((await g.check(`${a.origin}/x`)).allowed).toBe(false);
    expect((await g.check(`${b.origin}/x`)).allowed).toBe(true);
  });

  test('an IDN host is fetched by its ASCII name, and both spellings share one policy', async () => {
    const s = await server({ '/robots.txt': reply(200, 'User-agent: *\nDisallow: /\n') });
    const g = gate({ resolve: { [`xn--bcher-kva.test:${s.port}`]: '127.0.0.1' } });
    const d = await g.check(`http://bücher.test:${s.port}/x`);
    expect(d.allowed).toBe(false);
    await g.check(`http://XN--BCHER-KVA.test:${s.port}/y`);
    expect(s.hits('/robots.txt')).toBe(1);
    expect(s.requests[0]!.headers.host).toBe(`xn--bcher-kva.test:${s.port}`);
  });

  test('fast path: a host extending the last origin found is another origin, whatever the order of checks', async () => {
    // One server, two host names; each gets its own robots.txt by Host header.
    const s = await server({
      '/robots.txt': (req, res) => {
        const closed = req.headers.host?.startsWith('site.test.other') === true;
        res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end(`User-agent: *\nDisallow: ${closed ? '/' : '/no'}\n`);
      },
    });
    const g = gate({
      files: { tdmrep: false, aitxt: false },
      resolve: [`site.test:${s.port}:127.0.0.1`, `site.test.other:${s.port}:127.0.0.1`],
    });
    const open = `http://site.test:${s.port}`;
    const other = `http://site.test.other:${s.port}`;
    await g.check(`${open}/x`);
    await g.check(`${other}/x`);
    // Alternating peeks: each must come from its own origin, never the one found last.
    for (let i = 0; i < 3; i++) {
      expect(g.peek(`${open}/x`)?.allowed).toBe(true);
      // Same start as the last origin, longer authority: a port, user info.
      expect(g.peek(`${open}0/x`)).toBeUndefined();
      expect(g.peek(`${open}@elsewhere.test/x`)).toBeUndefined();
      expect(g.peek(`${open}?q`)?.allowed).toBe(true);
      expect(g.peek(`${other}/x`)?.allowed).toBe(false);
    }
  });

  test('default ports and case do not make new origins', async () => {
    const s = await server({ '/robots.txt': reply(200, 'User-agent: *\nDisallow: /\n') });
    const g = gate({ resolve: [`site.test:${s.port}:127.0.0.1`] });
    await g.check(`http://site.test:${s.port}/a`);
    await g.check(`HTTP://Site.TEST:${s.port}/b`);
    await g.check(`http://user:pw@site.test:${s.port}/c`);
    expect(s.hits('/robots.txt')).toBe(1);
  });

  test('an IPv6 literal origin keeps its brackets', async () => {
    const policy = gate({ files: { tdmrep: false, aitxt: false }, connectTimeout: 300 });
    // [::1] may have no listener: the policy is still keyed by the bracketed origin.
    const p = await policy.policy('http://[::1]:1/x');
    expect(p.origin).toBe('http://[::1]:1');
  });

  test('non-http URLs are rejected with OPTOUT_ERR_INVALID_URL', async () => {
    await expect(gate().check('ftp://example.org/x')).rejects.toMatchObject({
      code: 'OPTOUT_ERR_INVALID_URL',
    });
    await expect(gate().check('/relative')).rejects.toMatchObject({ code: 'OPTOUT_ERR_INVALID_URL' });
  });
});

describe('single-flight and caching', () => {
  test('1,000 simultaneous checks of a cold origin make exactly one request per file', async () => {
    const s = await server({
      '/robots.txt': (_req, res) => setTimeout(() => reply(200, ROBOTS)(_req, res), 50),
    });
    const g = gate();
    const decisions = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => g.check(`${s.origin}/${i % 2 ? 'no-testbot' : 'ok'}/${i}`)),
    );
    expect(decisions.filter((d) => !d.allowed)).toHaveLength(500);
    for (const path of ['/robots.txt', '/.well-known/tdmrep.json', '/ai.txt', '/.well-known/ai.txt']) {
      expect(s.hits(path), path).toBe(1);
    }
    expect(s.requests).toHaveLength(4);
  });

  test('rfc9309 §2.4: a policy is cached for 24 h by default, then fetched again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const s = await server({ '/robots.txt': reply(200, ROBOTS) });
    const g = gate({ files: { tdmrep: false, aitxt: false }, clockResolution: 0 });
    await g.check(`${s.origin}/a`);
    vi.setSystemTime(Date.now() + 23 * 3600_000);
    await g.check(`${s.origin}/b`);
    expect(s.hits('/robots.txt')).toBe(1);
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    await g.check(`${s.origin}/c`);
    expect(s.hits('/robots.txt')).toBe(2);
  });

  test('clockResolution: the time read by a cached check is reused for that many ms, then read again', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    const s = await server({ '/robots.txt': reply(200, ROBOTS) });
    const g = gate({ files: { tdmrep: false, aitxt: false }, ttl: 60_000, clockResolution: 5 });
    await g.check(`${s.origin}/a`);
    await g.check(`${s.origin}/a`); // cached: reads the clock and keeps the time for 5 ms
    vi.setSystemTime(Date.now() + 61_000);
    await g.check(`${s.origin}/a`);
    expect(s.hits('/robots.txt')).toBe(1);
    vi.advanceTimersByTime(5);
    await g.check(`${s.origin}/a`);
    expect(s.hits('/robots.txt')).toBe(2);
  });

  test('Cache-Control max-age is honoured within [minTtl, maxTtl]', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const s = await server({ '/robots.txt': reply(200, ROBOTS, { 'cache-control': 'public, max-age=300' }) });
    const g = gate({ files: { tdmrep: false, aitxt: false }, clockResolution: 0 });
    await g.check(`${s.origin}/a`);
    vi.setSystemTime(Date.now() + 299_000);
    await g.check(`${s.origin}/a`);
    expect(s.hits('/robots.txt')).toBe(1);
    vi.setSystemTime(Date.now() + 2_000);
    await g.check(`${s.origin}/a`);
    expect(s.hits('/robots.txt')).toBe(2);
  });

  test('a failure is cached briefly, with back-off, never for the full TTL (Scrapling#437)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let status = 503;
    const s = await server({
      '/robots.txt': (req, res) => reply(status, status === 200 ? ROBOTS : 'down')(req, res),
    });
    const g = gate({
      files: { tdmrep: false, aitxt: false },
      failureTtl: 60_000,
      maxFailureTtl: 600_000,
      clockResolution: 0,
    });
    const url = `${s.origin}/ok`;
    expect((await g.check(url)).allowed).toBe(false);
    vi.setSystemTime(Date.now() + 59_000);
    await g.check(url);
    expect(s.hits('/robots.txt')).toBe(1);
    vi.setSystemTime(Date.now() + 2_000); // 61 s: first back-off (60 s) over
    await g.check(url);
    expect(s.hits('/robots.txt')).toBe(2);
    vi.setSystemTime(Date.now() + 100_000); // second failure: 120 s back-off
    await g.check(url);
    expect(s.hits('/robots.txt')).toBe(2);
    vi.setSystemTime(Date.now() + 21_000);
    status = 200;
    const recovered = await g.check(url);
    expect(s.hits('/robots.txt')).toBe(3);
    expect(recovered.allowed).toBe(true);
    expect((await g.policy(s.origin)).record.failures).toBe(0);
  });

  test('stale-while-revalidate answers from the stale policy and refreshes once in the background', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let body = 'User-agent: *\nDisallow: /old\n';
    const s = await server({ '/robots.txt': (req, res) => reply(200, body)(req, res) });
    const g = gate({
      files: { tdmrep: false, aitxt: false },
      ttl: 60_000,
      staleWhileRevalidate: 60_000,
      clockResolution: 0,
    });
    expect((await g.check(`${s.origin}/old`)).allowed).toBe(false);
    body = 'User-agent: *\nDisallow: /new\n';
    vi.setSystemTime(Date.now() + 90_000);
    const stale = await Promise.all([g.check(`${s.origin}/old`), g.check(`${s.origin}/old`)]);
    expect(stale.every((d) => !d.allowed)).toBe(true);
    await vi.waitFor(() => expect(s.hits('/robots.txt')).toBe(2));
    await vi.waitFor(async () => expect((await g.check(`${s.origin}/new`)).allowed).toBe(false));
  });

  test('after a refresh, the fast path leads to the new policy, also from the map of origin prefixes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let body = 'User-agent: *\nDisallow: /old\n';
    const a = await server({ '/robots.txt': (req, res) => reply(200, body)(req, res) });
    const b = await server({ '/robots.txt': reply(404) });
    const g = gate({
      files: { tdmrep: false, aitxt: false },
      ttl: 60_000,
      staleWhileRevalidate: 60_000,
      clockResolution: 0,
    });
    await g.check(`${a.origin}/x`);
    body = 'User-agent: *\nDisallow: /new\n';
    vi.setSystemTime(Date.now() + 90_000);
    expect((await g.check(`${a.origin}/old`)).allowed).toBe(false);
    await vi.waitFor(() => expect(g.peek(`${a.origin}/old`)?.allowed).toBe(true));
    // Another origin comes between, so the next check of `a` finds it through the map.
    await g.check(`${b.origin}/x`);
    expect(g.peek(`${b.origin}/x`)?.allowed).toBe(true);
    expect(g.peek(`${a.origin}/new`)?.allowed).toBe(false);
  });

  test('compiled policies are bounded by maxCacheBytes: an evicted origin leaves the fast path and is loaded again', async () => {
    const a = await server({
      '/robots.txt': reply(200, `User-agent: *\nDisallow: /a\n${'#'.repeat(3000)}\n`),
    });
    const b = await server({
      '/robots.txt': reply(200, `User-agent: *\nDisallow: /b\n${'#'.repeat(3000)}\n`),
    });
    const g = gate({ files: { tdmrep: false, aitxt: false }, maxCacheBytes: 30_000 });
    expect((await g.check(`${a.origin}/a`)).allowed).toBe(false);
    expect(g.peek(`${a.origin}/a`)).toBeDefined();
    expect((await g.check(`${b.origin}/b`)).allowed).toBe(false);
    expect(g.peek(`${a.origin}/a`)).toBeUndefined();
    expect((await g.check(`${a.origin}/a`)).allowed).toBe(false);
  });

  test('origins answered from the fast path count as used: the LRU evicts the one not asked about', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // About 14 KB of compiled policy each: two fit in 30,000 bytes, three do not.
    const site = (path: string) =>
      server({ '/robots.txt': reply(200, `User-agent: *\nDisallow: ${path}\n${'#'.repeat(1500)}\n`) });
    const [a, b, c] = await Promise.all([site('/a'), site('/b'), site('/c')]);
    const g = gate({ files: { tdmrep: false, aitxt: false }, maxCacheBytes: 30_000, clockResolution: 0 });
    await g.check(`${a.origin}/a`);
    await g.check(`${b.origin}/b`);
    expect(g.peek(`${a.origin}/a`)).toBeDefined();
    expect(g.peek(`${b.origin}/b`)).toBeDefined();
    vi.setSystemTime(Date.now() + 2_000);
    expect(g.peek(`${a.origin}/a`)?.allowed).toBe(false);
    await g.check(`${c.origin}/c`);
    expect(g.peek(`${a.origin}/a`)).toBeDefined();
    expect(g.peek(`${b.origin}/b`)).toBeUndefined();
  });

  test('origins serving the same files share their matchers, yet each decision cites its own files', async () => {
    const TDMREP = '[{"location":"/private/*","tdm-reservation":1}]';
    const sites = await Promise.all(
      [1, 2].map(() =>
        server({ '/robots.txt': reply(200, ROBOTS), '/.well-known/tdmrep.json': reply(200, TDMREP) }),
      ),
    );
    const g = gate();
    for (const s of [...sites, ...sites]) {
      const denied = await g.check(`${s.origin}/no-testbot/x`);
      expect(denied.allowed).toBe(false);
      expect(denied.statements[0]!.evidence.url).toBe(`${s.origin}/robots.txt`);
      const reserved = await g.check(`${s.origin}/private/x`);
      const tdm = reserved.statements.find((st) => st.source === 'tdmrep.file');
      expect(tdm?.value).toBe('disallow');
      expect(tdm?.evidence.url).toBe(`${s.origin}/.well-known/tdmrep.json`);
    }
  });

  test('the cached hot path answers synchronously through peek()', async () => {
    const s = await server({ '/robots.txt': reply(200, ROBOTS) });
    const g = gate();
    expect(g.peek(`${s.origin}/no-testbot`)).toBeUndefined();
    await g.check(`${s.origin}/`);
    expect(g.peek(`${s.origin}/no-testbot`)?.allowed).toBe(false);
    expect(g.peek(`${s.origin}/fine`)?.allowed).toBe(true);
  });

  test('decisions with the same deciding rule are shared templates but carry their own URL', async () => {
    const s = await server({ '/robots.txt': reply(200, ROBOTS) });
    const g = gate();
    const a = await g.check(`${s.origin}/no-testbot/a`);
    const b = await g.check(`${s.origin}/no-testbot/b`);
    expect(a.url).toBe(`${s.origin}/no-testbot/a`);
    expect(b.url).toBe(`${s.origin}/no-testbot/b`);
    expect(a.statements).toBe(b.statements);
    expect(Object.isFrozen(a.statements)).toBe(true);
  });
});

describe('politeness', () => {
  test('minInterval spaces requests to one origin', async () => {
    const s = await server({ '/robots.txt': reply(404) });
    const g = gate({ minInterval: 100 });
    const started = performance.now();
    await g.check(`${s.origin}/x`);
    // robots, tdmrep, ai.txt, then .well-known/ai.txt: 4 requests, 3 gaps.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('concurrency counts origins: an origin started has all its files read before the next begins', async () => {
    const seen: string[] = [];
    const logged = (name: string) => (req: Parameters<Route>[0], res: Parameters<Route>[1]) => {
      seen.push(`${name}${req.url}`);
      reply(404)(req, res);
    };
    const a = await server({});
    const b = await server({});
    for (const path of ['/robots.txt', '/.well-known/tdmrep.json', '/ai.txt', '/.well-known/ai.txt']) {
      a.route(path, logged('a'));
      b.route(path, logged('b'));
    }
    const g = gate({ concurrency: 1 });
    await Promise.all([g.check(`${a.origin}/x`), g.check(`${b.origin}/x`)]);
    expect(seen).toHaveLength(8);
    expect(seen.slice(0, 4).every((line) => line.startsWith('a'))).toBe(true);
    expect(seen.slice(4).every((line) => line.startsWith('b'))).toBe(true);
  });
});

describe('options', () => {
  test.each([
    [{ agent: undefined }],
    [{ agent: { token: 'My Bot', userAgent: 'x' } }],
    [{ agent: { token: 'Bot', userAgent: '' } }],
    [{ agent: { token: 'Bot', userAgent: 'Bot\r\nX-Evil: 1' } }],
    [{ purpose: 'mining' }],
    [{ defaultForUnknown: 'maybe' }],
    [{ maxFileBytes: 0 }],
    [{ connectTimeout: -1 }],
    [{ concurrency: 1.5 }],
    [{ connectionsPerOrigin: 0 }],
    [{ clockResolution: -1 }],
    [{ ttl: Number.NaN }],
    [{ minTtl: 10, maxTtl: 5 }],
    [{ store: { get() {} } }],
    [{ resolve: ['nocolon'] }],
    [{ resolve: { 'host:99999': '127.0.0.1' } }],
    [{ robotsAuthDenied: 'allow' }],
    [{ evidenceLog: { path: '' } }],
  ])('createGate rejects %j with OPTOUT_ERR_INVALID_ARG', (bad) => {
    const options = { agent: { token: 'Bot', userAgent: 'Bot/1' }, ...bad } as unknown as GateOptions;
    expect(() => createGate(options)).toThrow(expect.objectContaining({ code: 'OPTOUT_ERR_INVALID_ARG' }));
  });
});
