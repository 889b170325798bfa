// The run summary counts every URL by its origin (the URL standard's); counting
// per template and folding in bulk must give the same counts as counting each
// URL on its own.
import { type Decision, decide, type Statement } from '@optout/core';
import { describe, expect, test } from 'vitest';
import { newSummary, type SummaryState, spellingOf, Tally, topOrigins } from '../src/lib/filter/summary.js';

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
    const origin = new URL(url).origin;
    counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  return counts;
}

/** Count the decisions with a fresh tally, folded in: the summary as a run leaves it. */
function summarize(decisions: Decision[], state = newSummary('Bot', 'train-ai')): SummaryState {
  const tally = new Tally(state);
  for (const decision of decisions) tally.add(decision);
  tally.flush();
  return state;
}

describe('filter summary', () => {
  test('origins are counted exactly when one template serves hosts and ports that extend each other, in any spelling', () => {
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
    const state = summarize(urls.map((url) => ({ ...shared, url })));
    const counted = new Map(topOrigins(state, 100).map((o) => [o.origin, o.urls]));
    expect(counted).toEqual(expectedCounts(urls));
    expect(state.total).toBe(urls.length);
  });

  test('the retrieval range spans every template, whatever order its URLs come in', () => {
    const early = template([statement('2026-01-01T00:00:00.000Z')]);
    const late = template([statement('2026-03-01T00:00:00.000Z')]);
    const middle = template([statement('2026-02-01T00:00:00.000Z')]);
    const state = summarize(
      (
        [
          [middle, 'https://m.test/1'],
          [late, 'https://l.test/1'],
          [middle, 'https://m.test/2'],
          [early, 'https://e.test/1'],
          [late, 'https://l.test/2'],
        ] as const
      ).map(([t, url]) => ({ ...t, url })),
    );
    expect(state.retrievedFrom).toBe('2026-01-01T00:00:00.000Z');
    expect(state.retrievedTo).toBe('2026-03-01T00:00:00.000Z');
  });

  test('counts stay exact for origins counted before and after the origin table is pruned', () => {
    const shared = template([statement('2026-01-01T00:00:00.000Z')]);
    // The big origin's URLs come before and after 20,000 one-URL origins force a prune.
    const big = (i: number) => ({ ...shared, url: `https://big.test/${i}` });
    const decisions = [0, 1, 2, 3, 4].map(big);
    for (let i = 0; i < 20_000; i++) decisions.push({ ...template([]), url: `https://o${i}.test/` });
    decisions.push(...[5, 6, 7, 8, 9].map(big));
    const state = summarize(decisions);
    expect(topOrigins(state, 1)[0]).toEqual({ origin: 'https://big.test', urls: 10, kept: 0, excluded: 10 });
  });

  test('a resumed summary (read back from JSON) keeps counting the same origins', () => {
    const shared = template([statement('2026-01-01T00:00:00.000Z')]);
    const first = summarize([0, 1, 2].map((i) => ({ ...shared, url: `https://a.test/${i}` })));
    const resumed = summarize(
      [3, 4].map((i) => ({ ...shared, url: `https://a.test/${i}` })),
      JSON.parse(JSON.stringify(first)),
    );
    expect(topOrigins(resumed, 1)[0]).toMatchObject({ origin: 'https://a.test', urls: 5 });
    // The first summary is left as it was.
    expect(topOrigins(first, 1)[0]).toMatchObject({ origin: 'https://a.test', urls: 3 });
  });

  test('nothing is lost or counted twice when two tallies count URLs of one template in turn', () => {
    const shared = template([statement('2026-01-01T00:00:00.000Z')]);
    const a = new Tally(newSummary('Bot', 'train-ai'));
    const b = new Tally(newSummary('Bot', 'train-ai'));
    a.add({ ...shared, url: 'https://a.test/1' });
    b.add({ ...shared, url: 'https://a.test/2' });
    a.add({ ...shared, url: 'https://a.test/3' });
    b.add({ ...shared, url: 'https://a.test/4' });
    a.flush();
    b.flush();
    for (const { state } of [a, b]) {
      expect(topOrigins(state, 5)).toEqual([{ origin: 'https://a.test', urls: 2, kept: 0, excluded: 2 }]);
      expect(state.bySignal).toEqual({ robots: 2 });
      expect(state.excludedBySignal).toEqual({ robots: 2 });
    }
  });

  test('counts by status, signal and error are those of each URL, whatever the order of templates', () => {
    const errors = [{ source: 'aitxt', code: 'OPTOUT_ERR_FETCH', message: 'down' }];
    const denied = template([statement('2026-01-01T00:00:00.000Z')]);
    const open = decide({ url: '', agent: 'Bot', purpose: 'train-ai', statements: [], errors });
    Object.freeze(open.statements);
    Object.freeze(open.errors);
    const urls = [
      'https://x.test/1',
      'https://y.test/1',
      'https://x.test/2',
      'https://y.test/2',
      'https://y.test/3',
    ];
    const state = summarize(urls.map((url, i) => ({ ...(i % 2 ? open : denied), url })));
    expect(state).toMatchObject({
      total: 5,
      kept: 2,
      excluded: 3,
      byStatus: { disallowed: 3, unknown: 2 },
      bySignal: { robots: 3, default: 2 },
      excludedBySignal: { robots: 3 },
      signalErrors: { 'aitxt: OPTOUT_ERR_FETCH': 2 },
    });
  });

  test('spellingOf tells apart authorities that extend each other and ignores what follows them', () => {
    expect(spellingOf('http://a.test/1')).toBe(spellingOf('http://a.test?q'));
    expect(spellingOf('http://a.test/1')).toBe(spellingOf('http://a.test#f'));
    expect(spellingOf('http://a.test/1')).toBe(spellingOf('http://a.test'));
    for (const other of ['http://a.test.x/1', 'http://a.test:8/1', 'HTTP://A.test/1', 'https://a.test/1'])
      expect(spellingOf(other), other).not.toBe(spellingOf('http://a.test/1'));
  });
});
