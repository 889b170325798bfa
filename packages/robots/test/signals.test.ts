// AI lines and inference: SIGNALS sections 3.3, 4.4-4.5 and 5 worked examples,
// and the authored fixtures in fixtures/signals with their expected.json.
import { readFileSync } from 'node:fs';
import type { Statement } from '@optout/core';
import { parseRobots } from '@optout/robots';
import { describe, expect, test } from 'vitest';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/signals/${name}`, import.meta.url), 'utf8');
const expected = JSON.parse(fixture('expected.json')) as Record<string, Record<string, unknown>[]>;

/** The value a set of statements gives a category: any disallow wins, else allow, else unknown. */
function verdict(statements: Statement[], category: string): 'allow' | 'disallow' | 'unknown' {
  const values = statements.filter((s) => s.category === category).map((s) => s.value);
  return values.includes('disallow') ? 'disallow' : values.includes('allow') ? 'allow' : 'unknown';
}

const CATEGORY_OF: Record<string, string> = {
  'train-ai': 'train-ai',
  'ai-train': 'train-ai',
  search: 'search',
  'ai-input': 'ai-input',
};

describe('fixtures/signals expected.json', () => {
  for (const file of ['content-usage.txt', 'content-signal.txt', 'ai-agents.txt']) {
    for (const row of expected[file]!) {
      test(`${file}: ${row.ua} ${row.path}`, () => {
        const robots = parseRobots(fixture(file));
        const statements = robots.statements(`https://example.com${row.path}`, row.ua as string);
        expect(statements[0]!.category).toBe('crawl');
        if (typeof row.crawl === 'boolean') {
          expect(robots.isAllowed(`https://example.com${row.path}`, row.ua as string)).toBe(row.crawl);
          expect(statements[0]!.value).toBe(row.crawl ? 'allow' : 'disallow');
        }
        const rest = statements.slice(1);
        for (const [key, category] of Object.entries(CATEGORY_OF)) {
          const want = row[key];
          if (want === undefined) continue;
          if (want === 'n/a') expect(rest.filter((s) => s.source !== 'robots.inferred')).toEqual([]);
          else expect(verdict(rest, category), key).toBe(want);
        }
      });
    }
  }

  test('rsl-license.txt: License lines are global and all collected', () => {
    const robots = parseRobots(fixture('rsl-license.txt'));
    expect(robots.licenses).toEqual(expected['rsl-license.txt']![0]!.licenses);
    expect(robots.isAllowed('/x', 'anybot')).toBe(true);
  });

  test('RSL License lines carry their line as evidence, and make no statement before the document is read', () => {
    const robots = parseRobots(fixture('rsl-license.txt'), { url: 'https://publisher.example/robots.txt' });
    expect(robots.licenseLines).toEqual([
      {
        url: 'https://publisher.example/license.xml',
        evidence: {
          raw: 'License: https://publisher.example/license.xml',
          line: 2,
          url: 'https://publisher.example/robots.txt',
        },
      },
      {
        url: 'https://cdn.publisher.example/rsl/images.xml',
        evidence: {
          raw: 'License: https://cdn.publisher.example/rsl/images.xml',
          line: 8,
          url: 'https://publisher.example/robots.txt',
        },
      },
    ]);
    expect(robots.statements('/x', 'anybot').map((s) => s.source)).toEqual(['robots']);
  });

  test('RSL License: a relative URL is resolved against the file URL; one that is no URL is reported', () => {
    const txt = 'License: /rsl.xml\nLicense: /rsl.xml\nLicense: http://[bad\nUser-agent: *\nAllow: /\n';
    const robots = parseRobots(txt, { url: 'https://e.org/robots.txt' });
    expect(robots.licenses).toEqual(['https://e.org/rsl.xml']);
    expect(robots.licenseLines.map((l) => l.evidence.line)).toEqual([1]);
    expect(robots.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'robots.license.invalid-url', line: 3 }),
    );
    // Without a file URL a relative licence cannot be located: reported, not listed.
    const bare = parseRobots('License: /rsl.xml\n');
    expect(bare.licenses).toEqual([]);
    expect(bare.diagnostics.map((d) => d.code)).toEqual(['robots.license.invalid-url']);
  });
});

describe('SIGNALS 3.2-3.3: inference from training-class and control tokens', () => {
  const aiAgents = fixture('ai-agents.txt');

  test('vendor (default): Applebot may crawl /news, but train-ai is disallowed via Applebot-Extended', () => {
    const statements = parseRobots(aiAgents, { url: 'https://example.com/robots.txt' }).statements(
      'https://example.com/news',
      'Applebot',
    );
    expect(statements[0]).toMatchObject({ category: 'crawl', value: 'allow', source: 'robots' });
    const inferred = statements.filter((s) => s.source === 'robots.inferred');
    expect(inferred).toHaveLength(1);
    expect(inferred[0]).toMatchObject({
      category: 'train-ai',
      value: 'disallow',
      inferred: true,
      label: 'Applebot-Extended',
      evidence: { raw: 'Disallow: /', line: 7, pattern: '/', url: 'https://example.com/robots.txt' },
    });
    expect(inferred[0]!.scope.agents).toEqual(['Applebot-Extended', 'Applebot']);
  });

  test('vendor: GPTBot gets a train-ai disallow scoped to itself; an unrelated bot gets none', () => {
    const robots = parseRobots(aiAgents);
    const gpt = robots.statements('/news', 'GPTBot').filter((s) => s.inferred);
    expect(gpt.map((s) => s.scope.agents)).toEqual([['GPTBot']]);
    expect(robots.statements('/news', 'MyResearchBot').filter((s) => s.inferred)).toEqual([]);
  });

  test('any-training-token: MyResearchBot gets an unscoped train-ai disallow listing the tokens', () => {
    const statements = parseRobots(aiAgents, { robotsInference: 'any-training-token' }).statements(
      '/news',
      'MyResearchBot',
    );
    expect(statements[0]).toMatchObject({ category: 'crawl', value: 'allow' });
    const inferred = statements.filter((s) => s.inferred);
    expect(inferred).toHaveLength(1);
    expect(inferred[0]!.scope).toEqual({});
    for (const token of ['GPTBot', 'ClaudeBot', 'CCBot', 'Google-Extended', 'Applebot-Extended']) {
      expect(inferred[0]!.note).toContain(token);
    }
  });

  test('none: no inferred statements', () => {
    const robots = parseRobots(aiAgents, { robotsInference: 'none' });
    expect(robots.statements('/news', 'Applebot').filter((s) => s.inferred)).toEqual([]);
  });

  test('an Allow covering the URL in the training token group means no inference for it', () => {
    const txt = 'User-agent: GPTBot\nDisallow: /\nAllow: /public/\n';
    const robots = parseRobots(txt);
    expect(robots.statements('/public/a', 'GPTBot').filter((s) => s.inferred)).toEqual([]);
    expect(robots.statements('/private', 'GPTBot').filter((s) => s.inferred)).toHaveLength(1);
  });
});

describe('SIGNALS 4.4-4.5: Content-Usage in robots.txt', () => {
  const example =
    'User-Agent: *\nAllow: /\nDisallow: /never/\nContent-Usage: train-ai=n\nContent-Usage: /ai-ok/ train-ai=y\n';

  test('§4.5 #4: the longest matching path wins as a whole: /ai-ok/x has train-ai allow, search unknown', () => {
    const statements = parseRobots(example).statements('/ai-ok/x', 'bot');
    expect(verdict(statements, 'train-ai')).toBe('allow');
    expect(verdict(statements, 'search')).toBe('unknown');
    expect(statements.find((s) => s.category === 'train-ai')).toMatchObject({
      source: 'robots.content-usage',
      label: 'train-ai',
      evidence: { line: 5, pattern: '/ai-ok/', raw: 'Content-Usage: /ai-ok/ train-ai=y' },
    });
  });

  test('§4.5 #5: a URL that may not be crawled carries no preferences', () => {
    const statements = parseRobots(example).statements('/never/x', 'bot');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ category: 'crawl', value: 'disallow', evidence: { line: 3 } });
  });

  test('§4.4: a path line overrides the site-wide line as a whole, not per key', () => {
    const txt = 'User-Agent: *\nContent-Usage: train-ai=n, search=n\nContent-Usage: /open/ train-ai=y\n';
    const statements = parseRobots(txt).statements('/open/a', 'bot');
    expect(verdict(statements, 'train-ai')).toBe('allow');
    expect(verdict(statements, 'search')).toBe('unknown');
  });

  test('§4.4: identical paths with conflicting preferences combine most restrictively, with a diagnostic', () => {
    const robots = parseRobots(
      'User-Agent: *\nContent-Usage: /d/ train-ai=y\nContent-Usage: /d/ train-ai=n\n',
    );
    expect(verdict(robots.statements('/d/z', 'bot'), 'train-ai')).toBe('disallow');
    expect(robots.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'robots.content-usage.contradiction', line: 3 }),
    );
  });

  test('§4.2: an uppercase key makes the whole line unparseable: diagnostic, no statements', () => {
    const robots = parseRobots('User-Agent: *\nContent-Usage: Train-AI=n, search=n\n');
    expect(robots.statements('/x', 'bot')).toHaveLength(1);
    expect(robots.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'robots.content-usage.unparseable', line: 2 }),
    );
  });

  test('§4.1: legacy labels are ignored with a diagnostic; non-token values leave the key unknown', () => {
    const robots = parseRobots('User-Agent: *\nContent-Usage: ai=n, train-ai="n", search=y\n');
    const statements = robots.statements('/x', 'bot');
    expect(verdict(statements, 'train-ai')).toBe('unknown');
    expect(verdict(statements, 'search')).toBe('allow');
    const codes = robots.diagnostics.map((d) => d.code);
    expect(codes).toContain('robots.content-usage.legacy-label');
    expect(codes).toContain('robots.content-usage.invalid-value');
  });

  test('the label is the field as written in the line; the value runs to "#"', () => {
    const statements = parseRobots('User-Agent: *\ncontent-usage: search=n # not for search\n').statements(
      '/x',
      'b',
    );
    expect(statements[1]).toMatchObject({ category: 'search', value: 'disallow', label: 'search' });
  });
});

describe('aiLines: how Content-Usage and Content-Signal group (ROBOTS.md last section, item 1)', () => {
  const txt = 'User-agent: A\nContent-Usage: train-ai=n\nUser-agent: B\nDisallow: /\n';

  test("'rule' (default, attach-05 §3): the line closes A's run, so A has its own group", () => {
    const robots = parseRobots(txt);
    expect(robots.isAllowed('/x', 'A')).toBe(true);
    expect(verdict(robots.statements('/x', 'A'), 'train-ai')).toBe('disallow');
    expect(robots.isAllowed('/x', 'B')).toBe(false);
    expect(robots.groups.map((g) => g.agents)).toEqual([['A'], ['B']]);
  });

  test("'unknown' (Google reference): the line closes nothing, A shares B's group", () => {
    const robots = parseRobots(txt, { aiLines: 'unknown' });
    expect(robots.isAllowed('/x', 'A')).toBe(false);
    expect(robots.groups.map((g) => g.agents)).toEqual([['A', 'B']]);
  });

  test('both readings agree when the AI line sits in a group that has Allow/Disallow', () => {
    const common = 'User-agent: A\nDisallow: /p\nContent-Signal: ai-train=no\n\nUser-agent: B\nDisallow: /\n';
    for (const aiLines of ['rule', 'unknown'] as const) {
      const robots = parseRobots(common, { aiLines });
      expect(robots.isAllowed('/x', 'A')).toBe(true);
      expect(verdict(robots.statements('/x', 'A'), 'train-ai')).toBe('disallow');
    }
  });
});

describe('SIGNALS 5: Content-Signal', () => {
  const cs = fixture('content-signal.txt');

  test('§5.3: a generic bot gets the merged "*" groups: search allow, ai-train disallow, ai-input unknown', () => {
    const statements = parseRobots(cs).statements('/page', 'SomeBot');
    expect(verdict(statements, 'search')).toBe('allow');
    expect(verdict(statements, 'train-ai')).toBe('disallow');
    expect(verdict(statements, 'ai-input')).toBe('unknown');
    expect(statements.find((s) => s.category === 'train-ai')).toMatchObject({
      source: 'robots.content-signal',
      label: 'ai-train',
    });
  });

  test('§5.3: a path-scoped line refines only the keys it names', () => {
    const statements = parseRobots(cs).statements('/blog/post', 'SomeBot');
    expect(verdict(statements, 'ai-input')).toBe('allow');
    expect(verdict(statements, 'train-ai')).toBe('disallow');
  });

  test('§5.3: PerplexityBot has its own group only', () => {
    const statements = parseRobots(cs).statements('/page', 'PerplexityBot');
    expect(verdict(statements, 'ai-input')).toBe('disallow');
    expect(verdict(statements, 'search')).toBe('allow');
  });

  test('§5.1: a line outside any group is the site-wide fallback, and says so', () => {
    const txt =
      'Content-Signal: ai-train=no\n\nUser-agent: *\nAllow: /\n\nUser-agent: a\nContent-Signal: search=yes\n';
    const robots = parseRobots(txt);
    const generic = robots.statements('/x', 'other').filter((s) => s.source === 'robots.content-signal');
    expect(generic).toHaveLength(1);
    expect(generic[0]).toMatchObject({ category: 'train-ai', value: 'disallow', scope: {} });
    expect(generic[0]!.note).toMatch(/site-wide/);
    // The group of `a` has its own line, so the fallback does not apply to it.
    expect(verdict(robots.statements('/x', 'a'), 'train-ai')).toBe('unknown');
  });

  test('§5.1: values are accepted case-insensitively with a diagnostic; unknown keys ignored', () => {
    const robots = parseRobots('User-agent: *\nContent-signal: ai-train=No, use=reference, foo=yes\n');
    expect(verdict(robots.statements('/x', 'b'), 'train-ai')).toBe('disallow');
    expect(robots.diagnostics.map((d) => d.code)).toContain('robots.content-signal.value-case');
  });
});
