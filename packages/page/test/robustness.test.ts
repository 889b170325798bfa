import { StatementSchema } from '@optout/core/schema';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseRsl, readPage } from '../src/index.js';
import { fixture, fixtureJson } from './helpers.js';

const html = fixture('html/tdm-meta-reserved.html').toString('utf8');
const rsl = fixture('rsl/multi-content.xml').toString('utf8');
const headerValues = [
  ...fixtureJson<{ cases: { value: string }[] }>('http/x-robots-tag-vectors.json').cases.map((c) => c.value),
  ...fixtureJson<{ cases: { value: string }[] }>('http/content-usage-vectors.json').cases.map((c) => c.value),
];
const HEADER_NAMES = ['X-Robots-Tag', 'Content-Usage', 'Content-Signal', 'Link', 'Content-Type'];

// Mutations: cut, insert random text, or duplicate a slice of a real fixture.
const mutate = (text: string) =>
  fc
    .tuple(
      fc.nat(text.length),
      fc.nat(text.length),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('cut', 'insert', 'dup'),
    )
    .map(([a, b, s, how]) => {
      const [i, j] = a < b ? [a, b] : [b, a];
      if (how === 'cut') return text.slice(0, i) + text.slice(j);
      if (how === 'insert') return text.slice(0, i) + s + text.slice(i);
      return text.slice(0, j) + text.slice(i, j) + text.slice(j);
    });

const valid = (statements: readonly unknown[]) => {
  for (const s of statements) StatementSchema.parse(s);
};

describe('never throws on bad input', () => {
  test('random header values and random bytes as HTML', () => {
    const header = fc.tuple(
      fc.constantFrom(...HEADER_NAMES),
      fc.oneof(fc.string(), fc.constantFrom(...headerValues)),
    );
    fc.assert(
      fc.property(
        fc.array(header, { maxLength: 6 }),
        fc.uint8Array({ maxLength: 3000 }),
        (headers, bytes) => {
          const signals = readPage({ url: 'https://s.example/a', headers, html: bytes });
          valid(signals.statements);
          valid(signals.images);
        },
      ),
    );
  });

  test('mutated HTML fixture', () => {
    fc.assert(
      fc.property(mutate(html), (text) => {
        const signals = readPage({ html: text });
        valid(signals.statements);
      }),
    );
  });

  test('random bytes and mutated fixtures as RSL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2000 }), mutate(rsl)), fc.webPath(), (input, path) => {
        const doc = parseRsl(input, { target: path });
        valid(doc.statements);
        if (!doc.valid) expect(doc.statements).toEqual([]);
      }),
    );
  });

  test('a large page is read quickly: only the head is parsed', () => {
    const big = '<html><head><meta name="robots" content="noai"></head><body>' + '<p>x</p>'.repeat(500_000);
    const start = performance.now();
    const signals = readPage({ html: big });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(signals.statements).toHaveLength(2);
  });

  test('an XML entity bomb does not expand', () => {
    const entities = ['<!ENTITY a "aaaaaaaaaa">'];
    for (let i = 1; i < 8; i++)
      entities.push(`<!ENTITY ${'abcdefgh'[i]} "${`&${'abcdefgh'[i - 1]};`.repeat(10)}">`);
    const xml = `<!DOCTYPE rsl [${entities.join('')}]><rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><permits type="usage">&h;</permits></license></content></rsl>`;
    const start = performance.now();
    parseRsl(xml, { target: '/' });
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('fixtures/http/tdmrep-header-vectors.json', () => {
  const { cases } = fixtureJson<{ cases: { headers: Record<string, string> }[] }>(
    'http/tdmrep-header-vectors.json',
  );
  test.each(cases)('TDMRep headers are left to @optout/tdmrep: no statement from $headers', (c) => {
    expect(readPage({ headers: c.headers }).statements).toEqual([]);
  });
});
