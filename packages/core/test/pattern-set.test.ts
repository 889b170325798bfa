import {
  charMask,
  cleanTargetMask,
  compilePattern,
  matchesPattern,
  NEEDS_NORMALIZING,
  normalizeTarget,
  PatternSet,
} from '@optout/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const firstByScan = (patterns: ReturnType<typeof compilePattern>[], target: string) =>
  patterns.findIndex((pattern) => matchesPattern(pattern, target));

describe('PatternSet', () => {
  test('finds the first matching pattern in the given order', () => {
    const set = new PatternSet(['/a/b', '/*.php$', '/a'].map(compilePattern));
    expect(set.firstMatch('/a/b/c')).toBe(0);
    expect(set.firstMatch('/x/y.php')).toBe(1);
    expect(set.firstMatch('/a/c')).toBe(2);
    expect(set.firstMatch('/z')).toBe(-1);
    expect(new PatternSet([]).firstMatch('/z')).toBe(-1);
  });

  test('patterns sharing leading pieces share their search, and the answer is unchanged', () => {
    const patterns = ['/*a*a*b', '/*a*a*c', '/*a*x*c', '/*a*a*$'].map(compilePattern);
    const set = new PatternSet(patterns);
    for (const target of ['/aab', '/aac', '/axc', '/aa', '/a', '/ba', '/aaxc']) {
      expect(set.firstMatch(target), target).toBe(firstByScan(patterns, target));
    }
  });

  const unit = fc.constantFrom('a', 'b', '/', '*');
  const pattern = fc
    .tuple(fc.string({ unit, maxLength: 8 }), fc.boolean())
    .map(([body, anchored]) => compilePattern('/' + body + (anchored ? '$' : '')));
  const targets = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '/', '?'), maxLength: 10 }), {
    maxLength: 5,
  });

  // Up to 12 patterns are scanned in order; larger sets are filed by the head of their prefix.
  for (const maxLength of [12, 80]) {
    test(`agrees with matchesPattern on random patterns and targets (sets of up to ${maxLength})`, () => {
      fc.assert(
        fc.property(fc.array(pattern, { maxLength }), targets, (patterns, raws) => {
          const set = new PatternSet(patterns);
          for (const raw of raws) {
            const target = normalizeTarget('/' + raw);
            expect(set.firstMatch(target)).toBe(firstByScan(patterns, target));
          }
        }),
        { numRuns: 500 },
      );
    });
  }

  test('a given mask covering more characters than the target (a fragment still on) changes no answer', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 40 }), targets, fc.string(), (patterns, raws, extra) => {
        const set = new PatternSet(patterns);
        for (const raw of raws) {
          const target = normalizeTarget('/' + raw);
          expect(set.firstMatch(target, charMask(target + extra))).toBe(firstByScan(patterns, target));
        }
      }),
      { numRuns: 500 },
    );
  });

  test('a crafted set of long wildcard patterns stays fast', () => {
    const wild = '/' + '*a'.repeat(48) + '*b';
    const patterns = Array.from({ length: 5000 }, (_, i) => compilePattern(wild + i.toString(2)));
    const set = new PatternSet(patterns);
    const target = '/b' + 'a'.repeat(1999);
    // The shared pieces are searched once; a backtracking matcher would not
    // finish within the test's timeout. Speed itself is for the benchmarks.
    expect(set.firstMatch(target)).toBe(-1);
  });

  test('cleanTargetMask: the charMask of a path normalisation leaves alone', () => {
    for (const path of ['/', '/a/b?x=1&y=2', '/~user/a-b_c.d', '/a#frag']) {
      expect(normalizeTarget(path)).toBe(path);
      expect(cleanTargetMask(path), path).toBe(charMask(path));
    }
  });

  test('cleanTargetMask: NEEDS_NORMALIZING for every path normalisation would change', () => {
    for (const path of ['/%41', '/a b', '/é', '/$', '/a*b', '/a\\b', '/a|b', '/\u0000']) {
      expect(normalizeTarget(path), path).not.toBe(path);
      expect(cleanTargetMask(path), path).toBe(NEEDS_NORMALIZING);
    }
    // `%` is always flagged, even where normalising keeps it.
    expect(normalizeTarget('/%2F')).toBe('/%2F');
    expect(cleanTargetMask('/%2F')).toBe(NEEDS_NORMALIZING);
  });

  test('cleanTargetMask agrees with normalizeTarget on random paths', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (raw) => {
        const path = '/' + raw;
        const mask = cleanTargetMask(path);
        if (mask !== NEEDS_NORMALIZING) {
          expect(normalizeTarget(path)).toBe(path);
          expect(mask).toBe(charMask(path));
        } else expect(normalizeTarget(path) !== path || /[%]/.test(path)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('charMask sets one bit per character code modulo 32', () => {
    expect(charMask('')).toBe(0);
    expect(charMask('a')).toBe(1 << 1);
    expect(charMask('aA')).toBe(1 << 1);
    expect(charMask('ab') & charMask('b')).toBe(charMask('b'));
  });
});
