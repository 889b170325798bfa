import { describe, expect, test } from 'vitest';
import { readContentUsage, readPage, readUsagePreferences } from '../src/index.js';
import { fixtureJson, verdict } from './helpers.js';

interface Vector {
  value: string;
  'train-ai'?: string;
  search?: string;
  note?: string;
}
const { cases } = fixtureJson<{ cases: Vector[] }>('http/content-usage-vectors.json');

const header = (value: string, options?: Parameters<typeof readContentUsage>[2]) =>
  readContentUsage([['Content-Usage', value]], { url: 'https://x.example/a' }, options);

describe('fixtures/http/content-usage-vectors.json (vocab-07 processing)', () => {
  test.each(cases)('"$value"', (c) => {
    const { statements } = header(c.value);
    for (const category of ['train-ai', 'search'] as const) {
      if (c[category] !== undefined) expect(verdict(statements, category), category).toBe(c[category]);
    }
  });
});

describe('SIGNALS §4.5 worked examples (header forms)', () => {
  test('#1 train-ai=n → train-ai disallow, search unknown', () => {
    const { statements } = header('train-ai=n');
    expect([verdict(statements, 'train-ai'), verdict(statements, 'search')]).toEqual(['disallow', 'unknown']);
  });

  test('#2 train-ai=y, search=n → allow / disallow', () => {
    const { statements } = header('train-ai=y, search=n');
    expect([verdict(statements, 'train-ai'), verdict(statements, 'search')]).toEqual(['allow', 'disallow']);
  });

  test('#3 Train-AI=n → the whole field fails: no statements and an error diagnostic', () => {
    const reading = header('Train-AI=n');
    expect(reading.statements).toEqual([]);
    expect(reading.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'content-usage.parse-error', severity: 'error' }),
    );
  });

  test('#6 header allow is overridden by a disallow from elsewhere (most restrictive)', () => {
    const robotsLine = readUsagePreferences('train-ai=n', { raw: 'Content-Usage: train-ai=n', line: 4 });
    const response = header('train-ai=y');
    expect(verdict([...robotsLine.statements, ...response.statements], 'train-ai')).toBe('disallow');
  });

  test('#7 ai=n → unknown by -07, with a legacy warning', () => {
    const reading = header('ai=n');
    expect(verdict(reading.statements, 'train-ai')).toBe('unknown');
    expect(reading.diagnostics.map((d) => d.code)).toEqual(['content-usage.legacy-label']);
  });

  test('#7 legacyLabels mode: ai=n → train-ai disallow, flagged', () => {
    const reading = header('ai=n', { legacyLabels: true });
    expect(verdict(reading.statements, 'train-ai')).toBe('disallow');
    expect(reading.statements[0]).toMatchObject({ label: 'ai=n', note: expect.stringMatching(/legacy/) });
    expect(reading.diagnostics[0]!.message).toMatch(/mapped/);
  });
});

describe('Content-Usage reading', () => {
  test('attach-05 §2: several field lines are combined before parsing (last duplicate wins)', () => {
    const { statements } = readContentUsage([
      ['content-usage', 'train-ai=y'],
      ['Content-Usage', 'train-ai=n'],
    ]);
    expect(verdict(statements, 'train-ai')).toBe('disallow');
    expect(statements[0]!.evidence).toMatchObject({ raw: 'train-ai=y, train-ai=n', header: 'content-usage' });
  });

  test('vocab-07 §6: a string value leaves the key unknown and is reported', () => {
    expect(header('train-ai="n"').diagnostics.map((d) => d.code)).toEqual(['content-usage.invalid-value']);
  });

  test('statements carry source content-usage and the label as written', () => {
    expect(header('search=y').statements[0]).toMatchObject({
      category: 'search',
      value: 'allow',
      source: 'content-usage',
      label: 'search=y',
      scope: {},
    });
  });

  test('readPage reads Content-Usage', () => {
    const { statements } = readPage({ headers: { 'content-usage': 'train-ai=n' } });
    expect(verdict(statements, 'train-ai')).toBe('disallow');
  });
});
