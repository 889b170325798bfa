import { charMask, compilePattern, matchesPattern, normalizeTarget, PatternSet } from '@optout/core';
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

  test('agrees with matchesPattern on random patterns and targets', () => {
    const unit = fc.constantFrom('a', 'b', '/', '*');
    const pattern = fc
      .tuple(fc.string({ unit, maxLength: 8 }), fc.boolean())
      .map(([body, anchored]) => compilePattern('/' + body + (anchored ? '$' : '')));
    fc.assert(
      fc.property(
        fc.array(pattern, { maxLength: 12 }),
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '/'), maxLength: 10 }), { maxLength: 5 }),
        (patterns, targets) => {
          const set = new PatternSet(patterns);
          for (const raw of targets) {
            const target = normalizeTarget('/' + raw);
            expect(set.firstMatch(target)).toBe(firstByScan(patterns, target));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('a crafted set of long wildcard patterns stays fast', () => {
    const wild = '/' + '*a'.repeat(48) + '*b';
    const patterns = Array.from({ length: 5000 }, (_, i) => compilePattern(wild + i.toString(2)));
    const set = new PatternSet(patterns);
    const target = '/b' + 'a'.repeat(1999);
    const start = performance.now();
    expect(set.firstMatch(target)).toBe(-1);
    // Generous bound for a busy CI machine; the shared pieces are searched once.
    expect(performance.now() - start).toBeLessThan(100);
  });

  test('charMask sets one bit per character code modulo 32', () => {
    expect(charMask('')).toBe(0);
    expect(charMask('a')).toBe(1 << 1);
    expect(charMask('aA')).toBe(1 << 1);
    expect(charMask('ab') & charMask('b')).toBe(charMask('b'));
  });
});
