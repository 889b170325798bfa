import { readFileSync } from 'node:fs';
import { StatementSchema } from '@optout/core/schema';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseAiTxt } from '../src/index.js';

const real = readFileSync(new URL('./fixtures/images-allowed-ai.txt', import.meta.url), 'utf8');
const lines = real.split('\n');

const pathArb = fc.webPath();

describe('never throws on bad input', () => {
  test('random bytes parse and answer without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), pathArb, (bytes, path) => {
        const aitxt = parseAiTxt(bytes);
        for (const s of aitxt.statements(path)) StatementSchema.parse(s);
        aitxt.explain(path, 'GPTBot');
      }),
    );
  });

  test('mutated fixture lines (dropped, duplicated, garbled) never throw and stay valid', () => {
    const mutated = fc
      .array(
        fc.oneof(
          fc.constantFrom(...lines),
          fc.string(),
          fc.constantFrom(...lines).map((l) => l.toUpperCase()),
          fc.constantFrom(...lines).map((l) => l.replace(':', '')),
        ),
        { maxLength: 80 },
      )
      .map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(mutated, pathArb, fc.boolean(), (text, path, caseInsensitive) => {
        const aitxt = parseAiTxt(text, { caseInsensitive });
        for (const s of aitxt.statements(path)) StatementSchema.parse(s);
      }),
    );
  });

  test('a 500 KiB file of wildcards is parsed and matched quickly', () => {
    const text = 'User-Agent: *\n' + 'Disallow: /*a*a*a*a*a*a*a*a*b\n'.repeat(17_000);
    const start = performance.now();
    const aitxt = parseAiTxt(text);
    aitxt.explain('/' + 'a'.repeat(2000));
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
