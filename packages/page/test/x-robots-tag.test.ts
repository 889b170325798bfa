import { describe, expect, test } from 'vitest';
import { readPage, readXRobotsTag } from '../src/index.js';
import { fixtureJson, verdict } from './helpers.js';

interface Vector {
  value: string;
  dd?: boolean;
  i2d?: boolean;
  ours?: Record<string, string>;
  note?: string;
}
const { cases } = fixtureJson<{ cases: Vector[] }>('http/x-robots-tag-vectors.json');

// Where our reading deliberately differs from a peer's (SIGNALS §7.3): every
// other case must agree with both peers.
const DEVIATIONS: Record<string, { dd?: string; i2d?: string }> = {
  'googlebot: noindex, noai': {
    dd: 'the googlebot prefix scopes the rest of its line (SIGNALS §7.3); datadiligence reads the bare noai',
  },
  NOAI: { dd: 'directives are case-insensitive (SIGNALS §7.1); datadiligence compares case-sensitively' },
  'max-snippet:50, noai': {
    i2d: 'max-snippet is a valued directive, not a user-agent (SIGNALS §7.3); img2dataset loses the noai',
  },
};

const image = { contentType: 'image/png' };
const blocked = (value: string, agent: string, noindexIsOptOut: boolean) =>
  verdict(
    readXRobotsTag([['X-Robots-Tag', value]], image, { noindexIsOptOut }).statements,
    'train-ai',
    agent,
  ) === 'disallow';

describe('fixtures/http/x-robots-tag-vectors.json', () => {
  test.each(cases)('"$value": agrees with the peers except for listed deviations', (c) => {
    const deviation = DEVIATIONS[c.value] ?? {};
    // datadiligence: agent spawningbot, noindex not an opt-out; result = allowed?
    if (c.dd !== undefined) expect(!blocked(c.value, 'spawningbot', false) === c.dd).toBe(!deviation.dd);
    // img2dataset: agent img2dataset, noindex/noimageindex are opt-outs by default.
    if (c.i2d !== undefined) expect(!blocked(c.value, 'img2dataset', true) === c.i2d).toBe(!deviation.i2d);
    if (c.ours?.['train-ai'] === 'disallow') expect(blocked(c.value, 'mybot', false)).toBe(true);
    if (c.ours?.['train-ai']?.startsWith('unknown')) expect(blocked(c.value, 'mybot', false)).toBe(false);
  });
});

describe('SIGNALS §7.4 worked examples (caller mybot)', () => {
  const page = (headers: [string, string][], html?: string) =>
    readPage({ url: 'https://x.example/p', headers, ...(html ? { html } : {}) });

  test('X-Robots-Tag: noai → train-ai disallow (and ai-input, conservatively)', () => {
    const { statements } = page([['X-Robots-Tag', 'noai']]);
    expect(verdict(statements, 'train-ai', 'mybot')).toBe('disallow');
    expect(verdict(statements, 'ai-input', 'mybot')).toBe('disallow');
  });

  test('X-Robots-Tag: googlebot: noai → nothing for mybot, disallow for Googlebot', () => {
    const { statements } = page([['X-Robots-Tag', 'googlebot: noai']]);
    expect(verdict(statements, 'train-ai', 'mybot')).toBe('unknown');
    expect(verdict(statements, 'train-ai', 'Googlebot')).toBe('disallow');
    expect(statements[0]!.scope).toEqual({ agents: ['googlebot'] });
  });

  test('X-Robots-Tag: NOINDEX → unknown (noindexIsOptOut off)', () => {
    expect(verdict(page([['X-Robots-Tag', 'NOINDEX']]).statements, 'train-ai', 'mybot')).toBe('unknown');
  });

  test('<meta name="robots" content="index, noimageai"> on HTML → images disallowed, page text unknown', () => {
    const signals = page([], '<html><head><meta name="robots" content="index, noimageai"></head></html>');
    expect(verdict(signals.statements, 'train-ai', 'mybot')).toBe('unknown');
    expect(verdict(signals.images, 'train-ai', 'mybot')).toBe('disallow');
    expect(signals.diagnostics.map((d) => d.code)).toContain('page.noimageai-on-page');
  });

  test('two field lines "all" and "noai" → disallow', () => {
    const { statements } = page([
      ['X-Robots-Tag', 'all'],
      ['X-Robots-Tag', 'noai'],
    ]);
    expect(verdict(statements, 'train-ai', 'mybot')).toBe('disallow');
  });
});

describe('X-Robots-Tag reading', () => {
  test('§7.2: noimageai on an image response applies to the response', () => {
    const reading = readXRobotsTag([['x-robots-tag', 'noimageai']], { contentType: 'image/jpeg' });
    expect(verdict(reading.statements, 'train-ai')).toBe('disallow');
    expect(reading.imageStatements).toEqual([]);
  });

  test('§7.2: noarchive is a train-ai opt-out for bingbot and Amazonbot only', () => {
    const { statements } = readXRobotsTag({ 'X-Robots-Tag': 'noarchive' });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      category: 'train-ai',
      scope: { agents: ['bingbot', 'Amazonbot'] },
    });
    expect(verdict(statements, 'train-ai', 'Amazonbot')).toBe('disallow');
    expect(verdict(statements, 'train-ai', 'GPTBot')).toBe('unknown');
  });

  test('§7.2: "bingbot: noarchive" binds bingbot only; "gptbot: noarchive" binds nobody', () => {
    expect(readXRobotsTag({ 'X-Robots-Tag': 'bingbot: noarchive' }).statements[0]!.scope).toEqual({
      agents: ['bingbot'],
    });
    expect(readXRobotsTag({ 'X-Robots-Tag': 'gptbot: noarchive' }).statements).toEqual([]);
  });

  test('§7.2 option noindexIsOptOut: noindex and none become opt-outs, labelled as such', () => {
    for (const value of ['noindex', 'none']) {
      const { statements } = readXRobotsTag({ 'X-Robots-Tag': value }, {}, { noindexIsOptOut: true });
      expect(verdict(statements, 'train-ai')).toBe('disallow');
      expect(statements[0]).toMatchObject({ label: value, note: expect.stringMatching(/noindexIsOptOut/) });
    }
  });

  test('option noaiCoversAiInput: false keeps noai to train-ai', () => {
    const { statements } = readXRobotsTag({ 'X-Robots-Tag': 'noai' }, {}, { noaiCoversAiInput: false });
    expect(statements.map((s) => s.category)).toEqual(['train-ai']);
  });

  test('§7.3: a later UA prefix on the same line starts a new scope', () => {
    const { statements } = readXRobotsTag({ 'X-Robots-Tag': 'a: noai, b: all, noimageai' }, image);
    expect(verdict(statements, 'train-ai', 'a')).toBe('disallow');
    expect(statements.filter((s) => s.label === 'noimageai').map((s) => s.scope)).toEqual([
      { agents: ['b'] },
      { agents: ['b'] },
    ]);
  });

  test('§7.3: each field line is scoped on its own', () => {
    const { statements } = readXRobotsTag([
      ['X-Robots-Tag', 'googlebot: nofollow'],
      ['X-Robots-Tag', 'noai'],
    ]);
    expect(verdict(statements, 'train-ai', 'mybot')).toBe('disallow');
  });

  test('evidence names the header and the raw field value', () => {
    const [s] = readXRobotsTag([['X-Robots-Tag', 'noindex, noai']], {
      url: 'https://x.example/a',
    }).statements;
    expect(s).toMatchObject({
      source: 'x-robots-tag',
      label: 'noai',
      evidence: { raw: 'noindex, noai', header: 'x-robots-tag', url: 'https://x.example/a' },
    });
  });

  test('noml is reported, not applied', () => {
    const reading = readXRobotsTag({ 'X-Robots-Tag': 'noml' });
    expect(reading.statements).toEqual([]);
    expect(reading.diagnostics.map((d) => d.code)).toEqual(['page.unsupported-directive']);
  });
});
