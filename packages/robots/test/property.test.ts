// Property tests (fast-check): no input makes the parser or a query throw, and
// the wildcard matcher agrees with a plain regular-expression reading of
// RFC 9309 section 2.2.3 on a small alphabet.
import { readdirSync, readFileSync } from 'node:fs';
import { StatementSchema } from '@optout/core/schema';
import { parseRobots } from '@optout/robots';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const directive = fc.constantFrom(
  'User-agent: ',
  'user-agent:',
  'Allow: ',
  'Disallow: ',
  'disalow ',
  'Sitemap: ',
  'Crawl-delay: ',
  'Content-Usage: ',
  'Content-Signal: ',
  'License: ',
  '# ',
  '',
);
const lineValue = fc.string({
  unit: fc.constantFrom('a', 'b', '*', '$', '/', '?', '%', '=', ',', ' ', 'é', '\uFEFF', '#', 'n', 'y', '-'),
  maxLength: 12,
});
const robotsText = fc
  .array(fc.tuple(directive, lineValue), { maxLength: 30 })
  .chain((lines) =>
    fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.map(([key, value]) => key + value).join(eol)),
  );

const FIXTURES = ['crawler-commons', 'signals'].flatMap((dir) => {
  const root = new URL(`fixtures/${dir}/`, import.meta.url);
  return readdirSync(root)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => new Uint8Array(readFileSync(new URL(name, root))));
});

// A fixture with a random slice of bytes replaced, a line's worth duplicated, or cut short.
const mutatedFixture = fc
  .tuple(fc.constantFrom(...FIXTURES), fc.nat(), fc.nat(64), fc.uint8Array({ maxLength: 16 }), fc.boolean())
  .map(([bytes, at, length, insert, duplicate]) => {
    const start = at % (bytes.length + 1);
    const removed = bytes.subarray(start, start + length);
    return new Uint8Array([
      ...bytes.subarray(0, start),
      ...insert,
      ...(duplicate ? removed : []),
      ...bytes.subarray(start + length),
    ]);
  });

describe('properties', () => {
  test('mutated fixtures never throw, stay within maxBytes and the diagnostics cap, and give valid statements', () => {
    fc.assert(
      fc.property(
        mutatedFixture,
        fc.integer({ min: 1, max: 4000 }),
        fc.webPath(),
        (bytes, maxBytes, path) => {
          const robots = parseRobots(bytes, { maxBytes, url: 'https://e.org/robots.txt' });
          if (bytes.length > maxBytes + 3) expect(robots.truncated).toBe(true); // a skipped BOM is not counted
          if (bytes.length <= maxBytes) expect(robots.truncated).toBe(false);
          expect(robots.diagnostics.length).toBeLessThanOrEqual(1001);
          for (const agent of ['GPTBot', 'AnyBot', '*']) {
            for (const statement of robots.statements(path, agent)) StatementSchema.parse(statement);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  // statementKey lets callers share work between URLs: it must never give two
  // URLs the same key when their statements differ.
  const PATHS = ['/', '/a', '/a/b', '/b/', '/b/c', '/robots.txt', '/index.html', '/x?y', '/%61', '/*', '/a$'];
  // Files where the statements vary by more than the crawl rule: path-bound
  // preference lines, site-wide signals, rules for training tokens.
  const CRAFTED = [
    'User-agent: *\nDisallow: /a\nContent-Usage: train-ai=n\nContent-Usage: /b/ train-ai=y\n',
    'Content-Signal: ai-train=no\nContent-Signal: /b/ ai-train=yes, search=yes\nUser-agent: *\nAllow: /\n',
    'User-agent: GPTBot\nDisallow: /a\nDisallow: /b/\n\nUser-agent: Google-Extended\nDisallow: /b\nAllow: /b/c\n\nUser-agent: *\nDisallow: /x\n',
    'User-agent: *\nAllow: /index.html\nDisallow: /\nContent-Signal: /a ai-input=no\n',
  ];
  test('statementKey: equal keys mean equal statements on files where more than the crawl rule varies', () => {
    for (const text of CRAFTED) {
      for (const robotsInference of ['none', 'vendor', 'any-training-token'] as const) {
        const robots = parseRobots(text, { robotsInference });
        for (const agent of ['GPTBot', 'AnyBot', 'Google-Extended']) {
          const byKey = new Map<number | string, unknown>();
          for (const path of PATHS) {
            const key = robots.statementKey(path, agent);
            const statements = robots.statements(path, agent);
            if (byKey.has(key)) expect(statements, `${text} ${agent} ${path}`).toEqual(byKey.get(key));
            else byKey.set(key, statements);
          }
        }
      }
    }
  });
  test('statementKey: URLs with equal keys get equal statements, for every inference mode', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...CRAFTED), mutatedFixture, robotsText),
        fc.constantFrom('none', 'vendor', 'any-training-token'),
        fc.array(fc.webPath(), { maxLength: 20 }),
        (input, robotsInference, paths) => {
          const robots = parseRobots(input, { url: 'https://e.org/robots.txt', robotsInference });
          for (const agent of ['GPTBot', 'AnyBot', 'Google-Extended', 'a']) {
            const byKey = new Map<number | string, unknown>();
            for (const path of [...PATHS, ...paths]) {
              const key = robots.statementKey(path, agent);
              const statements = robots.statements(path, agent);
              if (byKey.has(key)) expect(statements, `${agent} ${path}`).toEqual(byKey.get(key));
              else byKey.set(key, statements);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('random bytes never make parseRobots or a query throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.string(), fc.string(), (bytes, url, agent) => {
        const robots = parseRobots(bytes);
        robots.isAllowed(url, agent);
        robots.explain(url, agent);
        robots.statements(url, agent);
        robots.crawlDelay(agent);
      }),
      { numRuns: 500 },
    );
  });

  test('robots-like text never throws, and bytes and text give the same answers', () => {
    fc.assert(
      fc.property(
        robotsText,
        fc.string({ unit: fc.constantFrom('a', 'b', '/', '?', '%', '$', '*', 'é'), maxLength: 10 }),
        (text, path) => {
          const fromText = parseRobots(text);
          const fromBytes = parseRobots(new TextEncoder().encode(text));
          for (const agent of ['a', 'ab', 'zz', '']) {
            expect(fromBytes.isAllowed('/' + path, agent)).toBe(fromText.isAllowed('/' + path, agent));
            fromText.statements('/' + path, agent);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('disallowsAll: when true, no path but /robots.txt is allowed', () => {
    const path = fc.string({ unit: fc.constantFrom('a', 'b', '/', '?', '$', '*', '.'), maxLength: 10 });
    // Files that start by shutting everyone out half the time, so the property is not vacuous.
    const text = fc
      .tuple(fc.boolean(), robotsText)
      .map(([shut, rest]) => `User-agent: *\n${shut ? 'Disallow: /\n' : ''}${rest}`);
    let shutOut = 0;
    fc.assert(
      fc.property(text, fc.array(path, { maxLength: 8 }), (file, paths) => {
        const robots = parseRobots(file);
        for (const agent of ['x', 'GPTBot']) {
          if (!robots.disallowsAll(agent)) continue;
          shutOut++;
          for (const p of ['/', '/index.html', ...paths.map((raw) => '/' + raw)]) {
            if (p !== '/robots.txt') expect(robots.isAllowed(p, agent), p).toBe(false);
          }
        }
      }),
      { numRuns: 1000 },
    );
    expect(shutOut).toBeGreaterThan(100);
  });

  test('rfc9309 §2.2.3: "*" and "$" match exactly as the equivalent regular expression', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*'), minLength: 0, maxLength: 8 });
    fc.assert(
      fc.property(
        pattern,
        fc.boolean(),
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 10 }),
        (body, anchored, path) => {
          const rule = '/' + body + (anchored ? '$' : '');
          const regex = new RegExp('^' + ('/' + body).replace(/\*/g, '.*') + (anchored ? '$' : ''));
          const robots = parseRobots(`User-agent: *\nDisallow: ${rule}\n`);
          expect(robots.isAllowed('/' + path, 'x')).toBe(!regex.test('/' + path));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
