// The origin files besides robots.txt: tdmrep.json, ai.txt, and the RSL
// documents robots.txt names (SIGNALS.md §0.5, §1.2, §2.1, §6).
import { afterEach, describe, expect, test } from 'vitest';
import { createGate, type Gate } from '../src/index.js';
import { expectLicenseDecides, LICENSE, RSL_TYPE } from './helpers/rsl.js';
import { reply, startServer, type TestServer } from './helpers/server.js';

const servers: TestServer[] = [];
const gates: Gate[] = [];
afterEach(async () => {
  await Promise.all(gates.splice(0).map((g) => g.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function site(routes: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer({ '/robots.txt': reply(200, 'User-agent: *\nAllow: /\n'), ...routes });
  servers.push(s);
  return s;
}

function gate(options: Partial<Parameters<typeof createGate>[0]> = {}): Gate {
  const g = createGate({
    agent: { token: 'TestBot', userAgent: 'TestBot/1.0' },
    headersTimeout: 500,
    ...options,
  });
  gates.push(g);
  return g;
}

const SPAWNING = 'User-Agent: *\nDisallow: *.jpg\nAllow: /\n';

describe('tdmrep.json', () => {
  test('a reservation for a location disallows tdm and, by inheritance, train-ai', async () => {
    const file = JSON.stringify([
      { location: '/books/*', 'tdm-reservation': 1, 'tdm-policy': 'https://example.org/p.json' },
    ]);
    // Any JSON content type is accepted (w3c/tdm-reservation-protocol#22).
    const s = await site({
      '/.well-known/tdmrep.json': reply(200, file, { 'content-type': 'application/ld+json' }),
    });
    const g = gate();
    const d = await g.check(`${s.origin}/books/1`);
    expect(d.allowed).toBe(false);
    expect(d.statements[0]).toMatchObject({
      source: 'tdmrep.file',
      category: 'tdm',
      via: 'tdm',
      role: 'deciding',
    });
    expect((await g.check(`${s.origin}/news/1`)).allowed).toBe(true);
  });

  test('4xx: absent, the source says nothing', async () => {
    const s = await site({ '/.well-known/tdmrep.json': reply(404) });
    const d = await gate().check(`${s.origin}/x`);
    expect(d.statements.some((st) => st.source === 'tdmrep.file')).toBe(false);
    expect(d.errors).toEqual([]);
  });

  test('5xx: unknown with the error attached, the crawl is not blocked', async () => {
    const s = await site({ '/.well-known/tdmrep.json': reply(503) });
    const d = await gate({ defaultForUnknown: 'allow' }).check(`${s.origin}/x`);
    expect(d).toMatchObject({ status: 'unknown', allowed: true, defaultApplied: 'allow' });
    expect(d.errors).toEqual([expect.objectContaining({ source: 'tdmrep.file', message: 'HTTP 503' })]);
  });

  test('strict mode (originFileFailure: reserved) reads a failed tdmrep.json as a reservation', async () => {
    const s = await site({ '/.well-known/tdmrep.json': reply(500) });
    const d = await gate({ originFileFailure: 'reserved' }).check(`${s.origin}/x`);
    expect(d.allowed).toBe(false);
    expect(d.statements[0]).toMatchObject({ source: 'tdmrep.file', category: 'tdm', value: 'disallow' });
  });

  test('an HTML page served as tdmrep.json is absent, with a warning in errors', async () => {
    const s = await site({
      '/.well-known/tdmrep.json': reply(200, '<!doctype html><p>hi', { 'content-type': 'text/html' }),
    });
    const d = await gate().check(`${s.origin}/x`);
    expect(d.allowed).toBe(true);
    expect(d.errors[0]).toMatchObject({ source: 'tdmrep.file', code: 'OPTOUT_ERR_NOT_A_FILE' });
  });
});

describe('ai.txt', () => {
  test('/ai.txt in Spawning format: a disallowed extension disallows train-ai', async () => {
    const s = await site({ '/ai.txt': reply(200, SPAWNING) });
    const g = gate();
    expect((await g.check(`${s.origin}/img/cat.jpg`)).allowed).toBe(false);
    expect((await g.check(`${s.origin}/text.html`)).allowed).toBe(true);
    expect(s.hits('/.well-known/ai.txt')).toBe(0);
  });

  test('/ai.txt absent: /.well-known/ai.txt is read instead', async () => {
    const s = await site({ '/.well-known/ai.txt': reply(200, SPAWNING) });
    const d = await gate().check(`${s.origin}/img/cat.jpg`);
    expect(d.allowed).toBe(false);
    expect(d.statements[0]!.evidence.url).toBe(`${s.origin}/.well-known/ai.txt`);
  });

  test('/ai.txt in another format: ignored, and /.well-known/ai.txt is tried', async () => {
    const s = await site({ '/ai.txt': reply(200, '# AI policy\n\nWe like robots.\n') });
    await gate().check(`${s.origin}/x`);
    expect(s.hits('/.well-known/ai.txt')).toBe(1);
  });

  test('files: { aitxt: false } reads neither', async () => {
    const s = await site({ '/ai.txt': reply(200, SPAWNING) });
    expect((await gate({ files: { aitxt: false } }).check(`${s.origin}/cat.jpg`)).allowed).toBe(true);
    expect(s.hits('/ai.txt')).toBe(0);
  });
});

// An RSL 1.0 licence: articles may be searched but not used to train AI;
// the free section permits every use.

describe('RSL documents named by robots.txt License lines (SIGNALS §6)', () => {
  const licensed = (license: string) => ({
    '/robots.txt': reply(200, `User-agent: *\nAllow: /\nLicense: ${license}\n`),
  });

  test('the document is read once, and its content for the URL decides: prohibits ai-train disallows train-ai', async () => {
    const s = await site({ ...licensed('/license.xml'), '/license.xml': reply(200, LICENSE, RSL_TYPE) });
    const g = gate();
    expectLicenseDecides(await g.check(`${s.origin}/articles/1`), `${s.origin}/license.xml`);
    expect((await g.check(`${s.origin}/free/1`)).statements).toContainEqual(
      expect.objectContaining({ source: 'rsl', category: 'train-ai', value: 'allow' }),
    );
    const elsewhere = await g.check(`${s.origin}/other`);
    expect(elsewhere.allowed).toBe(true);
    expect(elsewhere.statements.some((x) => x.source === 'rsl')).toBe(false);
    expect(s.hits('/license.xml')).toBe(1);
  });

  test('a licence on another origin is read there', async () => {
    const licenses = await site({ '/rsl.xml': reply(200, LICENSE, RSL_TYPE) });
    const s = await site(licensed(`${licenses.origin}/rsl.xml`));
    expect((await gate().check(`${s.origin}/articles/1`)).allowed).toBe(false);
    expect(licenses.hits('/rsl.xml')).toBe(1);
    expect(s.hits('/rsl.xml')).toBe(0);
  });

  test('an unreachable licence contributes nothing, and its error is reported (SIGNALS §6.3 #4)', async () => {
    const s = await site({ ...licensed('/license.xml'), '/license.xml': reply(503) });
    const d = await gate().check(`${s.origin}/articles/1`);
    expect(d.allowed).toBe(true);
    expect(d.statements.some((x) => x.source === 'rsl')).toBe(false);
    expect(d.errors).toContainEqual(
      expect.objectContaining({ source: 'rsl', url: `${s.origin}/license.xml` }),
    );
  });

  test('a permit bound to a licence server is an offer, not an allow: the decision is unknown', async () => {
    const offer = LICENSE.replace(
      '<content url="/free/*">',
      '<content url="/free/*" server="https://rsl.example/">',
    );
    const s = await site({ ...licensed('/license.xml'), '/license.xml': reply(200, offer, RSL_TYPE) });
    const d = await gate({ defaultForUnknown: 'disallow' }).check(`${s.origin}/free/1`);
    expect(d.status).toBe('unknown');
    expect(d.allowed).toBe(false);
  });

  test('a licence that is not an http(s) URL is not requested and leaves the policy clean', async () => {
    const s = await site(licensed('urn:example:licence'));
    const g = gate();
    const d = await g.check(`${s.origin}/articles/1`);
    expect(d.errors).toEqual([]);
    expect((await g.policy(s.origin)).record.retrievals.map((r) => r.file)).not.toContain('rsl');
  });

  test('at most three documents are read per origin; files: { rsl: false } reads none', async () => {
    const lines = [1, 2, 3, 4].map((n) => `License: /l${n}.xml`).join('\n');
    const routes = { '/robots.txt': reply(200, `User-agent: *\nAllow: /\n${lines}\n`) };
    const s = await site(routes);
    await gate().check(`${s.origin}/a`);
    expect([1, 2, 3, 4].map((n) => s.hits(`/l${n}.xml`))).toEqual([1, 1, 1, 0]);
    const t = await site(routes);
    await gate({ files: { rsl: false } }).check(`${t.origin}/a`);
    expect(t.requests.map((r) => r.path)).not.toContain('/l1.xml');
  });
});

describe('robots.txt that shuts the agent out of every path', () => {
  const others = ['/.well-known/tdmrep.json', '/ai.txt', '/.well-known/ai.txt', '/license.xml'];
  const hits = (s: TestServer) => others.map((path) => s.hits(path));

  test('the other files could change no decision, so they are not requested', async () => {
    const s = await site({
      '/robots.txt': reply(200, 'User-agent: *\nDisallow: /\nLicense: /license.xml\n'),
    });
    const d = await gate().check(`${s.origin}/a`);
    expect(d.allowed).toBe(false);
    expect(hits(s)).toEqual([0, 0, 0, 0]);
  });

  test('an unreachable robots.txt reads as the same complete disallow (rfc9309 §2.3.1.4)', async () => {
    const s = await site({ '/robots.txt': reply(503) });
    expect((await gate().check(`${s.origin}/a`)).allowed).toBe(false);
    expect(hits(s)).toEqual([0, 0, 0, 0]);
  });

  test('a group for another agent, or one Allow, lets the agent in somewhere: everything is read', async () => {
    const other = await site({ '/robots.txt': reply(200, 'User-agent: GPTBot\nDisallow: /\n') });
    await gate().check(`${other.origin}/a`);
    expect(hits(other).slice(0, 3)).toEqual([1, 1, 1]);
    const door = await site({ '/robots.txt': reply(200, 'User-agent: *\nDisallow: /\nAllow: /open/\n') });
    await gate().check(`${door.origin}/open/a`);
    expect(hits(door).slice(0, 3)).toEqual([1, 1, 1]);
  });

  test('readFilesWhenShutOut reads them anyway (the audit does)', async () => {
    const s = await site({
      '/robots.txt': reply(200, 'User-agent: *\nDisallow: /\nLicense: /license.xml\n'),
    });
    await gate({ readFilesWhenShutOut: true }).check(`${s.origin}/a`);
    expect(hits(s)).toEqual([1, 1, 1, 1]);
  });
});

describe('gate.policy', () => {
  test('exposes each file with its retrieval record and outcome, and the errors', async () => {
    const s = await site({ '/.well-known/tdmrep.json': reply(500), '/ai.txt': reply(200, SPAWNING) });
    const policy = await gate().policy(`${s.origin}/`);
    expect(policy.origin).toBe(s.origin);
    expect(policy.files.robots!.outcome.kind).toBe('parse');
    expect(policy.files.robots!.retrieval).toMatchObject({ status: 200, url: `${s.origin}/robots.txt` });
    expect(policy.files.tdmrep!.outcome.kind).toBe('failed');
    expect(policy.aitxt?.format).toBe('spawning');
    expect(policy.errors).toHaveLength(1);
    expect(policy.expiresAt - policy.fetchedAt).toBe(60_000);
  });
});
