// RFC 9309 behaviour, each test quoting the requirement it checks.
// https://www.rfc-editor.org/rfc/rfc9309.html
import { parseRobots } from '@optout/robots';
import { describe, expect, test } from 'vitest';

const allowed = (txt: string, url: string, agent: string, options?: Parameters<typeof parseRobots>[1]) =>
  parseRobots(txt, options).isAllowed(url, agent);

describe('RFC 9309 section 5 examples', () => {
  // Section 5.1, "Simple Example".
  const simple = [
    'User-Agent: *',
    'Disallow: *.gif$',
    'Disallow: /example/',
    'Allow: /publications/',
    '',
    'User-Agent: foobot',
    'Disallow:/',
    'Allow:/example/page.html',
    'Allow:/example/allowed.gif',
    '',
    'User-Agent: barbot',
    'User-Agent: bazbot',
    'Disallow: /example/page.html',
    '',
    'User-Agent: quxbot',
    '',
    'EOF',
  ].join('\n');

  test('rfc9309 §5.1: the * group applies to agents no group names', () => {
    expect(allowed(simple, 'https://www.example.com/example/page.html', 'otherbot')).toBe(false);
    expect(allowed(simple, 'https://www.example.com/publications/x', 'otherbot')).toBe(true);
    expect(allowed(simple, 'https://www.example.com/img/a.gif', 'otherbot')).toBe(false);
    expect(allowed(simple, 'https://www.example.com/img/a.gif?x', 'otherbot')).toBe(true);
  });

  test('rfc9309 §5.1: foobot may crawl only the two allowed pages', () => {
    expect(allowed(simple, 'https://www.example.com/example/page.html', 'foobot')).toBe(true);
    expect(allowed(simple, 'https://www.example.com/example/allowed.gif', 'foobot')).toBe(true);
    expect(allowed(simple, 'https://www.example.com/', 'foobot')).toBe(false);
    expect(allowed(simple, 'https://www.example.com/publications/', 'foobot')).toBe(false);
  });

  test('rfc9309 §5.1: barbot and bazbot share one group', () => {
    for (const bot of ['barbot', 'bazbot']) {
      expect(allowed(simple, 'https://www.example.com/example/page.html', bot)).toBe(false);
      expect(allowed(simple, 'https://www.example.com/example/other.html', bot)).toBe(true);
      expect(allowed(simple, 'https://www.example.com/a.gif', bot)).toBe(true);
    }
  });

  test('rfc9309 §5.1: quxbot has an empty group, so it may crawl everything ("*" does not apply)', () => {
    expect(allowed(simple, 'https://www.example.com/example/page.html', 'quxbot')).toBe(true);
    expect(allowed(simple, 'https://www.example.com/a.gif', 'quxbot')).toBe(true);
  });

  test('rfc9309 §5.2: the longest match decides', () => {
    const txt = 'User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n';
    expect(allowed(txt, 'https://www.example.com/example/page/', 'foobot')).toBe(true);
    expect(allowed(txt, 'https://www.example.com/example/page/disallowed.gif', 'foobot')).toBe(false);
  });
});

describe('RFC 9309 section 2.1 and 2.2.1: groups', () => {
  test('rfc9309 §2.2.1: groups naming the same agent are merged ("MUST be combined into one group")', () => {
    const txt =
      'user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\nuser-agent: ExampleBot\ndisallow: /baz\n';
    for (const path of ['/foo', '/bar', '/baz']) expect(allowed(txt, path, 'ExampleBot')).toBe(false);
    expect(allowed(txt, '/qux', 'ExampleBot')).toBe(true);
  });

  test('rfc9309 §2.2.1: product tokens match case-insensitively', () => {
    const txt = 'User-agent: ExampleBot\nDisallow: /\n';
    expect(allowed(txt, '/x', 'examplebot')).toBe(false);
    expect(allowed(txt, '/x', 'EXAMPLEBOT')).toBe(false);
  });

  test('rfc9309 §2.2.1: no prefix or substring matching of valid tokens', () => {
    const txt = 'User-agent: Example\nDisallow: /\n';
    expect(allowed(txt, '/x', 'ExampleBot')).toBe(true);
    expect(allowed('User-agent: ExampleBot\nDisallow: /\n', '/x', 'Example')).toBe(true);
  });

  test('rfc9309 §2.2.1: a named group replaces "*" entirely', () => {
    const txt = 'User-agent: *\nDisallow: /private\n\nUser-agent: a\nDisallow: /other\n';
    expect(allowed(txt, '/private', 'a')).toBe(true);
    expect(allowed(txt, '/private', 'b')).toBe(false);
  });

  test('rfc9309 §2.1: consecutive and blank-separated user-agent lines share a group', () => {
    const txt = 'User-agent: a\n\nUser-agent: b\n\nDisallow: /x\n';
    expect(allowed(txt, '/x', 'a')).toBe(false);
    expect(allowed(txt, '/x', 'b')).toBe(false);
  });

  test('rfc9309 §2.2.4: other records (Sitemap, Crawl-delay, Host, License, unknown) do not end a group', () => {
    for (const other of [
      'Sitemap: https://e.com/s.xml',
      'Crawl-delay: 5',
      'Host: e.com',
      'License: https://e.com/l.xml',
      'X-Foo: bar',
    ]) {
      const txt = `User-agent: a\n${other}\nUser-agent: b\nDisallow: /\n`;
      expect(allowed(txt, '/x', 'a'), other).toBe(false);
      expect(allowed(txt, '/x', 'b'), other).toBe(false);
    }
  });

  test('rfc9309 §2.1: rules before any user-agent line apply to no one', () => {
    expect(allowed('Disallow: /\nUser-agent: a\nAllow: /x\n', '/y', 'a')).toBe(true);
    expect(allowed('Disallow: /\n', '/y', 'a')).toBe(true);
  });

  test('rfc9309 §2.2.1: no group and no "*" group means no restriction', () => {
    expect(allowed('User-agent: a\nDisallow: /\n', '/x', 'b')).toBe(true);
    expect(allowed('', '/x', 'b')).toBe(true);
  });

  test('rfc9309 §2.2.1: "*" groups are merged too', () => {
    const txt = 'User-agent: *\nDisallow: /a\n\nUser-agent: x\nAllow: /\n\nUser-agent: *\nDisallow: /b\n';
    expect(allowed(txt, '/a', 'y')).toBe(false);
    expect(allowed(txt, '/b', 'y')).toBe(false);
  });
});

describe('RFC 9309 section 2.2.2 and 2.2.3: rules', () => {
  test('rfc9309 §2.2.2: "the most specific match found MUST be used" (most octets)', () => {
    const txt = 'User-agent: *\nDisallow: /a\nAllow: /a/b\nDisallow: /a/b/c\n';
    expect(allowed(txt, '/a/x', 'x')).toBe(false);
    expect(allowed(txt, '/a/b/x', 'x')).toBe(true);
    expect(allowed(txt, '/a/b/c', 'x')).toBe(false);
  });

  test('rfc9309 §2.2.2: on a tie "the least restrictive rule" (Allow) wins, wherever it is', () => {
    expect(allowed('User-agent: *\nDisallow: /page\nAllow: /page\n', '/page', 'x')).toBe(true);
    expect(allowed('User-agent: *\nAllow: /page\nDisallow: /page\n', '/page', 'x')).toBe(true);
    expect(allowed('User-agent: *\nAllow: /p*e\nDisallow: /page\n', '/page', 'x')).toBe(false);
  });

  test('rfc9309 §2.2.2: length is counted on the normalised pattern', () => {
    // "/%7Ea" normalises to "/~a" (3 octets), shorter than "/~ab".
    expect(allowed('User-agent: *\nAllow: /%7Ea\nDisallow: /~ab\n', '/~abc', 'x')).toBe(false);
  });

  test('rfc9309 §2.2.2: "/robots.txt" is implicitly allowed', () => {
    expect(allowed('User-agent: *\nDisallow: /\n', 'https://e.com/robots.txt', 'x')).toBe(true);
    expect(allowed('User-agent: *\nDisallow: /\n', 'https://e.com/robots.txt.bak', 'x')).toBe(false);
  });

  test('rfc9309 §2.2.2: an empty Disallow matches nothing', () => {
    expect(allowed('User-agent: *\nDisallow:\n', '/x', 'a')).toBe(true);
  });

  test('rfc9309 §2.2.2: paths are case-sensitive, keys are not', () => {
    expect(allowed('USER-AGENT: *\nDISALLOW: /Fish\n', '/fish', 'x')).toBe(true);
    expect(allowed('USER-AGENT: *\nDISALLOW: /Fish\n', '/Fish', 'x')).toBe(false);
  });

  test('rfc9309 §2.2.2: percent-encoding is normalised on both sides (Figure 4)', () => {
    expect(allowed('User-agent: *\nDisallow: /foo/bar/%62%61%7A\n', '/foo/bar/baz', 'x')).toBe(false);
    expect(allowed('User-agent: *\nDisallow: /foo/bar/ツ\n', '/foo/bar/%E3%83%84', 'x')).toBe(false);
    expect(allowed('User-agent: *\nDisallow: /a%2Fb\n', '/a/b', 'x')).toBe(true);
  });

  test('rfc9309 §2.2.3: "*" and "$"', () => {
    const txt = 'User-agent: *\nDisallow: /*.php$\nDisallow: /fish*.html\n';
    expect(allowed(txt, '/a/b.php', 'x')).toBe(false);
    expect(allowed(txt, '/a/b.php?x=1', 'x')).toBe(true);
    expect(allowed(txt, '/fishy/cat.html', 'x')).toBe(false);
  });

  test('query: the query is matched, a bare "?" is kept, the fragment dropped', () => {
    const txt = 'User-agent: *\nDisallow: /*?\nDisallow: /end$\n';
    expect(allowed(txt, 'https://e.com/page?', 'x')).toBe(false);
    expect(allowed(txt, 'https://e.com/page?a=1', 'x')).toBe(false);
    expect(allowed(txt, 'https://e.com/page#frag?', 'x')).toBe(true);
    expect(allowed(txt, 'https://e.com/end#frag', 'x')).toBe(false);
    expect(allowed('User-agent: *\nDisallow: /a?b=1\n', 'https://e.com/a?b=1#f', 'x')).toBe(false);
  });

  test('URL objects and paths are accepted as well as absolute URL strings', () => {
    const robots = parseRobots('User-agent: *\nDisallow: /x\n');
    expect(robots.isAllowed(new URL('https://e.com/x/y'), 'a')).toBe(false);
    expect(robots.isAllowed('/x/y', 'a')).toBe(false);
    expect(robots.isAllowed('https://e.com:8080/y', 'a')).toBe(true);
  });

  test('rfc9309 §2.2.2: duplicate rules may be dropped without changing the answer', () => {
    const rules = 'Disallow: /a\n'.repeat(500);
    expect(allowed(`User-agent: *\n${rules}Allow: /a/b\n`, '/a/b', 'x')).toBe(true);
    expect(allowed(`User-agent: *\n${rules}Allow: /a/b\n`, '/a/c', 'x')).toBe(false);
  });
});

describe('RFC 9309 section 2.3 and 2.5: bytes and limits', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  test('rfc9309 §2.3: bytes are read as UTF-8, with a full or partial BOM skipped', () => {
    const body = 'User-agent: a\nDisallow: /x\n';
    expect(parseRobots(bytes('\uFEFF' + body)).isAllowed('/x', 'a')).toBe(false);
    const partial = new Uint8Array([0xef, 0xbb, ...bytes(body)]);
    expect(parseRobots(partial).isAllowed('/x', 'a')).toBe(false);
  });

  test('CR, LF and CRLF all end a line', () => {
    for (const eol of ['\r', '\n', '\r\n']) {
      expect(
        allowed(['User-agent: a', 'Disallow: /x', 'User-agent: b', 'Disallow: /y'].join(eol), '/y', 'b'),
        JSON.stringify(eol),
      ).toBe(false);
    }
  });

  test('rfc9309 §2.5: at least 500 KiB is parsed; beyond maxBytes the file is cut with a diagnostic', () => {
    const filler = '# ' + 'x'.repeat(98) + '\n';
    const body = 'User-agent: *\n' + filler.repeat(5000) + 'Disallow: /late\n';
    expect(body.length).toBeLessThan(512_000);
    expect(allowed(body, '/late', 'a')).toBe(false);
    const cut = parseRobots(body, { maxBytes: 1000 });
    expect(cut.truncated).toBe(true);
    expect(cut.isAllowed('/late', 'a')).toBe(true);
    expect(cut.diagnostics.map((d) => d.code)).toContain('robots.truncated');
  });

  test('over-long lines are cut at maxLineLength with a diagnostic', () => {
    const robots = parseRobots(`User-agent: *\nDisallow: /a${'b'.repeat(100)}\n`, { maxLineLength: 20 });
    expect(robots.isAllowed('/abbbbbbbbb', 'x')).toBe(false); // the first 20 characters are the rule "/abbbbbbbbb"
    expect(robots.diagnostics.map((d) => d.code)).toContain('robots.line-too-long');
  });

  test('pathological inputs stay linear: lines without ":" or "#", and "/*a" x 10,000', () => {
    const noColons = 'x'.repeat(9) + '\n';
    let start = performance.now();
    expect(parseRobots(noColons.repeat(50_000)).diagnostics.length).toBeGreaterThan(0);
    // A search from every line to the end of the file would take minutes here.
    expect(performance.now() - start).toBeLessThan(2000);

    const rules = `Disallow: ${'/*a'.repeat(10_000)}\nDisallow: /${'*a'.repeat(10_000)}b\n`;
    const robots = parseRobots(`User-agent: *\n${rules}`, { maxLineLength: 40_000 });
    start = performance.now();
    expect(robots.isAllowed('/' + 'a'.repeat(100_000), 'x')).toBe(true);
    expect(robots.isAllowed('/' + 'a'.repeat(100_000) + 'b', 'x')).toBe(false);
    expect(robots.isAllowed('/a'.repeat(20_000), 'x')).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  test('invalid options are programmer errors', () => {
    expect(() => parseRobots('', { maxBytes: 0 })).toThrow(/maxBytes/);
    // @ts-expect-error testing a bad value
    expect(() => parseRobots('', { aiLines: 'yes' })).toThrow(/aiLines/);
    // @ts-expect-error testing a bad input type
    expect(() => parseRobots(new ArrayBuffer(4))).toThrow(/input/);
  });
});

describe('disallowsAll: the token may fetch nothing (used to skip the other origin files)', () => {
  test.each([
    ['User-agent: *\nDisallow: /\n', 'AnyBot', true],
    ['User-agent: *\nDisallow: *\n', 'AnyBot', true],
    ['User-agent: *\nDisallow: /*$\n', 'AnyBot', true],
    ['User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n', 'GPTBot', true],
    ['User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n', 'AnyBot', false],
    // One path is enough to be let in.
    ['User-agent: *\nDisallow: /\nAllow: /public/\n', 'AnyBot', false],
    // `/$` is the root alone, `/a` a part of the site.
    ['User-agent: *\nDisallow: /$\n', 'AnyBot', false],
    ['User-agent: *\nDisallow: /a\n', 'AnyBot', false],
    // rfc9309 §2.2.2: an empty Disallow disallows nothing.
    ['User-agent: *\nDisallow:\n', 'AnyBot', false],
    ['', 'AnyBot', false],
  ])('%j for %s: %s', (text, agent, expected) => {
    expect(parseRobots(text).disallowsAll(agent)).toBe(expected);
  });
});
