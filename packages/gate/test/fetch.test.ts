// gate.fetch, gate.inspect and the undici interceptor against real servers on 127.0.0.1.
import { Agent, request } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { createGate, DisallowedError, type Gate, optoutInterceptor } from '../src/index.js';
import { expectLicenseDecides, LICENSE, RSL_TYPE } from './helpers/rsl.js';
import { reply, startServer, type TestServer } from './helpers/server.js';

const servers: TestServer[] = [];
const gates: Gate[] = [];
afterEach(async () => {
  await Promise.all(gates.splice(0).map((g) => g.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const ROBOTS = 'User-agent: *\nDisallow: /private\n';

async function site(routes: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer({ '/robots.txt': reply(200, ROBOTS), ...routes });
  servers.push(s);
  return s;
}

function gate(options: Partial<Parameters<typeof createGate>[0]> = {}): Gate {
  const g = createGate({
    agent: { token: 'TestBot', userAgent: 'TestBot/1.0 (+https://example.org/bot)' },
    ...options,
  });
  gates.push(g);
  return g;
}

describe('gate.fetch', () => {
  test('an allowed URL is fetched with our User-Agent and the whole body is handed back', async () => {
    const html = `<html><head><title>t</title></head><body>${'x'.repeat(200_000)}</body></html>`;
    const s = await site({ '/page': reply(200, html, { 'content-type': 'text/html' }) });
    // Only 1 KiB is read ahead for inspection; the rest streams through.
    const { decision, response } = await gate({ maxBodyBytes: 1024 }).fetch(`${s.origin}/page`);
    expect(decision.allowed).toBe(true);
    expect(await response!.text()).toBe(html);
    expect(s.requests.find((r) => r.path === '/page')!.headers['user-agent']).toBe(
      'TestBot/1.0 (+https://example.org/bot)',
    );
  });

  test('a disallowed URL is never requested', async () => {
    const s = await site({});
    const { decision, response } = await gate().fetch(`${s.origin}/private/doc`);
    expect(decision.allowed).toBe(false);
    expect(response).toBeUndefined();
    expect(s.hits('/private/doc')).toBe(0);
  });

  test('a redirect to a disallowed URL is refused before the target is requested', async () => {
    const s = await site({ '/go': reply(302, '', { location: '/private/target' }) });
    const result = await gate().fetch(`${s.origin}/go`);
    expect(result.decision.allowed).toBe(false);
    expect(result.url).toBe(`${s.origin}/private/target`);
    expect(s.hits('/private/target')).toBe(0);
  });

  test('HTML <meta name="robots" content="noai"> disallows training after the fetch', async () => {
    const html = '<html><head><meta name="robots" content="noai"></head><body>hi</body></html>';
    const s = await site({ '/art': reply(200, html, { 'content-type': 'text/html; charset=utf-8' }) });
    const { decision, response } = await gate().fetch(`${s.origin}/art`);
    expect(decision.allowed).toBe(false);
    expect(decision.statements[0]).toMatchObject({
      role: 'deciding',
      source: 'meta-robots',
      category: 'train-ai',
    });
    expect(await response!.text()).toBe(html);
  });

  test('an X-Robots-Tag: noai header disallows training without reading a body', async () => {
    const s = await site({
      '/data.bin': reply(200, 'bytes', {
        'content-type': 'application/octet-stream',
        'x-robots-tag': 'noai',
      }),
    });
    const { decision } = await gate().fetch(`${s.origin}/data.bin`);
    expect(decision.allowed).toBe(false);
    expect(decision.statements[0]!.source).toBe('x-robots-tag');
  });

  test('a tdmrep.json reservation refuses the fetch for a training purpose, but not for crawl', async () => {
    const file = JSON.stringify([{ location: '/*', 'tdm-reservation': 1 }]);
    const s = await site({
      '/.well-known/tdmrep.json': reply(200, file, { 'content-type': 'application/json' }),
      '/doc': reply(200, 'text'),
    });
    const refused = await gate().fetch(`${s.origin}/doc`);
    expect(refused.response).toBeUndefined();
    expect(refused.decision.statements[0]).toMatchObject({
      source: 'tdmrep.file',
      role: 'deciding',
      via: 'tdm',
    });
    expect(s.hits('/doc')).toBe(0);
    const crawl = await gate({ purpose: 'crawl' }).fetch(`${s.origin}/doc`);
    expect(crawl.decision.allowed).toBe(true);
    expect(s.hits('/doc')).toBe(1);
  });
});

describe('politeness in gate.fetch', () => {
  test('respectCrawlDelay spaces fetches to one origin by the robots.txt Crawl-delay', async () => {
    const s = await site({
      '/robots.txt': reply(200, 'User-agent: *\nCrawl-delay: 0.3\nDisallow: /private\n'),
      '/a': reply(200, 'a'),
      '/b': reply(200, 'b'),
    });
    const g = gate({ respectCrawlDelay: true, files: { tdmrep: false, aitxt: false } });
    await g.check(`${s.origin}/`);
    const started = performance.now();
    await Promise.all([g.fetch(`${s.origin}/a`), g.fetch(`${s.origin}/b`)]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const plain = gate({ files: { tdmrep: false, aitxt: false } });
    await plain.check(`${s.origin}/`);
    const quick = performance.now();
    await Promise.all([plain.fetch(`${s.origin}/a`), plain.fetch(`${s.origin}/b`)]);
    expect(performance.now() - quick).toBeLessThan(290);
  });
});

describe('gate.inspect', () => {
  test('TDMRep cascade: a tdm-reservation: 0 header overrides tdmrep.json in spec mode, not in conservative mode', async () => {
    const file = JSON.stringify([{ location: '/*', 'tdm-reservation': 1 }]);
    const s = await site({
      '/.well-known/tdmrep.json': reply(200, file, { 'content-type': 'application/json' }),
    });
    const response = { headers: { 'tdm-reservation': '0' } };
    const spec = await gate().inspect(`${s.origin}/doc`, response);
    expect(spec.allowed).toBe(true);
    expect(spec.statements.find((st) => st.source === 'tdmrep.file')!.supersededBy).toBe('tdmrep.header');
    expect((await gate({ tdmrep: 'conservative' }).inspect(`${s.origin}/doc`, response)).allowed).toBe(false);
  });

  test('reads headers and HTML the caller fetched itself', async () => {
    const s = await site({});
    const g = gate();
    const d = await g.inspect(`${s.origin}/page`, {
      headers: { 'content-type': 'text/html' },
      body: '<html><head><meta name="tdm-reservation" content="1"></head></html>',
    });
    expect(d.allowed).toBe(false);
    expect(d.statements[0]).toMatchObject({ source: 'tdmrep.html', category: 'tdm', via: 'tdm' });
  });

  test('keeps the crawl disallow of robots.txt, with the same evidence as check', async () => {
    const s = await site({});
    const g = gate();
    const d = await g.inspect(`${s.origin}/private/x`, { headers: {} });
    expect(d.allowed).toBe(false);
    expect(d.statements[0]!.source).toBe('robots');
    expect(d.statements[0]!.evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d.statements[0]).toEqual((await g.check(`${s.origin}/private/x`)).statements[0]);
  });
});

describe('RSL licences a response links to (SIGNALS §0.3 step 5, §6.1)', () => {
  const LINK = { link: '</license.xml>; rel="license"; type="application/rsl+xml"' };

  test('a Link header names the licence: it is read once, and its terms for the URL decide', async () => {
    const s = await site({ '/license.xml': reply(200, LICENSE, RSL_TYPE) });
    const g = gate();
    const d = await g.inspect(`${s.origin}/articles/1`, { headers: LINK });
    const deciding = expectLicenseDecides(d, `${s.origin}/license.xml`);
    expect(deciding.evidence.retrievedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const free = await g.inspect(`${s.origin}/free/2`, { headers: LINK });
    expect(free.statements).toContainEqual(
      expect.objectContaining({ source: 'rsl', category: 'train-ai', value: 'allow' }),
    );
    expect(s.hits('/license.xml')).toBe(1);
  });

  test('a link that is no http(s) URL is not requested, and the decision is made all the same', async () => {
    const s = await site({});
    const link =
      '<http://[bad/license.xml>; rel="license"; type="application/rsl+xml", <urn:x:y>; rel="license"; type="application/rsl+xml"';
    const d = await gate().inspect(`${s.origin}/articles/1`, { headers: { link } });
    expect(d.allowed).toBe(true);
    expect(d.errors).toEqual([]);
    expect(s.requests.map((r) => r.path)).toEqual([
      '/robots.txt',
      '/.well-known/tdmrep.json',
      '/ai.txt',
      '/.well-known/ai.txt',
    ]);
  });

  test('an HTML <link> names it too', async () => {
    const s = await site({ '/license.xml': reply(200, LICENSE, RSL_TYPE) });
    const html =
      '<html><head><link rel="license" type="application/rsl+xml" href="/license.xml"></head></html>';
    const d = await gate().inspect(`${s.origin}/articles/1`, {
      headers: { 'content-type': 'text/html' },
      body: html,
    });
    expect(d.allowed).toBe(false);
    expect(d.statements.find((x) => x.role === 'deciding')?.source).toBe('rsl');
  });

  test('a licence that is missing contributes nothing, with a warning in errors (SIGNALS §6.3 #4)', async () => {
    const s = await site({});
    const g = gate({ failureTtl: 1 });
    const d = await g.inspect(`${s.origin}/articles/1`, { headers: LINK });
    expect(d.allowed).toBe(true);
    expect(d.statements.some((x) => x.source === 'rsl')).toBe(false);
    expect(d.errors).toContainEqual(
      expect.objectContaining({ source: 'rsl', url: `${s.origin}/license.xml` }),
    );
    // Kept only for failureTtl: once it has passed, the licence is asked for again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await g.inspect(`${s.origin}/articles/2`, { headers: LINK });
    expect(s.hits('/license.xml')).toBe(2);
  });

  test('gate.fetch reads a licence on the origin of the page while the page body is still unread', async () => {
    const page = `<html><head></head><body>${'x'.repeat(300_000)}</body></html>`;
    const s = await site({
      '/articles/1': reply(200, page, { 'content-type': 'text/html', ...LINK }),
      '/license.xml': reply(200, LICENSE, RSL_TYPE),
    });
    // A licence request queued behind the unread body would stall it until the body timeout.
    const g = gate({ maxBodyBytes: 1024, bodyTimeout: 2_000 });
    const { decision, response } = await g.fetch(`${s.origin}/articles/1`);
    expect(decision.statements.find((x) => x.role === 'deciding')?.source).toBe('rsl');
    expect(s.hits('/license.xml')).toBe(1);
    expect(await response!.text()).toBe(page);
  });

  test('a licence robots.txt names is not read again; files: { rsl: false } reads none', async () => {
    const s = await site({
      '/robots.txt': reply(200, 'User-agent: *\nAllow: /\nLicense: /license.xml\n'),
      '/license.xml': reply(200, LICENSE, RSL_TYPE),
    });
    const d = await gate().inspect(`${s.origin}/articles/1`, { headers: LINK });
    expect(d.allowed).toBe(false);
    expect(d.statements.filter((x) => x.source === 'rsl' && x.category === 'train-ai')).toHaveLength(1);
    expect(s.hits('/license.xml')).toBe(1);
    const t = await site({ '/license.xml': reply(200, LICENSE, RSL_TYPE) });
    const off = await gate({ files: { rsl: false } }).inspect(`${t.origin}/articles/1`, { headers: LINK });
    expect(off.allowed).toBe(true);
    expect(t.hits('/license.xml')).toBe(0);
  });
});

describe('optoutInterceptor', () => {
  test('refuses a disallowed request with a DisallowedError and never sends it', async () => {
    const s = await site({ '/private/x': reply(200, 'secret'), '/public': reply(200, 'hello') });
    const g = gate();
    const agent = new Agent().compose(optoutInterceptor(g));
    try {
      const ok = await request(`${s.origin}/public`, { dispatcher: agent });
      expect(await ok.body.text()).toBe('hello');
      const refused = await request(`${s.origin}/private/x`, { dispatcher: agent }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DisallowedError);
      expect(refused).toMatchObject({ code: 'OPTOUT_ERR_DISALLOWED', decision: { allowed: false } });
      expect((refused as DisallowedError).decision.statements[0]!.evidence.line).toBe(2);
      expect(s.hits('/private/x')).toBe(0);
    } finally {
      await agent.close();
    }
  });
});
