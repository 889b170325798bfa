import {
  compilePattern,
  matchesPattern,
  normalizePattern,
  normalizeTarget,
  pathAndQuery,
} from '@optout/core';
import { describe, expect, test } from 'vitest';

const matches = (pattern: string, url: string) =>
  matchesPattern(compilePattern(pattern), normalizeTarget(pathAndQuery(url)));

describe('path patterns (RFC 9309 section 2.2.3)', () => {
  test('rfc9309 §2.2.3: "*" matches any sequence, including "/" and nothing', () => {
    expect(matches('/fish*.php', '/fish.php')).toBe(true);
    expect(matches('/fish*.php', '/fishheads/catfish.php?parameters')).toBe(true);
    expect(matches('/fish*.php', '/Fish.PHP')).toBe(false);
  });

  test('rfc9309 §2.2.3: "$" anchors the end of the path', () => {
    expect(matches('/*.php$', '/filename.php')).toBe(true);
    expect(matches('/*.php$', '/folder/filename.php')).toBe(true);
    expect(matches('/*.php$', '/filename.php?parameters')).toBe(false);
    expect(matches('/*.php$', '/filename.php5')).toBe(false);
    expect(matches('/fish$', '/fish')).toBe(true);
    expect(matches('/fish$', '/fishy')).toBe(false);
  });

  test('a pattern without wildcards is a case-sensitive prefix', () => {
    expect(matches('/fish', '/fish/salmon.html')).toBe(true);
    expect(matches('/fish', '/fishheads')).toBe(true);
    expect(matches('/fish', '/catfish')).toBe(false);
    expect(matches('/fish', '/Fish.asp')).toBe(false);
  });

  test('wildcard pieces are found in order, never reused', () => {
    expect(matches('/a*b*a$', '/ab')).toBe(false);
    expect(matches('/a*b*a$', '/aba')).toBe(true);
    expect(matches('/*a*a*b', '/xaxaxb')).toBe(true);
    expect(matches('/*a*a*b', '/xaxb')).toBe(false);
    expect(matches('/x*y$', '/xyy')).toBe(true);
    expect(matches('/**/', '/a/b')).toBe(true);
  });

  test('rfc9309 §2.2.2: unreserved escapes are decoded on both sides, reserved kept', () => {
    expect(normalizePattern('/%7Ejoe/%62%61%7A')).toBe('/~joe/baz');
    expect(matches('/foo/bar/%62%61%7A', '/foo/bar/baz')).toBe(true);
    expect(matches('/foo/bar/baz', '/foo/bar/%62%61%7A')).toBe(true);
    expect(matches('/a%2Fb', '/a/b')).toBe(false);
    expect(matches('/a%2fb', '/a%2Fb')).toBe(true);
  });

  test('rfc9309 §2.2.2: non-ASCII is compared as percent-encoded UTF-8', () => {
    expect(normalizePattern('/foo/bar/ツ')).toBe('/foo/bar/%E3%83%84');
    expect(matches('/foo/bar/ツ', '/foo/bar/%E3%83%84')).toBe(true);
    expect(matches('/foo/bar/%E3%83%84', '/foo/bar/ツ')).toBe(true);
  });

  test('characters not allowed raw in a URI compare equal to their escapes', () => {
    expect(matches('/a b|c', '/a%20b%7Cc')).toBe(true);
    expect(matches('/a%20b%7cc', '/a b|c')).toBe(true);
  });

  test('rfc9309 §2.2.3: a literal "$" in a URL is matched only by "%24"', () => {
    expect(matches('/price%24', '/price$')).toBe(true);
    expect(matches('/price$', '/price$')).toBe(false);
  });
});

describe('pathAndQuery', () => {
  test('keeps path and query, drops the fragment, keeps a bare "?"', () => {
    expect(pathAndQuery('https://example.com/a/b?x=1#frag')).toBe('/a/b?x=1');
    expect(pathAndQuery('https://example.com/page?')).toBe('/page?');
    expect(pathAndQuery('https://example.com')).toBe('/');
    expect(pathAndQuery('https://example.com?q')).toBe('/?q');
    expect(pathAndQuery('http://user@example.com:8080/x')).toBe('/x');
    expect(pathAndQuery('/only/path#x')).toBe('/only/path');
    expect(pathAndQuery('//example.com/p')).toBe('/p');
    expect(pathAndQuery(new URL('https://example.com/a?b#c'))).toBe('/a?b');
  });

  test('only a valid scheme followed by "//" starts an authority (RFC 3986 section 3.1)', () => {
    expect(pathAndQuery('HTTP+x.y-z://example.com/p')).toBe('/p');
    expect(pathAndQuery('mailto:someone')).toBe('/mailto:someone');
    expect(pathAndQuery('1http://example.com/p')).toBe('/1http://example.com/p');
    expect(pathAndQuery('a/b//c')).toBe('/a/b//c');
    expect(pathAndQuery('/a//b')).toBe('/a//b');
    expect(pathAndQuery('')).toBe('/');
  });
});
