import { decide, lineage, type Statement } from '@optout/core';
import { DecisionSchema } from '@optout/core/schema';
import { describe, expect, test } from 'vitest';

const stmt = (over: Partial<Statement>): Statement => ({
  category: 'train-ai',
  value: 'disallow',
  source: 'aitxt',
  scope: {},
  evidence: { raw: 'Disallow: /' },
  ...over,
});

const base = { url: 'https://example.com/a', agent: 'MyBot', purpose: 'train-ai' as const };

describe('decide', () => {
  test('no statements: unknown, and the caller default says so', () => {
    const allow = decide({ ...base, statements: [] });
    expect(allow).toMatchObject({ status: 'unknown', allowed: true, defaultApplied: 'allow' });
    const strict = decide({ ...base, statements: [], defaultForUnknown: 'disallow' });
    expect(strict).toMatchObject({ status: 'unknown', allowed: false, defaultApplied: 'disallow' });
  });

  test('across signals the most restrictive wins, and the winner is listed first', () => {
    const allow = stmt({ value: 'allow', source: 'content-usage' });
    const disallow = stmt({ source: 'tdmrep.file' });
    const d = decide({ ...base, statements: [allow, disallow] });
    expect(d.status).toBe('disallowed');
    expect(d.allowed).toBe(false);
    expect(d.statements.map((s) => [s.source, s.role])).toEqual([
      ['tdmrep.file', 'deciding'],
      ['content-usage', 'overridden'],
    ]);
  });

  test('a tdm disallow covers train-genai through inheritance, and says so', () => {
    const d = decide({ ...base, purpose: 'train-genai', statements: [stmt({ category: 'tdm' })] });
    expect(d.status).toBe('disallowed');
    expect(d.statements[0]).toMatchObject({ role: 'deciding', via: 'tdm' });
    const off = decide({
      ...base,
      purpose: 'train-genai',
      statements: [stmt({ category: 'tdm' })],
      inheritance: false,
    });
    expect(off.status).toBe('unknown');
  });

  test('a train-genai disallow does not cover train-ai', () => {
    const d = decide({ ...base, statements: [stmt({ category: 'train-genai' })] });
    expect(d.status).toBe('unknown');
    expect(d.statements[0]!.role).toBe('other');
  });

  test('a crawl disallow for the caller disallows every purpose', () => {
    const crawl = stmt({ category: 'crawl', source: 'robots', evidence: { raw: 'Disallow: /', line: 3 } });
    const d = decide({
      ...base,
      purpose: 'search',
      statements: [crawl, stmt({ category: 'search', value: 'allow' })],
    });
    expect(d.status).toBe('disallowed');
    expect(d.statements[0]).toMatchObject({ category: 'crawl', via: 'crawl', evidence: { line: 3 } });
  });

  test('a crawl allow says nothing about training', () => {
    const d = decide({
      ...base,
      statements: [stmt({ category: 'crawl', value: 'allow', source: 'robots' })],
    });
    expect(d.status).toBe('unknown');
  });

  test('statements scoped to other agents do not bind the caller', () => {
    const gpt = stmt({ scope: { agents: ['GPTBot'] }, source: 'robots.inferred', inferred: true });
    expect(decide({ ...base, statements: [gpt] }).status).toBe('unknown');
    expect(decide({ ...base, agent: 'gptbot', statements: [gpt] }).status).toBe('disallowed');
  });

  test('a conditional allow (licence required) is not a plain allow', () => {
    const rsl = stmt({ value: 'allow', source: 'rsl', conditions: ['license-server'] });
    expect(decide({ ...base, statements: [rsl] }).status).toBe('unknown');
  });

  test('a superseded statement never decides', () => {
    const old = stmt({ source: 'tdmrep.file', supersededBy: 'tdmrep.html' });
    const now = stmt({ source: 'tdmrep.html', value: 'allow' });
    const d = decide({ ...base, statements: [old, now] });
    expect(d.status).toBe('allowed');
    expect(d.statements.find((s) => s.source === 'tdmrep.file')!.role).toBe('other');
  });

  test('the decision validates against the public schema', () => {
    const d = decide({
      ...base,
      statements: [stmt({})],
      errors: [{ source: 'robots', code: 'x', message: 'y' }],
    });
    expect(DecisionSchema.parse(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });

  test('lineage lists the narrowest category first', () => {
    expect(lineage('train-genai')).toEqual(['train-genai', 'train-ai', 'tdm']);
    expect(lineage('search')).toEqual(['search']);
  });
});
