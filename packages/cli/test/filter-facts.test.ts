// Facts a filter run derives from a decision are cached per shared template:
// they must equal what the decision itself says, whatever its URL.
import { type Decision, decide, type Statement } from '@optout/core';
import { describe, expect, test } from 'vitest';
import { decisionLine, factsOf } from '../src/lib/filter/facts.js';

const disallow: Statement = {
  category: 'crawl',
  value: 'disallow',
  source: 'robots',
  scope: {},
  evidence: { raw: 'Disallow: /', line: 2, retrievedAt: '2026-01-01T00:00:00.000Z' },
};

// A template as the gate shares it: frozen statements and errors, copied per URL.
function template(statements: Statement[], errors: Decision['errors'] = []): Decision {
  const decision = decide({ url: '', agent: 'Bot', purpose: 'train-ai', statements, errors });
  Object.freeze(decision.statements);
  Object.freeze(decision.errors);
  return decision;
}

describe('filter decision facts', () => {
  test('decisionLine equals JSON.stringify for every URL of a shared template, escapes included', () => {
    const shared = template([disallow], [{ source: 'tdmrep.file', code: 'OPTOUT_ERR_FETCH', message: 'x' }]);
    for (const url of ['https://a.example/1', 'https://a.example/"q"\\', 'https://a.example/é\u2028']) {
      const decision = { ...shared, url };
      expect(decisionLine(decision)).toBe(JSON.stringify(decision) + '\n');
    }
  });

  test('facts name the first deciding signal, the error keys and the retrieval time', () => {
    const facts = factsOf({
      ...template([disallow], [{ source: 'aitxt', code: 'E', message: 'm' }]),
      url: 'u',
    });
    expect(facts).toMatchObject({
      signal: 'robots',
      errorKeys: ['aitxt: E'],
      retrievedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(factsOf({ ...template([]), url: 'u' }).signal).toBe('default');
  });

  test('a decision sharing a statements array but differing elsewhere is not given the cached facts', () => {
    const shared = template([disallow]);
    const first = { ...shared, url: 'a' };
    expect(decisionLine(first)).toBe(JSON.stringify(first) + '\n');
    const other = { ...shared, url: 'b', allowed: !shared.allowed };
    expect(decisionLine(other)).toBe(JSON.stringify(other) + '\n');
  });
});
