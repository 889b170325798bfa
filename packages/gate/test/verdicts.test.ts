// The compiled per-origin verdicts must give exactly the decision that
// decide() gives over the origin's statements, whatever shortcut they take.
import { createHash } from 'node:crypto';
import { cleanTargetMask, decide } from '@optout/core';
import { describe, expect, test } from 'vitest';
import type { Retrieval } from '../src/lib/http.js';
import {
  aiTxtOf,
  compilePolicy,
  type OriginPolicy,
  originStatements,
  type PolicyRules,
  robotsOf,
} from '../src/lib/policy.js';
import { SharedMatchers } from '../src/lib/shared-matchers.js';
import { POLICY_RECORD_VERSION } from '../src/lib/stores/types.js';
import { Verdicts } from '../src/lib/verdicts.js';

const ORIGIN = 'https://site.example';

function file(
  name: Retrieval['file'],
  path: string,
  status: number,
  body?: string,
  origin = ORIGIN,
): Retrieval {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  return {
    id: name,
    file: name,
    url: origin + path,
    finalUrl: origin + path,
    redirects: [],
    status,
    headers: {},
    retrievedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    bytes: body?.length ?? 0,
    truncated: false,
    ...(body !== undefined ? { body: new TextEncoder().encode(body), sha256: sha256(body) } : {}),
  };
}

const FILES: Record<string, Retrieval[]> = {
  'robots.txt absent': [file('robots', '/robots.txt', 404)],
  'robots.txt unreachable': [file('robots', '/robots.txt', 503)],
  'plain rules': [
    file('robots', '/robots.txt', 200, 'User-agent: *\nDisallow: /a\nAllow: /a/b\nDisallow: /*.pdf$\n'),
  ],
  'named group for the token': [
    file('robots', '/robots.txt', 200, 'User-agent: *\nDisallow: /\n\nUser-agent: TestBot\nDisallow: /x\n'),
  ],
  'training tokens named (inference)': [
    file('robots', '/robots.txt', 200, 'User-agent: GPTBot\nDisallow: /gpt\n\nUser-agent: *\nDisallow: /a\n'),
  ],
  'content-usage lines': [
    file(
      'robots',
      '/robots.txt',
      200,
      'User-agent: *\nDisallow: /a\nContent-Usage: train-ai=n\nContent-Usage: /b/ train-ai=y\n',
    ),
  ],
  'tdmrep.json with robots.txt': [
    file('robots', '/robots.txt', 200, 'User-agent: *\nDisallow: /a\n'),
    file(
      'tdmrep',
      '/.well-known/tdmrep.json',
      200,
      JSON.stringify([
        { location: '/b/*', 'tdm-reservation': 1 },
        { location: '/a/b', 'tdm-reservation': 0 },
        { location: '/*', 'tdm-reservation': 0 },
      ]),
    ),
  ],
  // More distinct tdmrep.json rules than a numeric verdict key tells apart: the later ones take string keys.
  'tdmrep.json with many rules and robots.txt': [
    file('robots', '/robots.txt', 200, 'User-agent: *\nDisallow: /t1/\n'),
    file(
      'tdmrep',
      '/.well-known/tdmrep.json',
      200,
      JSON.stringify(
        Array.from({ length: 10 }, (_, i) => ({ location: `/t${i}/*`, 'tdm-reservation': i % 2 })),
      ),
    ),
  ],
  'tdmrep.json alone': [
    file('robots', '/robots.txt', 404),
    file(
      'tdmrep',
      '/.well-known/tdmrep.json',
      200,
      JSON.stringify([{ location: '/b/*', 'tdm-reservation': 1 }]),
    ),
  ],
  'path-bound and site-wide signals, index.html leniency, a training group': [
    file(
      'robots',
      '/robots.txt',
      200,
      'Content-Signal: ai-train=no\nContent-Signal: /b/ ai-train=yes\n\nUser-agent: *\nAllow: /a/index.html\nDisallow: /a\n\nUser-agent: Google-Extended\nDisallow: /b\n',
    ),
  ],
  'ai.txt and tdmrep.json': [
    file('robots', '/robots.txt', 200, 'User-agent: *\nDisallow: /a\n'),
    file(
      'tdmrep',
      '/.well-known/tdmrep.json',
      200,
      JSON.stringify([{ location: '/b/*', 'tdm-reservation': 1 }]),
    ),
    file('aitxt', '/ai.txt', 200, 'User-Agent: *\nDisallow: *.jpg\n'),
  ],
};

const PATHS = [
  '/',
  '/a',
  '/a/',
  '/a/b',
  '/a/b/c',
  '/b/1.jpg',
  '/doc.pdf',
  '/doc.pdf?x',
  '/x/1',
  '/gpt',
  '/robots.txt',
  '/b/',
  '/c?q=1',
  '/a/index.html',
  '/b/x',
  '/a/b/x',
  ...Array.from({ length: 10 }, (_, i) => `/t${i}/x`),
];

/** A stored record of these retrievals at `origin`. */
const recordOf = (retrievals: Retrieval[], origin = ORIGIN) =>
  ({
    version: POLICY_RECORD_VERSION,
    origin,
    fetchedAt: 0,
    expiresAt: 1,
    failures: 0,
    retrievals,
  }) as const;

/** How the policy reads its files, for TestBot. */
const policyRules = (robots: PolicyRules['robots'] = {}): PolicyRules => ({
  token: 'TestBot',
  robotsAuthDenied: 'unavailable',
  originFileFailure: 'unknown',
  robots,
  tdmrep: 'spec',
});

const VERDICT_RULES = {
  token: 'TestBot',
  purpose: 'train-ai' as const,
  defaultForUnknown: 'allow' as const,
  inheritance: true,
};

/** Every path's verdict at the policy's origin equals decide() over its statements. */
function expectVerdictsDecide(policy: OriginPolicy, verdicts: Verdicts): void {
  // Twice over, so the second round is answered from shared templates.
  for (const path of [...PATHS, ...PATHS]) {
    const url = policy.origin + path;
    const got = verdicts.decision(url, path);
    // With the mask a caller computed, the same decision.
    expect(verdicts.decision(url, path, cleanTargetMask(path)), path).toEqual(got);
    const want = decide({
      url,
      agent: 'TestBot',
      purpose: 'train-ai',
      statements: originStatements(policy, url, 'TestBot'),
      errors: policy.errors,
    });
    const strip = (d: typeof got) => ({
      ...d,
      statements: d.statements.map(({ evidence: { retrievedAt: _r, sha256: _s, ...evidence }, ...s }) => ({
        ...s,
        evidence,
      })),
    });
    expect(strip(got), path).toEqual(strip(want));
  }
}

describe('verdicts equal decide() over the statements', () => {
  for (const inference of ['none', 'vendor', 'any-training-token'] as const) {
    // One set of shared matchers per parse setting, as in a gate: files with
    // other bytes must never be answered by each other's matchers.
    const matchers = new SharedMatchers('TestBot');
    for (const [name, retrievals] of Object.entries(FILES)) {
      test(`${name}, robotsInference ${inference}`, () => {
        const policy = compilePolicy(recordOf(retrievals), policyRules({ robotsInference: inference }));
        expectVerdictsDecide(policy, new Verdicts(policy, VERDICT_RULES, matchers));
      });
    }
  }
});

describe('matchers shared by origins serving the same files', () => {
  const filesAt = (origin: string, robots: string) =>
    compilePolicy(
      recordOf(
        [
          file('robots', '/robots.txt', 200, robots, origin),
          file(
            'tdmrep',
            '/.well-known/tdmrep.json',
            200,
            '[{"location":"/b/*","tdm-reservation":1}]',
            origin,
          ),
        ],
        origin,
      ),
      policyRules(),
    );
  const ROBOTS = 'User-agent: *\nDisallow: /a\nContent-Usage: /b/ train-ai=y\n';

  test('byte-identical files share one matcher; each origin keeps its own evidence', () => {
    const matchers = new SharedMatchers('TestBot');
    const [a, b] = [filesAt('https://a.example', ROBOTS), filesAt('http://b.example:8080', ROBOTS)];
    // The first origin's matchers serve the second.
    const [keyer, tdmrep] = [matchers.robotsKeyer(a), matchers.tdmrep(a)];
    expect(tdmrep).toBe(a.tdmrep);
    expect(matchers.robotsKeyer(b)).toBe(keyer);
    expect(matchers.tdmrep(b)).toBe(tdmrep);
    const verdicts = new Verdicts(b, VERDICT_RULES, matchers);
    expectVerdictsDecide(b, verdicts);
    const urls = verdicts.decision('http://b.example:8080/b/x', '/b/x').statements.map((s) => s.evidence.url);
    expect(urls).toContain('http://b.example:8080/robots.txt');
    expect(urls).toContain('http://b.example:8080/.well-known/tdmrep.json');
    expect(urls.join()).not.toContain('a.example');
  });

  test('files with other bytes get their own matcher', () => {
    const matchers = new SharedMatchers('TestBot');
    const a = filesAt('https://a.example', ROBOTS);
    const c = filesAt('https://c.example', `${ROBOTS}Disallow: /c\n`);
    expect(matchers.robotsKeyer(c)).not.toBe(matchers.robotsKeyer(a));
    expectVerdictsDecide(c, new Verdicts(c, VERDICT_RULES, matchers));
  });

  test('past its byte budget nothing is kept, and each origin uses its own matcher', () => {
    const matchers = new SharedMatchers('TestBot', 64);
    const [a, b] = [filesAt('https://a.example', ROBOTS), filesAt('https://b.example', ROBOTS)];
    expect(matchers.robotsKeyer(b)).not.toBe(matchers.robotsKeyer(a));
    expect(matchers.tdmrep(b)).toBe(b.tdmrep);
  });
});

describe('compilePolicy with files parsed while fetching', () => {
  test('uses the robots.txt and ai.txt parsed while fetching instead of parsing again, and reads the same', () => {
    const retrievals = FILES['ai.txt and tdmrep.json']!;
    const record = recordOf(retrievals);
    const rules = policyRules();
    const text = (file: Retrieval['file']) => {
      const retrieval = retrievals.find((r) => r.file === file)!;
      return [new TextDecoder().decode(retrieval.body), retrieval] as const;
    };
    const parsed = { robots: robotsOf(...text('robots'), rules), aitxt: aiTxtOf(...text('aitxt')) };
    const given = compilePolicy(record, rules, parsed);
    expect(given.robots).toBe(parsed.robots);
    expect(given.aitxt).toBe(parsed.aitxt);
    const fresh = compilePolicy(record, rules);
    expect(fresh.aitxt).not.toBe(parsed.aitxt);
    for (const path of PATHS)
      expect(originStatements(given, ORIGIN + path, 'TestBot')).toEqual(
        originStatements(fresh, ORIGIN + path, 'TestBot'),
      );
  });
});
