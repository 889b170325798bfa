// The README's example, run as written, so the documentation cannot drift.
import { parseRobots } from '@optout/robots';
import { expect, test } from 'vitest';

test('README example', () => {
  const robots = parseRobots(
    [
      'User-agent: GPTBot',
      'Disallow: /',
      '',
      'User-agent: *',
      'Disallow: /private/',
      'Content-Usage: train-ai=n',
      'Sitemap: /sitemap.xml',
    ].join('\n'),
    { url: 'https://example.com/robots.txt' },
  );
  expect(robots.isAllowed('https://example.com/private/x', 'MyBot')).toBe(false);
  expect(robots.explain('https://example.com/', 'GPTBot')).toEqual({
    allowed: false,
    rule: { line: 2, kind: 'disallow', pattern: '/' },
    group: { line: 1, agents: ['GPTBot'] },
    reason: 'Disallow "/" (line 2) is the longest matching rule',
  });
  const statements = robots.statements('https://example.com/page', 'MyBot');
  expect(statements.map((s) => [s.category, s.value, s.source])).toEqual([
    ['crawl', 'allow', 'robots'],
    ['train-ai', 'disallow', 'robots.content-usage'],
  ]);
  expect(statements[1]!.evidence).toEqual({
    raw: 'Content-Usage: train-ai=n',
    line: 6,
    url: 'https://example.com/robots.txt',
  });
  expect(robots.sitemaps).toEqual(['https://example.com/sitemap.xml']);
  expect(robots.diagnostics).toEqual([]);
});
