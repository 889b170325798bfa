// Core's parsers on random and mutated input: they never throw and stay within their limits.
import {
  compilePattern,
  decodeText,
  matchesPattern,
  normalizePattern,
  normalizeTarget,
  parseHeaderBlock,
  pathAndQuery,
} from '@optout/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const BLOCK =
  'HTTP/1.1 200 OK\r\ntdm-reservation: 1\r\nX-Robots-Tag: noai\r\nLink: <https://e.org/l>\r\n  ; rel="license"\r\n\r\n';

// A header block with random lines inserted, dropped or cut.
const mutatedBlock = fc
  .tuple(fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), fc.nat(), fc.nat())
  .map(([inserts, at, cut]) => {
    const lines = BLOCK.split('\r\n');
    lines.splice(at % lines.length, cut % 2, ...inserts);
    return lines.join('\r\n').slice(0, BLOCK.length - (cut % 10));
  });

describe('properties of core parsers', () => {
  test('decodeText: random bytes never throw, and the cut is exactly at maxBytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 400 }), (bytes, maxBytes) => {
        const decoded = decodeText(bytes, maxBytes);
        let skipped = 0; // a full or partial UTF-8 BOM is not counted
        while (skipped < 3 && bytes[skipped] === UTF8_BOM[skipped]) skipped++;
        expect(decoded.bom).toBe(skipped > 0);
        expect(decoded.bytes).toBe(Math.min(bytes.length - skipped, maxBytes));
        expect(decoded.truncated).toBe(bytes.length - skipped > maxBytes);
      }),
    );
  });

  test('parseHeaderBlock: random text and mutated blocks give trimmed, non-empty names', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), mutatedBlock), (text) => {
        for (const [name, value] of parseHeaderBlock(text)) {
          expect(name.length).toBeGreaterThan(0);
          expect(name).toBe(name.trim());
          expect(value).toBe(value.trim());
        }
      }),
    );
  });

  test('a header line with an empty name is ignored', () => {
    expect(parseHeaderBlock(' : x\r\n:y\r\nA: b\r\n')).toEqual([['A', 'b']]);
  });

  test('path normalisation never throws and is idempotent; matching random patterns never throws', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('%', '*', '$', '/', '?', '#', 'é', 'a', '2', 'F'),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, text, (pattern, url) => {
        const target = normalizeTarget(pathAndQuery(url));
        expect(normalizeTarget(target)).toBe(target);
        expect(normalizePattern(normalizePattern(pattern))).toBe(normalizePattern(pattern));
        expect(typeof matchesPattern(compilePattern(pattern), target)).toBe('boolean');
      }),
    );
  });
});
