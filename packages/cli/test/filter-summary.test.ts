// The run summary counts every URL by origin as written in the input (up to
// the first `/` after `//`); per-template shortcuts must give the same counts
// as counting each URL on its own.
import { type Decision, decide, type Statement } from '@optout/core';
import { describe, expect, test } from 'vitest';
import { addDecision, newSummary, topOrigins } from '../src/lib/filter/summary.js';

function statement(retrievedAt: string): Statement {
  return {
    category: 'crawl',
    value: 'disallow',
    source: 'robots',
    scope: {},
    evidence: { raw: 'Disallow: /private/', line: 2, retrievedAt },
  };
}

// A template as the gate shares it: frozen statements and errors, copied per URL.
function template(statements: Statement[]): Decision {
  const decision = decide({ url: '', agent: 'Bot', purpose: 'train-ai', statements, errors: [] });
  Object.freeze(decision.statements);
  Object.freeze(decision.errors);
  return decision;
}

/** Origin counts worked out URL by URL, the way the summary defines them. */
function expectedCounts(urls: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const url of urls) {
    const slash = url.indexOf('/', url.indexOf('//') + 2);
    const origin = slash < 0 ? url : url.slice(0, slash);
    counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  return counts;
}

describe('filter summary', () => {
  test('origins are counted exactly when one template serves hosts and ports that extend each other', () => {
    const shared = template([statement('2026-01-01T00:00:00.000Z')]);
    const urls = [
      'http://a.test/1',
      'http://a.test.x/1',
      'http://a.test/2',
      'http://a.test:8/1',
      'http://a.test:80/1',
      'http://a.test:8/2',
      'HTTP://A.test/3',
      'http://a.test.x/2',
      'http://a.test?q',
      'http://a.test//double',
    ];
    const state = newSummary('Bot', 'train-ai');
    for (const url of urls) addDecision(state, { ...shared, url });
    const counted = new Map(topOrigins(state, 100).map((o) => [o.origin, o.urls]));
    expect(counted).toEqual(expectedCounts(urls));
    expect(state.total).toBe(urls.length);
  });

  test('the retrieval range spans every template, whatever order its URLs come in', () => {
    const early = template([statement('2026-01-01T00:00:00.000Z')]);
    const late = template([statement('2026-03-01T00:00:00.000Z')]);
    const middle = template([statement('2026-02-01T00:00:00.000Z')]);
    const state = newSummary('Bot', 'train-ai');
    for (const [t, url] of [
      [middle, 'https://m.test/1'],
      [late, 'https://l.test/1'],
      [middle, 'https://m.test/2'],
      [early, 'https://e.test/1'],
      [late, 'https://l.test/2'],
    ] as const)
      addDecision(state, { ...t, url });
    expect(state.retrievedFrom).toBe('2026-01-01T00:00:00.000Z');
    expect(state.retrievedTo).toBe('2026-03-01T00:00:00.000Z');
  });

  test('counts stay exact for origins counted before and after the origin table is pruned', () => {
    const shared = template([statement('2026-01-01T00:00:00.000Z')]);
    const state = newSummary('Bot', 'train-ai');
    // The big origin's URLs come before and after 20,000 one-URL origins force a prune.
    for (let i = 0; i < 5; i++) addDecision(state, { ...shared, url: `https://big.test/${i}` });
    for (let i = 0; i < 20_000; i++) addDecision(state, { ...template([]), url: `https://o${i}.test/` });
    for (let i = 0; i < 5; i++) addDecision(state, { ...shared, url: `https://big.test/${i}` });
    expect(topOrigins(state, 1)[0]).toEqual({ origin: 'https://big.test', urls: 10, kept: 0, excluded: 10 });
  });

  test('a resumed summary (read back from JSON) keeps counting the same origins', () => {
    const shared = template([statement('2026-01-01T00:00:00.000Z')]);
    const first = newSummary('Bot', 'train-ai');
    for (let i = 0; i < 3; i++) addDecision(first, { ...shared, url: `https://a.test/${i}` });
    const resumed = JSON.parse(JSON.stringify(first));
    for (let i = 3; i < 5; i++) addDecision(resumed, { ...shared, url: `https://a.test/${i}` });
    expect(topOrigins(resumed, 1)[0]).toMatchObject({ origin: 'https://a.test', urls: 5 });
    // The first summary is left as it was.
    expect(topOrigins(first, 1)[0]).toMatchObject({ origin: 'https://a.test', urls: 3 });
  });
});
