// Differential test against robots-parser 3.0.1 on a sample of the real-world
// corpus. Inputs are prepared so the two readings can be compared (see
// `forBaseline`); every remaining disagreement must fall into one of the
// known categories of ROBOTS.md ("Why not robots-parser"), each a place where
// robots-parser departs from RFC 9309 or this library's documented policy.
import { readFileSync } from 'node:fs';
import { parseRobots } from '@optout/robots';
import robotsParserModule from 'robots-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { extractCorpus, hasCorpus } from './corpus.js';

// The package's type declarations describe no callable default export under NodeNext.
interface Baseline {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Baseline;

const ORIGIN = 'https://example.com';
const decoder = new TextDecoder();

/** Lines robots-parser reads as records: only these reach it. */
const RECORD = /^\s*(user-agent|allow|disallow)\s*:/i;

/**
 * robots-parser ends a run of user-agent lines at any other line (ROBOTS.md
 * item 1); keeping only user-agent/allow/disallow lines removes that known
 * difference so the rest can be compared. The same text goes to both parsers.
 */
function forBaseline(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => RECORD.test(line))
    .join('\n');
}

/** Paths to query: each rule made concrete, plus a few common ones. */
function pathsFor(text: string): string[] {
  const paths = new Set(['/', '/index.html', '/search?q=1', '/robots.txt', '/page?']);
  for (const line of text.split('\n')) {
    const match = /^\s*(?:allow|disallow)\s*:\s*([^#\s]+)/i.exec(line);
    if (!match) continue;
    const concrete = match[1]!.replace(/\*/g, 'x').replace(/\$$/, '');
    paths.add(concrete.startsWith('/') ? concrete : '/' + concrete);
    if (paths.size >= 25) break;
  }
  return [...paths];
}

function agentsFor(text: string): string[] {
  const agents = new Set(['somebot']);
  for (const match of text.matchAll(/^\s*user-agent\s*:\s*([^#\r\n]*)/gim)) {
    const value = match[1]!.trim();
    if (value && value !== '*') agents.add(value.toLowerCase().split('/')[0]!.trim());
    if (agents.size >= 6) break;
  }
  return [...agents];
}

const UNSAFE = /[^A-Za-z0-9/._~\-*$?=&:;,+!@()]/;

/** Which known category explains a disagreement, or undefined. */
function categorise(text: string, path: string, agent: string, theirs: Baseline) {
  if (path === '/robots.txt') return 'robots.txt implicitly allowed (RFC 9309 2.2.2)';
  if (path.endsWith('?')) return 'bare "?" kept (robots-parser drops it)';
  const rules = (theirs as unknown as { _rules: Record<string, unknown> })._rules;
  const group = parseRobots(text, { aiLines: 'unknown', lenient: false }).explain(path, agent).group;
  const named = group?.agents.some((value) => value.toLowerCase().split('/')[0]!.trim() === agent);
  if (named && !rules[agent]) return 'empty group: "*" does not apply (RFC 9309 2.1)';
  const valuesNamingAgent = [...text.matchAll(/^\s*user-agent\s*:\s*([^#\r\n]*)/gim)].map((m) =>
    m[1]!.trim(),
  );
  if (
    valuesNamingAgent.some(
      (v) =>
        v.toLowerCase().split('/')[0]!.trim() !== agent &&
        /^[A-Za-z_-]+/.exec(v)?.[0].toLowerCase() === agent,
    )
  ) {
    return 'token policy: prefix of an invalid token';
  }
  const ruleLines = text.split('\n').filter((line) => /^\s*(allow|disallow)\s*:/i.test(line));
  if (
    UNSAFE.test(path) ||
    ruleLines.some((line) =>
      UNSAFE.test(
        line
          .replace(/^\s*\w+\s*:\s*/, '')
          .replace(/#.*/, '')
          .trim(),
      ),
    )
  ) {
    return 'percent-encoding normalisation (RFC 9309 2.2.2)';
  }
  return undefined;
}

describe.skipIf(!hasCorpus)('differential: robots-parser 3.0.1 on every 8th corpus file', () => {
  let corpus: ReturnType<typeof extractCorpus>;
  // Extracting 4,231 files can take a while on a busy machine.
  beforeAll(() => {
    corpus = extractCorpus();
  }, 120_000);
  afterAll(() => corpus?.cleanup());

  test('every disagreement falls into a known category', () => {
    const counts: Record<string, number> = {};
    const unexplained: string[] = [];
    let checks = 0;
    for (const file of corpus.files.filter((_, i) => i % 8 === 0)) {
      const bytes = readFileSync(file);
      if (bytes.length > 512_000) continue; // robots-parser has no size limit; we cut (RFC 9309 2.5)
      const raw = decoder.decode(bytes);
      const text = forBaseline(raw);
      const ours = parseRobots(text, { aiLines: 'unknown', lenient: false });
      const theirs = robotsParser(`${ORIGIN}/robots.txt`, text);
      // The same file unmodified, as each library reads it by default.
      const oursRaw = parseRobots(raw);
      const oursRawPlain = parseRobots(raw, { aiLines: 'unknown', lenient: false });
      const theirsRaw = robotsParser(`${ORIGIN}/robots.txt`, raw);
      for (const agent of agentsFor(text)) {
        for (const path of pathsFor(text)) {
          checks++;
          const url = ORIGIN + path;
          const a = ours.isAllowed(url, agent);
          const b = theirs.isAllowed(url, agent);
          let category: string | undefined;
          if (a !== b) category = categorise(text, path, agent, theirs);
          else if (oursRaw.isAllowed(url, agent) !== theirsRaw.isAllowed(url, agent)) {
            category =
              oursRaw.isAllowed(url, agent) !== oursRawPlain.isAllowed(url, agent)
                ? 'unmodified file: lenient parsing or the aiLines reading'
                : 'unmodified file: robots-parser lets other records end or create groups (RFC 9309 2.2.4)';
          } else continue;
          if (category) counts[category] = (counts[category] ?? 0) + 1;
          else unexplained.push(`${file.split('/').pop()} ${agent} ${path}: ours ${a}, robots-parser ${b}`);
        }
      }
    }
    console.info(`differential: ${checks} checks`, counts);
    expect(checks).toBeGreaterThan(5000);
    expect(unexplained).toEqual([]);
  });
});
