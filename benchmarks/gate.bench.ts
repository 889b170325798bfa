// @optout/gate: the cached hot path `gate.check(url)` against a baseline gate
// built from robots-parser 3.0.1 and a Map (same origins, same URL strings,
// one run), then a cold run against a loopback server with 10,000 origins
// (distinct Host names mapped to 127.0.0.1 with the gate's `resolve` option),
// and the memory one cached origin takes. The cached scenarios run once on
// one origin (all URLs on one site: the best case for CPU caches) and once
// on 1,000 origins in random order.
// Run: pnpm bench gate   (GATE_BENCH_ORIGINS=2000 for a shorter cold run)
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createGate, createMemoryStore, deserializeRecord, type Gate, serializeRecord } from '@optout/gate';
import robotsParserModule from 'robots-parser';
import { type Row, report, row, sink, timeIt, timeItAsync } from './lib/measure.js';
import { picker, seededRandom } from './lib/random.js';

interface Baseline {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
// The package's type declarations describe no callable default export under NodeNext.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Baseline;

const TOKEN = 'BenchBot';
const USER_AGENT = 'BenchBot/1.0 (+https://example.org/bot)';
const CACHED_ORIGINS = 1_000;
const URLS = 100_000;
const COLD_ORIGINS = Number(process.env.GATE_BENCH_ORIGINS ?? 10_000);

const rand = seededRandom(4);
const pick = picker(rand);
const SEGMENTS = [
  'search',
  'admin',
  'cart',
  'account',
  'api',
  'tag',
  'print',
  'private',
  'news',
  'img',
  'blog',
  'shop',
];

/** A typical site file: a `*` group, an AI-crawler block, a group for our token (on some sites), ~25 rules. */
function robotsFor(site: number): string {
  // Seeded by the site, so the server process and the baseline build the same file.
  const rand = seededRandom(site + 1);
  const pick = picker(rand);
  const lines = ['User-agent: *'];
  for (let i = 0; i < 12; i++) lines.push(`Disallow: /${pick(SEGMENTS)}/${i % 3 === 0 ? '*.php$' : ''}`);
  lines.push(
    'Allow: /search/about',
    'Crawl-delay: 1',
    '',
    'User-agent: GPTBot',
    'User-agent: CCBot',
    'Disallow: /',
  );
  if (site % 3 === 0) {
    lines.push('', `User-agent: ${TOKEN}`);
    for (let i = 0; i < 8; i++) lines.push(`Disallow: /${pick(SEGMENTS)}/*?${pick(SEGMENTS)}=`);
  }
  lines.push('', `Sitemap: https://site${site}.test/sitemap.xml`);
  return lines.join('\n') + '\n';
}

const host = (site: number) => `site${site}.test`;

/** One loopback server answering for every Host: robots.txt per site, 404 for the other origin files. */
async function serveSites(): Promise<{ server: Server; port: number; requests: () => number }> {
  let requests = 0;
  const files = new Map<number, string>();
  const server = createServer((req, res) => {
    requests++;
    const site = Number(/^site(\d+)\./.exec(req.headers.host ?? '')?.[1] ?? -1);
    if (req.url === '/robots.txt' && site >= 0) {
      let body = files.get(site);
      if (!body) {
        body = robotsFor(site);
        files.set(site, body);
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, requests: () => requests };
}

/**
 * The site server runs in a child process, so the gate under test does not
 * share its event loop; the parent asks it for request counts over IPC.
 */
async function startSite(): Promise<{ port: number; requests: () => Promise<number>; stop: () => void }> {
  const child = fork(fileURLToPath(import.meta.url), { env: { ...process.env, GATE_BENCH_SERVER: '1' } });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
  return {
    port,
    requests: () =>
      new Promise<number>((resolve) => {
        child.once('message', (m) => resolve(m as number));
        child.send('count');
      }),
    stop: () => child.kill(),
  };
}

if (process.env.GATE_BENCH_SERVER) {
  const served = await serveSites();
  process.on('message', () => process.send!(served.requests()));
  process.send!(served.port);
  await new Promise(() => {});
}

function urlsFor(port: number, origins: number, count: number): string[] {
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const depth = 1 + Math.floor(rand() * 3);
    let path = '';
    for (let d = 0; d < depth; d++) path += `/${pick(SEGMENTS)}`;
    path += `/item-${i}${rand() < 0.3 ? '.php' : ''}${rand() < 0.2 ? `?${pick(SEGMENTS)}=${i}` : ''}`;
    urls.push(`http://${host(Math.floor(rand() * origins))}:${port}${path}`);
  }
  return urls;
}

function gateFor(port: number, origins: number, files = true): Gate {
  const resolve: Record<string, string> = {};
  for (let i = 0; i < origins; i++) resolve[`${host(i)}:${port}`] = '127.0.0.1';
  return createGate({
    agent: { token: TOKEN, userAgent: USER_AGENT },
    purpose: 'train-ai',
    resolve,
    files: { tdmrep: files, aitxt: files },
    concurrency: 128,
  });
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

const rows: Row[] = [];
const site = await startSite();

/** Time cached checks of `urls` through the gate and through the baseline, side by side. */
async function cachedScenario(origins: number, urls: string[]): Promise<void> {
  const gate = gateFor(site.port, origins);
  for (const url of urls) await gate.check(url);
  const baseline = new Map<string, Baseline>();
  for (let i = 0; i < origins; i++) {
    const origin = `http://${host(i)}:${site.port}`;
    baseline.set(origin, robotsParser(`${origin}/robots.txt`, robotsFor(i)));
  }
  const baselineCheck = (url: string): boolean =>
    baseline.get(new URL(url).origin)!.isAllowed(url, TOKEN) !== false;
  // The baseline as a gate: `check` is async, as a gate's must be (a miss
  // fetches), so it is compared with `await gate.check()` on equal terms;
  // the synchronous one is compared with `peek()`.
  const baselineGate = { check: async (url: string): Promise<boolean> => baselineCheck(url) };
  let disallowed = 0;
  let baselineDisallowed = 0;
  for (const url of urls) {
    if (!(await gate.check(url)).allowed) disallowed++;
    if (!baselineCheck(url)) baselineDisallowed++;
  }
  const baselineNs = timeIt(() => {
    let n = 0;
    for (const url of urls) if (baselineCheck(url)) n++;
    return n;
  }, urls.length);
  const baselineAsyncNs = await timeItAsync(
    async () => {
      let n = 0;
      for (const url of urls) if (await baselineGate.check(url)) n++;
      return n;
    },
    urls.length,
    7,
  );
  const checkNs = await timeItAsync(
    async () => {
      let n = 0;
      for (const url of urls) if ((await gate.check(url)).allowed) n++;
      return n;
    },
    urls.length,
    7,
  );
  const peekNs = timeIt(() => {
    let n = 0;
    for (const url of urls) if (gate.peek(url)!.allowed) n++;
    return n;
  }, urls.length);
  const scenario = `cached, ${origins.toLocaleString('en')} origin(s), ${urls.length.toLocaleString('en')} URL strings`;
  const x = (base: number, ns: number) => (base / ns).toFixed(2);
  rows.push(
    row(scenario, 'baseline: robots-parser + Map, sync (boolean only)', baselineNs, {
      disallowed: baselineDisallowed,
    }),
    row(scenario, 'baseline gate: the same, await check() (boolean only)', baselineAsyncNs),
    row(scenario, '@optout/gate await check() (Decision)', checkNs, {
      disallowed,
      'x baseline gate': x(baselineAsyncNs, checkNs),
      'x sync baseline': x(baselineNs, checkNs),
    }),
    row(scenario, '@optout/gate peek() (Decision, sync)', peekNs, {
      'x sync baseline': x(baselineNs, peekNs),
    }),
  );
  await gate.close();
}

await cachedScenario(1, urlsFor(site.port, 1, URLS));
await cachedScenario(CACHED_ORIGINS, urlsFor(site.port, CACHED_ORIGINS, URLS));

// Memory of one cached origin: policies for CACHED_ORIGINS origins loaded by
// a second gate from a store the first one filled, so no sockets or request
// buffers are counted, only the stored record and the compiled policy.
{
  const filler = gateFor(site.port, CACHED_ORIGINS);
  const roots = Array.from({ length: CACHED_ORIGINS }, (_, i) => `http://${host(i)}:${site.port}/`);
  await Promise.all(roots.map((url) => filler.check(url)));
  const records = await Promise.all(
    roots.map(async (url) => serializeRecord((await filler.policy(url)).record)),
  );
  await filler.close();
  const before = heapUsed();
  const store = createMemoryStore();
  for (const text of records) {
    const record = deserializeRecord(text);
    store.set(record.origin, record, { keepUntil: record.expiresAt });
  }
  const reader = createGate({ agent: { token: TOKEN, userAgent: USER_AGENT }, store });
  for (const url of roots) await reader.check(url + 'news/1');
  const perOrigin = (heapUsed() - before) / CACHED_ORIGINS;
  sink(reader);
  rows.push(
    row(
      'memory per cached origin (robots.txt of ~30 lines, 3 absent files)',
      '@optout/gate (store record + compiled policy)',
      0,
      {
        bytes: Math.round(perOrigin),
      },
    ),
  );
  await reader.close();
}

// Cold run: every origin unseen, all origin files fetched from the loopback server.
for (const files of [false, true]) {
  const cold = gateFor(site.port, COLD_ORIGINS, files);
  const coldUrls = Array.from({ length: COLD_ORIGINS }, (_, i) => `http://${host(i)}:${site.port}/news/1`);
  const requestsBefore = await site.requests();
  const started = process.hrtime.bigint();
  const decisions = await Promise.all(coldUrls.map((url) => cold.check(url)));
  const ns = Number(process.hrtime.bigint() - started);
  sink(decisions);
  const failed = decisions.filter((d) => d.errors.length > 0).length;
  rows.push(
    row(
      `cold: ${COLD_ORIGINS.toLocaleString('en')} origins on loopback`,
      files ? 'all origin files (4 requests/origin)' : 'robots.txt only',
      ns / COLD_ORIGINS,
      {
        'origins/s': Math.round(COLD_ORIGINS / (ns / 1e9)),
        requests: (await site.requests()) - requestsBefore,
        'with errors': failed,
      },
    ),
  );
  await cold.close();
}

site.stop();
report('gate', rows);
