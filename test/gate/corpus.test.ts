// Cross-package: real and authored origin files served by a real HTTP server
// on 127.0.0.1, read through @optout/gate, decided with the parsers.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Category } from '@optout/core';
import { createGate, type Gate } from '@optout/gate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

interface Site {
  origin: string;
  server: Server;
}

/** Serve `files` (path -> [content type, body, extra headers]) on 127.0.0.1. */
async function serve(
  files: Record<string, [string, Buffer | string, Record<string, string>?]>,
): Promise<Site> {
  const server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0], ...file[2] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const gates: Gate[] = [];
function gate(token: string, purpose: Category): Gate {
  const g = createGate({ agent: { token, userAgent: `${token}/1.0 (+https://example.org/bot)` }, purpose });
  gates.push(g);
  return g;
}
afterAll(async () => {
  await Promise.all(gates.map((g) => g.close()));
});

describe('healsdata/ai-training-opt-out, served as a site', () => {
  let site: Site;
  beforeAll(async () => {
    const headers = Object.fromEntries(
      fixture('healsdata_headers.txt')
        .toString()
        .trim()
        .split('\n')
        .map((line) => line.split(': ') as [string, string]),
    );
    site = await serve({
      '/robots.txt': ['text/plain', fixture('healsdata_robots.txt')],
      '/ai.txt': ['text/plain', fixture('healsdata_spawning-generated_ai.txt')],
      '/.well-known/tdmrep.json': ['application/json', fixture('healsdata_tdmrep.json')],
      '/page.html': ['text/html', fixture('healsdata_meta-tags.html'), headers],
    });
  });
  afterAll(() => site.server.close());

  test('a named AI crawler is refused by its robots.txt group, with the line as evidence', async () => {
    const d = await gate('Amazonbot', 'ai-input').check(`${site.origin}/anything`);
    expect(d.allowed).toBe(false);
    expect(d.statements[0]).toMatchObject({
      source: 'robots',
      category: 'crawl',
      evidence: { line: 20, raw: 'Disallow: /' },
    });
  });

  test('an unnamed crawler may crawl, but tdmrep.json and ai.txt reserve training', async () => {
    expect((await gate('ResearchBot', 'crawl').check(`${site.origin}/essay.html`)).allowed).toBe(true);
    const d = await gate('ResearchBot', 'train-ai').check(`${site.origin}/essay.html`);
    expect(d.allowed).toBe(false);
    const deciding = new Set(d.statements.filter((s) => s.role === 'deciding').map((s) => s.source));
    expect(deciding).toEqual(new Set(['tdmrep.file', 'aitxt']));
  });

  test('after the fetch: X-Robots-Tag, meta robots and the TDMRep cascade all reserve training', async () => {
    const g = gate('ResearchBot', 'train-ai');
    const crawl = await gate('ResearchBot', 'crawl').fetch(`${site.origin}/page.html`);
    expect(crawl.decision.allowed).toBe(true);
    const d = await g.inspect(`${site.origin}/page.html`, {
      headers: crawl.response!.headers,
      body: await crawl.response!.text(),
    });
    const deciding = new Set(d.statements.filter((s) => s.role === 'deciding').map((s) => s.source));
    for (const source of ['x-robots-tag', 'meta-robots', 'tdmrep.html', 'aitxt'])
      expect(deciding).toContain(source);
    // TDMRep's own cascade: the HTML meta wins, file and header are superseded by it.
    expect(
      d.statements
        .filter((s) => s.supersededBy === 'tdmrep.html')
        .map((s) => s.source)
        .sort(),
    ).toEqual(['tdmrep.file', 'tdmrep.header']);
  });
});

type Case = Record<string, string | boolean | undefined> & { ua: string; path: string };
const expected = JSON.parse(fixture('expected.json').toString()) as Record<string, Case[]>;
// The fixture's labels for categories (Content-Signal's `ai-train` is our `train-ai`).
const CATEGORY: Record<string, Category> = {
  'train-ai': 'train-ai',
  'ai-train': 'train-ai',
  'ai-input': 'ai-input',
  search: 'search',
};
const STATUS: Record<string, string> = { allow: 'allowed', disallow: 'disallowed', unknown: 'unknown' };

describe('authored robots.txt fixtures (shared expected.json), through the gate', () => {
  for (const file of ['content-usage.txt', 'content-signal.txt', 'ai-agents.txt']) {
    describe(file, () => {
      let site: Site;
      beforeAll(async () => {
        site = await serve({ '/robots.txt': ['text/plain', fixture(file)] });
      });
      afterAll(() => site.server.close());

      for (const c of expected[file]!) {
        test(`${c.ua} ${c.path}: ${c.note ?? c.rule ?? 'as expected'}`, async () => {
          const url = () => `${site.origin}${c.path}`;
          if (typeof c.crawl === 'boolean') {
            expect((await gate(c.ua, 'crawl').check(url())).allowed, 'crawl').toBe(c.crawl);
          }
          for (const [label, category] of Object.entries(CATEGORY)) {
            const want = STATUS[String(c[label])];
            if (!want || c.crawl === false) continue;
            expect((await gate(c.ua, category).check(url())).status, label).toBe(want);
          }
        });
      }
    });
  }
});
