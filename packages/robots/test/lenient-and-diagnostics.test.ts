// Lenient behaviours (the Google reference's tolerances, behind `lenient`),
// the product-token policy for invalid tokens, explain(), and diagnostics.
import { parseRobots } from '@optout/robots';
import { describe, expect, test } from 'vitest';

const codes = (txt: string, options?: Parameters<typeof parseRobots>[1]) =>
  parseRobots(txt, options).diagnostics.map((d) => d.code);

describe('lenient parsing', () => {
  test('lenient: accepts "disalow" and friends, with a robots.typo diagnostic', () => {
    for (const typo of ['disalow', 'dissallow', 'dissalow', 'diasllow', 'disallaw']) {
      const robots = parseRobots(`User-agent: *\n${typo}: /x\n`);
      expect(robots.isAllowed('/x', 'a'), typo).toBe(false);
      expect(robots.diagnostics[0]).toMatchObject({ code: 'robots.typo', line: 2 });
    }
  });

  test('lenient: accepts a missing colon when the line is two words', () => {
    expect(parseRobots('user-agent FooBot\ndisallow /\n').isAllowed('/x', 'FooBot')).toBe(false);
    expect(codes('user-agent FooBot\ndisallow /\n')).toContain('robots.missing-colon');
    expect(parseRobots('user-agent: FooBot\ndisallow / x\n').isAllowed('/x', 'FooBot')).toBe(true);
  });

  test('lenient: "Allow: /dir/index.html" also allows "/dir/"', () => {
    const txt = 'User-agent: *\nAllow: /d/index.html\nDisallow: /\n';
    expect(parseRobots(txt).isAllowed('/d/', 'a')).toBe(true);
    expect(parseRobots(txt).isAllowed('/d/x', 'a')).toBe(false);
    expect(parseRobots(txt, { lenient: false }).isAllowed('/d/', 'a')).toBe(false);
  });

  test('strict: typos and missing colons are ignored lines', () => {
    const robots = parseRobots('user-agent FooBot\ndisalow: /\nUser-agent: FooBot\nDisalow: /\n', {
      lenient: false,
    });
    expect(robots.isAllowed('/x', 'FooBot')).toBe(true);
    expect(robots.diagnostics.map((d) => d.code)).toEqual([
      'robots.invalid-line',
      'robots.likely-typo',
      'robots.likely-typo',
    ]);
  });

  test('lenient: "* text" is still the global agent', () => {
    expect(parseRobots('User-agent: * everyone\nDisallow: /\n').isAllowed('/x', 'a')).toBe(false);
  });
});

describe('product-token policy for values that are not valid tokens', () => {
  test('a group applies by the full value, lower-cased, with "/version" stripped', () => {
    const robots = parseRobots('User-agent: CCBot/2.0 (https://commoncrawl.org/faq/)\nDisallow: /\n');
    expect(robots.isAllowed('/x', 'CCBot')).toBe(false);
    expect(parseRobots('User-agent: AI2Bot\nDisallow: /\n').isAllowed('/x', 'ai2bot')).toBe(false);
    expect(parseRobots('User-agent: ChatGPT Agent\nDisallow: /\n').isAllowed('/x', 'ChatGPT Agent')).toBe(
      false,
    );
  });

  test("a group applies by the value's leading [A-Za-z_-]+ prefix (the Google reading)", () => {
    expect(parseRobots('User-agent: Crawl4AI\nDisallow: /\n').isAllowed('/x', 'Crawl')).toBe(false);
    expect(parseRobots('User-agent: ChatGPT Agent\nDisallow: /\n').isAllowed('/x', 'ChatGPT')).toBe(false);
  });

  test('valid tokens still match exactly', () => {
    expect(parseRobots('User-agent: Crawl4AI\nDisallow: /\n').isAllowed('/x', 'Crawl4')).toBe(true);
    expect(parseRobots('User-agent: Google-Extended\nDisallow: /\n').isAllowed('/x', 'Google')).toBe(true);
  });

  test('invalid tokens get an info diagnostic saying how they match', () => {
    const robots = parseRobots('User-agent: AI2Bot\nDisallow: /\n');
    expect(robots.diagnostics[0]).toMatchObject({ code: 'robots.invalid-agent', line: 1, severity: 'info' });
    expect(robots.diagnostics[0]!.message).toContain('"ai2bot" or "ai"');
  });
});

describe('explain', () => {
  const txt = 'User-agent: a\nUser-agent: b\nDisallow: /x\nAllow: /x/y\n\nUser-agent: *\nDisallow: /\n';

  test('names the deciding rule and its group', () => {
    expect(parseRobots(txt).explain('https://e.com/x/z', 'b')).toEqual({
      allowed: false,
      rule: { line: 3, kind: 'disallow', pattern: '/x' },
      group: { line: 1, agents: ['a', 'b'] },
      reason: 'Disallow "/x" (line 3) is the longest matching rule',
    });
    expect(parseRobots(txt).explain('/x/y', 'a').rule).toEqual({ line: 4, kind: 'allow', pattern: '/x/y' });
  });

  test('says when no rule matches, no group applies, or the URL is /robots.txt', () => {
    expect(parseRobots(txt).explain('/other', 'a')).toMatchObject({
      allowed: true,
      reason: 'no rule matches',
    });
    expect(parseRobots('User-agent: a\nDisallow: /\n').explain('/x', 'z')).toEqual({
      allowed: true,
      reason: 'no group applies',
    });
    expect(parseRobots(txt).explain('/robots.txt', 'z').reason).toMatch(/always allowed/);
  });

  test('the crawl statement carries the same evidence', () => {
    const [crawl] = parseRobots(txt, { url: 'https://e.com/robots.txt' }).statements('/x/z', 'b');
    expect(crawl).toEqual({
      category: 'crawl',
      value: 'disallow',
      source: 'robots',
      scope: { agents: ['b'] },
      evidence: { raw: 'Disallow: /x', line: 3, pattern: '/x', url: 'https://e.com/robots.txt' },
    });
    const [none] = parseRobots(txt).statements('/other', 'a');
    expect(none).toMatchObject({ value: 'allow', note: 'no rule matches', evidence: { raw: '' } });
  });
});

describe('diagnostics for rights holders', () => {
  test('rules before any user-agent line', () => {
    expect(parseRobots('Disallow: /\n').diagnostics[0]).toMatchObject({
      code: 'robots.rule-outside-group',
      line: 1,
    });
  });

  test('patterns that start with neither "/" nor "*"', () => {
    expect(codes('User-agent: *\nDisallow: private\n')).toContain('robots.invalid-pattern');
  });

  test('unknown directives (known extensions such as Host or Clean-param are not reported)', () => {
    expect(codes('User-agent: *\nNoarchive: /\nHost: e.com\nClean-param: x\n')).toEqual([
      'robots.unknown-directive',
    ]);
  });

  test('likely typos that no leniency covers ("Desallow", "useg-agent") are warnings with a suggestion', () => {
    const robots = parseRobots('User-agent: *\nDesallow: /x\nuseg-agent: b\nCrawl-dely: 3\n');
    expect(robots.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['robots.likely-typo', 2],
      ['robots.likely-typo', 3],
      ['robots.likely-typo', 4],
    ]);
    expect(robots.diagnostics[0]!.message).toContain('"disallow"');
  });

  test('HTML served as robots.txt', () => {
    expect(codes('<!DOCTYPE html>\n<html><body>Not found</body></html>')).toContain('robots.html');
  });

  test('invalid Crawl-delay values are reported and ignored', () => {
    const robots = parseRobots('User-agent: *\nCrawl-delay: soon\nCrawl-delay: 2.5\n');
    expect(robots.diagnostics.map((d) => d.code)).toEqual(['robots.crawl-delay.invalid']);
    expect(robots.crawlDelay('a')).toBe(2.5);
  });

  test('the diagnostics list is capped', () => {
    const robots = parseRobots('Bogus: x\n'.repeat(5000));
    expect(robots.diagnostics.length).toBe(1001);
    expect(robots.diagnostics.at(-1)!.code).toBe('robots.too-many-diagnostics');
  });
});
