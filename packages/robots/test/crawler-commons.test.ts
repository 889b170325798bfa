// The 24 crawler-commons robots.txt inputs (fixtures/crawler-commons, Apache-2.0).
// They come without expectations; these were written by reading each file.
import { readdirSync, readFileSync } from 'node:fs';
import { parseRobots, type Robots } from '@optout/robots';
import { describe, expect, test } from 'vitest';

const dir = new URL('./fixtures/crawler-commons/', import.meta.url);
const load = (name: string, url?: string): Robots =>
  parseRobots(new Uint8Array(readFileSync(new URL(name, dir))), url ? { url } : {});
const agents = (robots: Robots) => robots.groups.map((group) => group.agents);

describe('crawler-commons inputs', () => {
  test('there are 24 inputs and each parses', () => {
    const files = readdirSync(dir).filter((name) => name.endsWith('.txt'));
    expect(files).toHaveLength(24);
    for (const file of files) expect(() => load(file)).not.toThrow();
  });

  test('astore.amazon.com: one "*" group with a Crawl-delay; Request-rate is a known other record', () => {
    const robots = load('astore.amazon.com-robots.txt');
    expect(agents(robots)).toEqual([['*']]);
    expect(robots.crawlDelay('anybot')).toBe(5);
    expect(robots.diagnostics.filter((d) => d.code === 'robots.unknown-directive')).toEqual([]);
  });

  test('crawl-delay-group-merging: Crawl-delay does not end a group; mybot and yourbot share rules', () => {
    const robots = load('crawl-delay-group-merging.txt');
    expect(agents(robots)).toEqual([['mybot', 'yourbot'], ['*'], ['yourbot'], ['*']]);
    for (const bot of ['mybot', 'yourbot']) {
      expect(robots.isAllowed('/private/x', bot)).toBe(false);
      expect(robots.isAllowed('/public', bot)).toBe(true);
    }
    // The file's comment says "/login/" applies to mybot too, but the group that
    // holds it names only yourbot (an Allow closed the run before it): RFC 9309
    // section 2.2.1 merges groups by the token they name.
    expect(robots.isAllowed('/login/x', 'yourbot')).toBe(false);
    expect(robots.isAllowed('/login/x', 'mybot')).toBe(true);
    expect(robots.crawlDelay('mybot')).toBe(10);
    expect(robots.crawlDelay('other')).toBe(30);
  });

  test('directive-typos: "dissalow" and "useragent" (with or without colon) are accepted; "Desallow" and "useg-agent" are not', () => {
    const robots = load('directive-typos-robots.txt');
    expect(agents(robots)).toEqual([['bot1'], ['bot2'], ['bot4']]);
    expect(robots.isAllowed('/dissalow/', 'bot1')).toBe(false);
    expect(robots.isAllowed('/desallow/', 'bot1')).toBe(true);
    expect(robots.isAllowed('/useragent/', 'bot2')).toBe(false);
    // "useg-agent: bot3" is unknown, so its Disallow joins bot2's group.
    expect(robots.isAllowed('/useg-agent/', 'bot2')).toBe(false);
    expect(robots.isAllowed('/useg-agent/', 'bot3')).toBe(true);
    expect(robots.isAllowed('/useragent-no-colon/', 'bot4')).toBe(false);
  });

  test('directive-typos, strict: no typo is accepted', () => {
    const robots = parseRobots(readFileSync(new URL('directive-typos-robots.txt', dir), 'utf8'), {
      lenient: false,
    });
    expect(agents(robots)).toEqual([['bot1']]);
    expect(robots.isAllowed('/dissalow/', 'bot1')).toBe(true);
  });

  test('dos-line-endings: CRLF lines, a "*" group with Crawl-delay 1', () => {
    const robots = load('dos-line-endings.txt');
    expect(agents(robots)).toEqual([['*']]);
    expect(robots.crawlDelay('x')).toBe(1);
  });

  test('extended-standard: four groups with empty Disallow (everything allowed)', () => {
    const robots = load('extended-standard-robots.txt');
    expect(agents(robots)).toEqual([['bot1'], ['bot2'], ['bot3'], ['bot4']]);
    for (const bot of ['bot1', 'bot2', 'bot3', 'bot4', 'other'])
      expect(robots.isAllowed('/x', bot)).toBe(true);
  });

  test('extension: unknown records do not end groups; relative sitemap resolved against the file URL', () => {
    const robots = load('extension-robots.txt', 'https://example.com/robots.txt');
    expect(agents(robots)).toEqual([['*'], ['mybot'], ['otherbot']]);
    expect(robots.isAllowed('/private/a', 'mybot')).toBe(false);
    expect(robots.isAllowed('/admin/a', 'otherbot')).toBe(false);
    expect(robots.isAllowed('/admin/a', 'mybot')).toBe(true);
    expect(robots.sitemaps).toEqual(['https://example.com/sitemap.xml']);
  });

  test('extensions-group-merging: a site-wide Content-Signal, and groups merged across the file', () => {
    const robots = load('extensions-group-merging.txt');
    // Clean-Param is another record: it does not close the run "mybot, yourbot".
    expect(agents(robots)).toEqual([['*'], ['mybot', 'yourbot'], ['*'], ['mybot', 'yourbot'], ['*']]);
    expect(robots.isAllowed('/llms.txt', 'other')).toBe(true);
    expect(robots.isAllowed('/x', 'other')).toBe(false);
    expect(robots.isAllowed('/login/', 'mybot')).toBe(false);
    expect(robots.isAllowed('/x', 'mybot')).toBe(true);
    const signals = robots.statements('/x', 'mybot').filter((s) => s.source === 'robots.content-signal');
    expect(signals.map((s) => `${s.category}=${s.value}`).sort()).toEqual([
      'ai-input=allow',
      'search=allow',
      'train-ai=allow',
    ]);
  });

  test('format-errors: whitespace before the colon and a missing colon are tolerated', () => {
    const robots = load('format-errors-robots.txt', 'https://e.com/robots.txt');
    expect(agents(robots)).toEqual([['bot1'], ['bot2'], ['bot3']]);
    expect(robots.isAllowed('/whitespace-before-colon/', 'bot1')).toBe(false);
    expect(robots.isAllowed('/no-colon/', 'bot1')).toBe(false);
    expect(robots.isAllowed('/no-colon-useragent/', 'bot2')).toBe(false);
    expect(robots.isAllowed('/whitespace-before-colon', 'bot3')).toBe(true);
    expect(robots.isAllowed('/other', 'bot3')).toBe(false);
    expect(robots.sitemaps).toEqual(['https://e.com/sitemap.xml']);
  });

  test('malformed-path: an invalid escape stays literal and matches only itself', () => {
    const robots = load('malformed-path.txt');
    expect(robots.isAllowed('/wiki/Wikipedia_talk:Mediation_Committee/x', 'a')).toBe(false);
    expect(robots.isAllowed('/wiki/Wikipedia_talk%3Mediation_Committee/x', 'a')).toBe(false);
    expect(robots.isAllowed('/wiki/Wikipedia_talk%3AMediation_Committee/x', 'a')).toBe(true);
  });

  test('many-user-agents: 379 user-agent lines form one group, then "*"', () => {
    const robots = load('many-user-agents.txt');
    expect(agents(robots)[0]).toHaveLength(379);
    expect(agents(robots)).toHaveLength(2);
    expect(robots.isAllowed('/x', 'BlackWidow')).toBe(false);
    expect(robots.isAllowed('/x', 'OutfoxBot')).toBe(false); // "OutfoxBot/0.5": version stripped
    expect(robots.isAllowed('/forum/', 'goodbot')).toBe(false);
    expect(robots.isAllowed('/x', 'goodbot')).toBe(true);
  });

  test('merge-rules: wget merges its own group with the "* + wget" group', () => {
    const robots = load('merge-rules.txt');
    expect(agents(robots)).toEqual([['testy'], ['curl'], ['wget'], ['*', 'wget']]);
    expect(robots.isAllowed('/foo/bar', 'wget')).toBe(true); // Allow and Disallow tie: Allow wins
    expect(robots.isAllowed('/tmp/bar', 'wget')).toBe(false);
    expect(robots.isAllowed('/foo/bar', 'other')).toBe(false);
    expect(robots.isAllowed('/x', 'curl')).toBe(false);
  });

  test('precedence-of-rules: longest match across merged testy groups', () => {
    const robots = load('precedence-of-rules.txt');
    expect(robots.isAllowed('/foo/bar', 'testy')).toBe(true);
    expect(robots.isAllowed('/foo/baz', 'testy')).toBe(false);
    expect(robots.isAllowed('/foo', 'testy')).toBe(false);
    expect(robots.isAllowed('/x', 'testy')).toBe(true);
    expect(robots.isAllowed('/foo', 'wget')).toBe(true);
    expect(robots.isAllowed('/index.html', 'wget')).toBe(true);
    expect(robots.isAllowed('/other', 'wget')).toBe(false); // "/*" is longer than "/"
  });

  test('relative-sitemap: resolved against the robots.txt URL, kept as written without one', () => {
    expect(load('relative-sitemap-robots.txt', 'https://e.com/robots.txt').sitemaps).toEqual([
      'https://e.com/sitemap.xml',
    ]);
    expect(load('relative-sitemap-robots.txt').sitemaps).toEqual(['/sitemap.xml']);
    expect(load('relative-sitemap-robots.txt').isAllowed('/files/x', 'a')).toBe(false);
  });

  test('rfc9309 examples from crawler-commons parse into the expected groups', () => {
    expect(agents(load('rfc9309-example-longest-match-robots.txt'))).toEqual([['foobot']]);
    const merging = load('rfc9309-example-rule-group-merging.txt');
    expect(agents(merging)).toEqual([['ExampleBot'], ['ExampleBot'], ['*'], ['BazBot']]);
    expect(merging.isAllowed('/baz', 'examplebot')).toBe(false);
    const simple = load('rfc9309-example-simple-robots.txt');
    expect(agents(simple)).toEqual([['*'], ['foobot'], ['barbot', 'bazbot'], ['quxbot']]);
    expect(simple.isAllowed('/example/page.html', 'quxbot')).toBe(true);
  });

  test('BOMs: UTF-8, UTF-16LE and UTF-16BE files give the same groups', () => {
    for (const name of [
      'robots-with-utf8-bom.txt',
      'robots-with-utf16le-bom.txt',
      'robots-with-utf16be-bom.txt',
    ]) {
      const robots = load(name);
      expect(agents(robots), name).toEqual([['*'], ['Googlebot']]);
      expect(robots.isAllowed('/login.aspx', 'x'), name).toBe(false);
      expect(robots.isAllowed('/a/output/print', 'Googlebot'), name).toBe(false);
      expect(robots.sitemaps, name).toEqual(['http://www.newsweek.com/sitemap_index.xml']);
    }
  });

  test('sitemaps: collected anywhere, deduplicated, case preserved; a keyless URL line is not a sitemap', () => {
    expect(load('sitemap-robots-dedup.txt').sitemaps).toEqual(['http://example.org/sitemap.xml']);
    expect(load('sitemap-robots.txt').sitemaps).toEqual([
      'http://domain.com/sitemap.xml',
      'http://domain.com/dir/MixedCased-sitemap.xml',
    ]);
  });

  test('twitter.com: "/*?" disallows any query; named groups carry their Crawl-delay', () => {
    const robots = load('twitter.com-robots.txt');
    expect(agents(robots)).toEqual([['Googlebot'], ['Slurp'], ['msnbot'], ['*']]);
    expect(robots.isAllowed('/search?q=x', 'Googlebot')).toBe(false);
    expect(robots.isAllowed('/a/with_friends', 'x')).toBe(false);
    expect(robots.isAllowed('/a', 'x')).toBe(true);
    expect(robots.crawlDelay('msnbot')).toBe(10);
    expect(robots.crawlDelay('Googlebot')).toBeUndefined();
  });

  test('wildcards (amazon.com): three groups; "*" in the middle of rules', () => {
    const robots = load('wildcards.txt');
    expect(agents(robots)).toEqual([['*'], ['Googlebot'], ['EtaoSpider']]);
    expect(robots.isAllowed('/rss/people/x/reviews', 'Googlebot')).toBe(false);
    expect(robots.isAllowed('/gp/cart', 'x')).toBe(false);
    expect(robots.isAllowed('/anything', 'EtaoSpider')).toBe(false);
    expect(robots.sitemaps.length).toBeGreaterThan(0);
  });

  test('flot.com: Host and Sitemap after the rules stay in the file, the group is intact', () => {
    const robots = load('www.flot.com-robots.txt');
    expect(agents(robots)).toEqual([['*']]);
    expect(robots.isAllowed('/admin/', 'x')).toBe(false);
    expect(robots.sitemaps).toEqual(['http://flot.com/sitemap_index.xml']);
  });
});
