import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AuditResult, auditHtml } from '../src/lib/audit/report.js';
import { auditCommand, auditSite } from '../src/lib/commands/audit.js';
import { EXAMPLE_PRESS, type RunningSite, startSite, UNREACHABLE_SITE } from '../src/lib/demo/site.js';
import { hasChromium, launchChromium } from './chromium.js';
import { captureIo, tempDir } from './io.js';

const tmp = tempDir();
let press: RunningSite;
let down: RunningSite;
let robotsText: string;
let result: AuditResult;

beforeAll(async () => {
  press = await startSite(EXAMPLE_PRESS);
  down = await startSite(UNREACHABLE_SITE);
  robotsText = await (await fetch(`${press.origin}/robots.txt`)).text();
  result = await auditSite(`${press.origin}/`, {});
});
afterAll(async () => {
  await press.close();
  await down.close();
});

/** 1-based line of the first robots.txt line that starts with `text` after `after`. */
function lineOf(text: string, after = 0): number {
  const lines = robotsText.split('\n');
  return lines.findIndex((l, i) => i >= after && l.startsWith(text)) + 1;
}

describe('audit matrix', () => {
  test('a crawler named in a Disallow: / group is blocked from crawling, citing that robots.txt line', async () => {
    const gpt = result.evaluation.rows.find((r) => r.agent.token === 'GPTBot')!;
    const crawl = gpt.cells.crawl!;
    expect(crawl.status).toBe('disallowed');
    expect(crawl.deciding[0]).toMatchObject({
      source: 'robots',
      evidence: { raw: 'Disallow: /', line: lineOf('Disallow: /', lineOf('User-agent: GPTBot')) },
    });
  });

  test('Content-Signal in an agent group decides ai-input for that agent (PerplexityBot: ai-input=no)', async () => {
    const perplexity = result.evaluation.rows.find((r) => r.agent.token === 'PerplexityBot')!;
    expect(perplexity.cells['ai-input']!.status).toBe('disallowed');
    expect(perplexity.cells['ai-input']!.deciding.map((s) => s.source)).toContain('robots.content-signal');
    expect(perplexity.cells.search!.status).toBe('allowed');
  });

  test('rows cover the vendor agents and every agent robots.txt names', async () => {
    const tokens = result.evaluation.rows.map((r) => r.agent.token);
    for (const token of [
      'GPTBot',
      'ClaudeBot',
      'CCBot',
      'Google-Extended',
      'PerplexityBot',
      'Bytespider',
      'Applebot-Extended',
    ]) {
      expect(tokens).toContain(token);
    }
  });

  test('cells note the audited pages where the answer differs (robots.txt Disallow: /drafts/)', async () => {
    const amazon = result.evaluation.rows.find((r) => r.agent.token === 'Amazonbot')!;
    expect(amazon.cells.crawl!.varies).toContainEqual({
      url: `${press.origin}/drafts/next`,
      status: 'disallowed',
    });
  });
});

describe('audit of a site whose robots.txt names an RSL licence', () => {
  const LICENSED = {
    '/robots.txt': {
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nAllow: /\nLicense: /license.xml\n',
    },
    '/license.xml': {
      headers: { 'content-type': 'application/rsl+xml' },
      body: [
        '<rsl xmlns="https://rslstandard.org/rsl">',
        '  <content url="/">',
        '    <license><permits type="usage">search</permits><prohibits type="usage">ai-train</prohibits></license>',
        '  </content>',
        '</rsl>',
      ].join('\n'),
    },
    '/': { headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>Home</title>' },
  };

  test('the licence is read and listed, and its prohibition decides train-ai for every agent', async () => {
    const site = await startSite(LICENSED);
    try {
      const licensed = await auditSite(`${site.origin}/`, {});
      expect(licensed.snapshot.licenses.map((f) => [f.url, f.status])).toEqual([
        [`${site.origin}/license.xml`, 200],
      ]);
      const gpt = licensed.evaluation.rows.find((r) => r.agent.token === 'GPTBot')!;
      expect(gpt.cells['train-ai']!.status).toBe('disallowed');
      expect(gpt.cells['train-ai']!.deciding[0]).toMatchObject({
        source: 'rsl',
        evidence: { url: `${site.origin}/license.xml`, line: 3 },
      });
      expect(gpt.cells.crawl!.status).toBe('allowed');
    } finally {
      await site.close();
    }
  });
});

describe('audit findings', () => {
  test('contradiction: robots.txt lets a training crawler in with no training rule while TDMRep reserves', async () => {
    const finding = result.findings.find((f) => f.title.startsWith('robots.txt lets'));
    expect(finding?.kind).toBe('contradiction');
    // ClaudeBot has its own group without Content-Usage; GPTBot is disallowed; Amazonbot falls under `*` (train-ai=n).
    expect(finding?.title).toContain('ClaudeBot');
    expect(finding?.title).not.toContain('GPTBot');
    expect(finding?.title).not.toContain('Amazonbot');
    expect(finding?.fix).toContain('User-agent: ClaudeBot');
  });

  test('contradiction: Content-Usage allows train-ai under /open-data/ where Content-Signal says ai-train=no', async () => {
    const finding = result.findings.find(
      (f) =>
        f.title.startsWith('Content-Usage (robots.txt) allows train-ai') &&
        f.title.includes('Content-Signal'),
    );
    expect(finding?.evidence).toEqual([
      `${press.origin}/robots.txt:${lineOf('Content-Usage: /open-data/')}: Content-Usage: /open-data/ train-ai=y`,
      `${press.origin}/robots.txt:${lineOf('Content-Signal:')}: Content-Signal: search=yes, ai-input=yes, ai-train=no`,
    ]);
  });

  test('problem: a robots.txt answering 503 means every RFC 9309 crawler must stay out', async () => {
    const downResult = await auditSite(`${down.origin}/`, {});
    expect(downResult.findings[0]).toMatchObject({
      kind: 'problem',
      title: expect.stringContaining('unreachable (HTTP 503)'),
    });
    const gpt = downResult.evaluation.rows.find((r) => r.agent.token === 'GPTBot')!;
    expect(gpt.cells.crawl!.status).toBe('disallowed');
    // A crawler would ask such a site nothing else; the audit still reads its other files.
    expect([downResult.snapshot.tdmrep.status, downResult.snapshot.aiTxt.status]).toEqual([404, 404]);
  });
});

describe('audit diagnostics', () => {
  test('every parser diagnostic becomes a problem naming the file and line, with the raw line', async () => {
    const site = await startSite({
      '/robots.txt': { body: 'User-agent: *\nDisalow: /private/\nContent-Usage: Train-AI=n\n' },
      '/': { headers: { 'content-type': 'text/html' }, body: '<html><head></head><body>hi</body></html>' },
    });
    try {
      const audit = await auditSite(`${site.origin}/`, {});
      const titles = audit.findings.filter((f) => f.kind === 'problem').map((f) => [f.title, f.evidence]);
      expect(titles).toContainEqual([
        `${site.origin}/robots.txt:2: "disalow" read as a misspelt directive`,
        ['Disalow: /private/'],
      ]);
      expect(
        titles.some(([t]) => (t as string).startsWith(`${site.origin}/robots.txt:3: Content-Usage value`)),
      ).toBe(true);
    } finally {
      await site.close();
    }
  });
});

describe('optout audit command', () => {
  test('--resolve maps a host name to 127.0.0.1; --json prints the matrix; exit 1 on contradictions', async () => {
    const port = new URL(press.origin).port;
    const { io, out } = captureIo(tmp.dir);
    const code = await auditCommand.run(
      [`http://press.example:${port}/`, '--json', '--resolve', `press.example:${port}:127.0.0.1`],
      io,
    );
    expect(code).toBe(1);
    const json = JSON.parse(out());
    expect(json.files.robots.status).toBe(200);
    expect(json.matrix.find((r: { agent: string }) => r.agent === 'CCBot').cells.crawl.status).toBe(
      'disallowed',
    );
  });

  test('--html writes one self-contained file: inline CSS, no scripts, no external assets', async () => {
    const { io, err } = captureIo(tmp.dir);
    await auditCommand.run([`${press.origin}/`, '--html', 'report.html'], io);
    expect(err()).toContain('report.html');
    const html = readFileSync(join(tmp.dir, 'report.html'), 'utf8');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|\ssrc=|url\(/i);
    expect(html).toContain('id="agent-matrix"');
  });
});

// Rendering needs Debian's chromium: skipped where it is not installed (see chromium.ts).
describe.skipIf(!hasChromium)('audit HTML in headless Chromium', () => {
  test('the agent matrix is visible, one row per agent, GPTBot blocked', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(auditHtml(result));
      const matrix = page.locator('#agent-matrix');
      expect(await matrix.isVisible()).toBe(true);
      expect(await matrix.locator('tbody tr').count()).toBe(result.evaluation.rows.length);
      const gptRow = matrix.locator('tbody tr', { hasText: 'GPTBot' }).first();
      expect(await gptRow.locator('td.disallowed').count()).toBe(4);
      expect(await gptRow.isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
