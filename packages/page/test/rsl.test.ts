import type { Category } from '@optout/core';
import { StatementSchema } from '@optout/core/schema';
import { describe, expect, test } from 'vitest';
import { parseRsl, rslTerms } from '../src/index.js';
import { fixture, fixtureJson, verdict } from './helpers.js';

interface RslCase {
  file: string;
  url?: string;
  entry?: string;
  error?: string;
  licenseServer?: string;
  payment?: { type: string; amount: string; currency: string };
  conditions?: string[];
  [category: string]: unknown;
}
const { cases } = fixtureJson<{ cases: RslCase[] }>('rsl/expected.json');
const CATEGORY: Record<string, Category> = {
  'ai-train': 'train-ai',
  'ai-input': 'ai-input',
  'ai-index': 'ai-index',
  search: 'search',
};

// What the fixture's words mean in statements: conditions are written
// `kind:value` (license-server:URL, payment:TYPE, amount:N CUR, geo:FR,DE).
function expectedConditions(c: RslCase, expectation: string): string[] {
  const geo = /^conditional\((\w+)=(.*)\)$/.exec(expectation);
  if (geo) return [`${geo[1]}:${geo[2]}`];
  if (expectation === 'allow-with-license') {
    const out = [`license-server:${c.licenseServer}`];
    if (c.payment) out.push(`payment:${c.payment.type}`, `amount:${c.payment.amount} ${c.payment.currency}`);
    return out;
  }
  if (expectation === 'allow-with-conditions') return (c.conditions ?? []).map((x) => `payment:${x}`);
  return [];
}

describe('fixtures/rsl/expected.json', () => {
  test.each(cases)('$file $url', (c) => {
    const doc = parseRsl(fixture(`rsl/${c.file}`), {
      url: 'https://publisher.example/license.xml',
      target: c.url,
    });
    if (c.error) {
      expect(doc.valid).toBe(false);
      expect(doc.statements).toEqual([]);
      expect(doc.diagnostics.map((d) => d.code)).toEqual(['rsl.not-rsl']);
      return;
    }
    expect(doc.valid).toBe(true);
    if (c.entry) expect(doc.match?.content.url).toBe(c.entry);
    for (const [key, category] of Object.entries(CATEGORY)) {
      const expectation = c[key] as string | undefined;
      if (expectation === undefined) continue;
      const about = doc.statements.filter((s) => s.category === category);
      if (expectation === 'disallow' || expectation === 'allow') {
        expect(verdict(about, category), key).toBe(expectation);
      } else if (expectation === 'not-granted' || expectation === 'unknown') {
        expect(about, key).toEqual([]);
        expect(doc.match?.notGranted.includes(category), key).toBe(expectation === 'not-granted');
      } else {
        // An allow that binds only on conditions: decide() does not count it as an allow.
        expect(
          about.map((s) => s.value),
          key,
        ).toEqual(['allow']);
        expect(about[0]!.conditions, key).toEqual(expect.arrayContaining(expectedConditions(c, expectation)));
        expect(verdict(about, category), key).toBe('unknown');
      }
    }
    for (const s of doc.statements) StatementSchema.parse(s);
  });
});

describe('rslTerms: a document parsed once, read for many URLs', () => {
  const targets = [...new Set(cases.flatMap((c) => (c.url ? [c.url] : [])))];

  test.each(cases.filter((c) => !c.error))(
    '$file: every fixture URL reads as parseRsl with that target',
    (c) => {
      const url = 'https://publisher.example/license.xml';
      const doc = parseRsl(fixture(`rsl/${c.file}`), { url });
      expect(doc.url).toBe(url);
      expect(doc.statements).toEqual([]);
      for (const target of targets) {
        const once = parseRsl(fixture(`rsl/${c.file}`), { url, target });
        const terms = rslTerms(doc, target);
        expect(terms.statements, target).toEqual(once.statements);
        expect(terms.match, target).toEqual(once.match);
        expect([...doc.diagnostics, ...terms.diagnostics], target).toEqual(once.diagnostics);
      }
    },
  );
});

describe('SIGNALS §6.3 worked examples', () => {
  test('#1 permits search, prohibits ai-train: evidence names the element, line and content pattern', () => {
    const doc = parseRsl(fixture('rsl/prohibit-train.xml'), {
      url: 'https://p.example/license.xml',
      target: 'https://p.example/a',
    });
    expect(doc.statements.find((s) => s.value === 'disallow')).toEqual({
      category: 'train-ai',
      value: 'disallow',
      source: 'rsl',
      scope: {},
      label: 'ai-train',
      evidence: {
        raw: '<prohibits type="usage">ai-train</prohibits>',
        pattern: '/',
        url: 'https://p.example/license.xml',
        line: 7,
      },
    });
  });

  test('#2 ai-all expands to train-ai, ai-input and ai-index', () => {
    const doc = parseRsl(fixture('rsl/multi-content.xml'), { target: '/blog/x' });
    expect(doc.statements.map((s) => s.category)).toEqual(['train-ai', 'ai-input', 'ai-index']);
  });

  test('#5 XML without the RSL namespace is invalid', () => {
    const doc = parseRsl('<rsl><content url="/"/></rsl>', { target: '/' });
    expect(doc.valid).toBe(false);
    expect(doc.diagnostics[0]!.message).toMatch(/not rsl in https:\/\/rslstandard.org\/rsl/);
  });
});

describe('RSL reading', () => {
  const doc = (body: string, target = 'https://s.example/a') =>
    parseRsl(`<rsl xmlns="https://rslstandard.org/rsl">${body}</rsl>`, { target });

  test('the guide spelling train-ai is accepted like ai-train', () => {
    const { statements } = doc(
      '<content url="/"><license><prohibits type="usage">train-ai</prohibits></license></content>',
    );
    expect(verdict(statements, 'train-ai')).toBe('disallow');
  });

  test('prohibits wins over permits in the same licence', () => {
    const { statements } = doc(
      '<content url="/"><license><permits type="usage">all</permits><prohibits type="usage">ai-train</prohibits></license></content>',
    );
    expect(verdict(statements, 'train-ai')).toBe('disallow');
    expect(verdict(statements, 'search')).toBe('allow');
  });

  test('tokens may be separated by commas or whitespace', () => {
    const { statements } = doc(
      '<content url="/"><license><prohibits type="usage">search ai-input,ai-index</prohibits></license></content>',
    );
    expect(statements.map((s) => s.category)).toEqual(['search', 'ai-input', 'ai-index']);
  });

  test('legacy and unknown tokens are warned about', () => {
    const { statements, diagnostics } = doc(
      '<content url="/"><license><prohibits type="usage">tdm, everything</prohibits></license></content>',
    );
    expect(statements.map((s) => s.category)).toEqual(['tdm']);
    expect(diagnostics.map((d) => d.code)).toEqual(['rsl.legacy-token', 'rsl.unknown-token']);
  });

  test('a prefixed RSL namespace is resolved by URI, not by prefix', () => {
    const { statements, valid } = parseRsl(
      '<r:rsl xmlns:r="https://rslstandard.org/rsl"><r:content url="/"><r:license><r:prohibits type="usage">search</r:prohibits></r:license></r:content></r:rsl>',
      { target: '/x' },
    );
    expect(valid).toBe(true);
    expect(verdict(statements, 'search')).toBe('disallow');
  });

  test('a full-URL content entry binds its origin only', () => {
    const body =
      '<content url="https://other.example/"><license><prohibits type="usage">all</prohibits></license></content>';
    expect(doc(body).statements).toEqual([]);
    expect(doc(body, 'https://other.example/x').statements).toHaveLength(5);
  });

  test('payment type free and no server: a plain allow', () => {
    const { statements } = doc(
      '<content url="/"><license><permits type="usage">search</permits><payment type="free"/></license></content>',
    );
    expect(statements[0]!.conditions).toBeUndefined();
  });

  test('no matching content: no statements and no match', () => {
    const result = doc(
      '<content url="/only/"><license><prohibits type="usage">all</prohibits></license></content>',
    );
    expect(result.statements).toEqual([]);
    expect(result.match).toBeUndefined();
  });

  test('malformed XML is an error, not an exception', () => {
    const result = parseRsl('<rsl xmlns="https://rslstandard.org/rsl"><content>', { target: '/' });
    expect(result.valid).toBe(false);
    expect(result.diagnostics[0]!.code).toBe('rsl.malformed');
  });

  test('an unclosed processing instruction (found by fast-check) is an error, not an exception', () => {
    const result = parseRsl('<?1.0" encoding="UTF-8"?>\n<rsl xmlns="https://rslstandard.org/rsl"/>', {
      target: '/',
    });
    expect(result.valid).toBe(false);
    expect(result.diagnostics[0]!.code).toBe('rsl.malformed');
  });

  test('without a target the document is parsed but no statements are made', () => {
    const result = parseRsl(fixture('rsl/multi-content.xml'));
    expect(result.contents.map((c) => c.url)).toEqual([
      '/',
      '/press/*',
      'https://publisher.example/open/',
      '/eu-only/',
    ]);
    expect(result.contents[1]!.server).toBe('https://license.publisher.example/api');
    expect(result.statements).toEqual([]);
  });
});
