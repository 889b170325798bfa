// The worked examples of SIGNALS.md, run through `optout check` as a user
// would: the files on disk, one command line each, the exit code and the
// deciding evidence checked.
import { fileURLToPath } from 'node:url';
import { DecisionSchema } from '@optout/core/schema';
import { describe, expect, test } from 'vitest';
import { main } from '../src/index.js';
import { captureIo } from './io.js';

const fixtures = fileURLToPath(new URL('./fixtures/signals/', import.meta.url));

async function check(url: string, args: string[]) {
  const { io, out, err } = captureIo(fixtures);
  const code = await main(['check', `https://example.com${url}`, ...args, '--json'], io);
  if (code === 2) throw new Error(err());
  const decision = DecisionSchema.parse(JSON.parse(out()));
  const deciding = decision.statements.filter((s) => s.role === 'deciding');
  return { code, decision, deciding };
}

describe('SIGNALS.md §3.3: AI agents in robots.txt (ai-agents-robots.txt)', () => {
  const robots = ['--robots', 'ai-agents-robots.txt'];

  test('GPTBot, /: crawl disallowed by its named group (line 7)', async () => {
    const { code, deciding } = await check('/', ['--agent', 'GPTBot', '--purpose', 'crawl', ...robots]);
    expect(code).toBe(1);
    expect(deciding[0]).toMatchObject({ source: 'robots', evidence: { line: 7, raw: 'Disallow: /' } });
  });

  test('OAI-SearchBot, /members/a: crawl disallowed by Disallow: /members/', async () => {
    const { code, deciding } = await check('/members/a', [
      '--agent',
      'OAI-SearchBot',
      '--purpose',
      'crawl',
      ...robots,
    ]);
    expect(code).toBe(1);
    expect(deciding[0]!.evidence.raw).toBe('Disallow: /members/');
  });

  test('Applebot, /news: crawl allowed (*), train-ai disallowed, inferred through Applebot-Extended', async () => {
    expect((await check('/news', ['--agent', 'Applebot', '--purpose', 'crawl', ...robots])).code).toBe(0);
    const { code, deciding } = await check('/news', ['--agent', 'Applebot', ...robots]);
    expect(code).toBe(1);
    expect(deciding[0]).toMatchObject({ source: 'robots.inferred', category: 'train-ai', inferred: true });
  });

  test('MyResearchBot, /news: train-ai unknown by default (vendor), disallowed with any-training-token', async () => {
    const vendor = await check('/news', ['--agent', 'MyResearchBot', ...robots]);
    expect(vendor.decision.status).toBe('unknown');
    const any = await check('/news', [
      '--agent',
      'MyResearchBot',
      '--robots-inference',
      'any-training-token',
      ...robots,
    ]);
    expect(any.code).toBe(1);
    expect(any.deciding[0]).toMatchObject({ source: 'robots.inferred', category: 'train-ai' });
  });

  test('--robots-inference none: a Disallow for Applebot-Extended says nothing about training', async () => {
    const { decision } = await check('/news', [
      '--agent',
      'Applebot',
      '--robots-inference',
      'none',
      ...robots,
    ]);
    expect(decision.status).toBe('unknown');
  });
});

describe('SIGNALS.md §5.3: Content-Signal (content-signal-robots.txt)', () => {
  const robots = ['--robots', 'content-signal-robots.txt'];
  const cases: [string, string, string, 'allowed' | 'disallowed' | 'unknown'][] = [
    ['SomeBot', '/page', 'search', 'allowed'],
    ['SomeBot', '/page', 'train-ai', 'disallowed'],
    ['SomeBot', '/page', 'ai-input', 'unknown'],
    ['SomeBot', '/blog/post', 'ai-input', 'allowed'],
    ['SomeBot', '/blog/post', 'train-ai', 'disallowed'],
    ['PerplexityBot', '/page', 'ai-input', 'disallowed'],
    ['GPTBot', '/page', 'crawl', 'disallowed'],
  ];
  for (const [agent, path, purpose, status] of cases) {
    test(`${agent} ${path} ${purpose}: ${status}`, async () => {
      const { decision } = await check(path, ['--agent', agent, '--purpose', purpose, ...robots]);
      expect(decision.status).toBe(status);
    });
  }
});

describe('SIGNALS.md §2.4: ai.txt (images-allowed-ai.txt)', () => {
  const aiTxt = ['--agent', 'AnyBot', '--ai-txt', 'images-allowed-ai.txt'];
  test('#2 /g/cat.png: allowed by Allow: *.png', async () => {
    const { code, deciding } = await check('/g/cat.png', aiTxt);
    expect(code).toBe(0);
    expect(deciding[0]!.evidence.raw).toBe('Allow: *.png');
  });
  test('#3 /blog/post: disallowed by Disallow: /', async () => {
    const { code, deciding } = await check('/blog/post', aiTxt);
    expect(code).toBe(1);
    expect(deciding[0]!.evidence.raw).toBe('Disallow: /');
  });
  test('#4 /g/cat.JPG: disallowed (extension matching is case-sensitive)', async () => {
    expect((await check('/g/cat.JPG', aiTxt)).code).toBe(1);
  });
});

describe('SIGNALS.md §1.8 and §1.6: TDMRep through the CLI', () => {
  test('#2 first matching rule wins: /premium/x is not reserved (rule 0), and the ambiguity is reported', async () => {
    const { io, out } = captureIo(fixtures);
    const args = ['check', 'https://example.com/premium/x', '--agent', 'AnyBot', '--purpose', 'tdm'];
    const code = await main([...args, '--tdmrep', 'order-matters-tdmrep.json'], io);
    expect(code).toBe(0);
    expect(out()).toMatch(/^ALLOWED/);
    expect(out()).toContain('tdmrep.rule-order-ambiguity');
  });

  test('#2 with --tdmrep-order longest: the longer /premium/ rule reserves /premium/x', async () => {
    const args = ['--agent', 'AnyBot', '--purpose', 'tdm', '--tdmrep', 'order-matters-tdmrep.json'];
    const { code, deciding } = await check('/premium/x', [...args, '--tdmrep-order', 'longest']);
    expect(code).toBe(1);
    expect(deciding[0]).toMatchObject({ source: 'tdmrep.file', value: 'disallow' });
  });

  test('header tdm-reservation: 1, head meta 0: spec mode not reserved, the header overridden in the cascade', async () => {
    const args = [
      '--agent',
      'AnyBot',
      '--purpose',
      'tdm',
      '--headers',
      'reserved-headers.txt',
      '--html',
      'tdm-meta-overrides-header.html',
    ];
    const spec = await check('/page', args);
    expect(spec.code).toBe(0);
    expect(spec.deciding[0]).toMatchObject({ source: 'tdmrep.html', value: 'allow' });
    const header = spec.decision.statements.find((s) => s.source === 'tdmrep.header');
    expect(header).toMatchObject({ value: 'disallow', evidence: { url: 'reserved-headers.txt' } });
    expect(header?.supersededBy).toBeDefined();
    const { io, out } = captureIo(fixtures);
    await main(['check', 'https://example.com/page', ...args], io);
    expect(out()).toMatch(/Superseded in the signal's own cascade:\n {2}tdmrep\.header: tdm disallow/);
    expect(out()).toContain('superseded by tdmrep.html');
    const conservative = await check('/page', [...args, '--tdmrep-mode', 'conservative']);
    expect(conservative.code).toBe(1);
  });

  test('googlebot-named noai meta binds only googlebot', async () => {
    const html = ['--purpose', 'train-ai', '--html', 'tdm-meta-overrides-header.html'];
    expect((await check('/page', ['--agent', 'AnyBot', ...html])).decision.status).not.toBe('disallowed');
    expect((await check('/page', ['--agent', 'Googlebot', ...html])).code).toBe(1);
  });
});
