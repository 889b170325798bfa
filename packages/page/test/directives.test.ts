import { describe, expect, test } from 'vitest';
import { parseDirectives } from '../src/index.js';

describe('robots directive lists (SIGNALS §7.3)', () => {
  test('comma list, lower-cased, blanks dropped', () => {
    expect(parseDirectives(' NoIndex ,, NOAI ')).toEqual([{ name: 'noindex' }, { name: 'noai' }]);
  });

  test('a UA prefix scopes the rest of the line until the next prefix', () => {
    expect(parseDirectives('noai, googlebot: noindex, noimageai, bingbot: noarchive')).toEqual([
      { name: 'noai' },
      { name: 'noindex', agent: 'googlebot' },
      { name: 'noimageai', agent: 'googlebot' },
      { name: 'noarchive', agent: 'bingbot' },
    ]);
  });

  test('valued directives are not user-agents', () => {
    expect(parseDirectives('max-snippet:50, max-image-preview: large, noai')).toEqual([
      { name: 'max-snippet' },
      { name: 'max-image-preview' },
      { name: 'noai' },
    ]);
  });

  test('an unavailable_after date with a comma and a time does not open a scope', () => {
    expect(parseDirectives('unavailable_after: Saturday, 01-Jul-23 15:00:00 PST, noai')).toEqual([
      { name: 'unavailable_after' },
      { name: 'noai' },
    ]);
  });

  test("a crawler-named meta starts in that crawler's scope", () => {
    expect(parseDirectives('noai', 'GPTBot')).toEqual([{ name: 'noai', agent: 'GPTBot' }]);
  });

  test('a lone colon is neither an agent nor a directive', () => {
    expect(parseDirectives(':,')).toEqual([]);
  });
});
