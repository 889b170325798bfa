import { describe, expect, test } from 'vitest';
import { parseContentSignal, readContentSignal, readPage } from '../src/index.js';
import { fixtureJson, verdict } from './helpers.js';

interface Vector {
  value: string;
  path?: string;
  use?: string;
  search?: string;
  'ai-input'?: string;
  'ai-train'?: string;
}
const { cases } = fixtureJson<{ cases: Vector[] }>('http/content-signal-vectors.json');
const CATEGORY = { search: 'search', 'ai-input': 'ai-input', 'ai-train': 'train-ai' } as const;

describe('fixtures/http/content-signal-vectors.json', () => {
  test.each(cases)('"$value"', (c) => {
    // A path-scoped value is read for a URL under that path.
    const url = `https://x.example${c.path ?? '/'}page`;
    const { statements } = readContentSignal([['Content-Signal', c.value]], { url });
    for (const key of ['search', 'ai-input', 'ai-train'] as const) {
      if (c[key] !== undefined) expect(verdict(statements, CATEGORY[key]), key).toBe(c[key]);
    }
    const parsed = parseContentSignal(c.value);
    expect(parsed.path).toBe(c.path);
    if (c.use) expect(parsed.use).toBe(c.use);
  });
});

describe('Content-Signal header (SIGNALS §5)', () => {
  test('§5.1: a path-scoped value does not apply outside its path', () => {
    const reading = readContentSignal([['Content-Signal', '/blog/ ai-train=no']], {
      url: 'https://x.example/shop',
    });
    expect(reading.statements).toEqual([]);
  });

  test('§5.1: values are accepted case-insensitively with a warning', () => {
    const reading = readContentSignal({ 'content-signal': 'ai-train=No' });
    expect(verdict(reading.statements, 'train-ai')).toBe('disallow');
    expect(reading.diagnostics.map((d) => d.code)).toEqual(['content-signal.value-case']);
  });

  test('§5.1: an invalid value and aipref syntax are ignored with warnings', () => {
    expect(readContentSignal({ 'content-signal': 'ai-train=maybe' }).diagnostics[0]!.code).toBe(
      'content-signal.invalid-value',
    );
    expect(readContentSignal({ 'content-signal': 'train-ai=n' }).diagnostics[0]!.message).toMatch(
      /Content-Usage/,
    );
  });

  test('§5.2: ai-train → train-ai, ai-input → ai-input, search → search; evidence names the header', () => {
    const { statements } = readPage({
      url: 'https://x.example/a',
      headers: [['Content-Signal', 'ai-train=no, search=yes, ai-input=no']],
    });
    expect(statements.map((s) => [s.category, s.value, s.source])).toEqual([
      ['train-ai', 'disallow', 'content-signal'],
      ['search', 'allow', 'content-signal'],
      ['ai-input', 'disallow', 'content-signal'],
    ]);
    expect(statements[0]!.evidence).toEqual({
      raw: 'ai-train=no, search=yes, ai-input=no',
      header: 'content-signal',
      url: 'https://x.example/a',
    });
  });
});
