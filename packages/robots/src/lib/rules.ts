// Allow/Disallow rules and the longest-match decision (RFC 9309 section 2.2.2).
import {
  cleanTargetMask,
  compilePattern,
  NEEDS_NORMALIZING,
  normalizeTarget,
  type PathPattern,
  PatternSet,
  pathAndQuery,
} from '@optout/core';
import type { LineView } from './tokenize.js';

/**
 * One Allow or Disallow line. It keeps offsets into the file's text, not
 * strings, so a 500 KiB file of rules stays small; its pattern is compiled the
 * first time a query needs it.
 */
export class Rule {
  compiled?: PathPattern;

  constructor(
    private readonly text: string,
    readonly line: number,
    /** Index of the group the rule belongs to. */
    readonly group: number,
    readonly kind: 'allow' | 'disallow',
    private readonly start: number,
    private readonly end: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    /** A pattern derived from the line rather than written in it (the `index.html` leniency). */
    private readonly derived?: string,
  ) {}

  /** The pattern. */
  get pattern(): string {
    return this.derived ?? this.text.slice(this.valueStart, this.valueEnd);
  }

  /** The whole line as written. */
  get raw(): string {
    return this.text.slice(this.start, this.end);
  }
}

/** The one path no rule decides: RFC 9309 section 2.2.2 always allows it. */
export const ROBOTS_PATH = '/robots.txt';
/** The rule index `RulePatterns.key` gives ROBOTS_PATH. */
export const ROBOTS_TXT_KEY = -2;

/**
 * The patterns of a rule set, in decision order, which also key URLs by
 * their deciding rule. When only the crawl rule varies a token's statements,
 * this is the token's statement keyer itself: a caller keying URLs of many
 * files then reads one object per file, not a keyer and its patterns.
 */
export class RulePatterns extends PatternSet {
  /**
   * The index of the deciding rule for a URL (absolute, or a path): -1 when
   * none matches, ROBOTS_TXT_KEY for /robots.txt. `mask` saves a scan when
   * the caller has it: `cleanTargetMask` of the path and query, or of it with
   * the fragment still on (a mask covering more characters is still a safe filter).
   */
  key(url: string | URL, mask = NEEDS_NORMALIZING): number {
    const path = pathAndQuery(url);
    const clean = mask === NEEDS_NORMALIZING ? cleanTargetMask(path) : mask;
    if (clean === NEEDS_NORMALIZING) {
      const target = normalizeTarget(path);
      return target === ROBOTS_PATH ? ROBOTS_TXT_KEY : this.firstMatch(target);
    }
    return path === ROBOTS_PATH ? ROBOTS_TXT_KEY : this.firstMatch(path, clean);
  }
}

/** The rules of the groups selected for one token, ready to match. */
export interface RuleSet {
  /** Deduplicated, in decision order: the first that matches decides. */
  readonly rules: readonly Rule[];
  readonly patterns: RulePatterns;
}

/** Record the rule on `line` (a view the tokenizer reuses: only its offsets are kept). */
export function makeRule(line: LineView, group: number, kind: Rule['kind'], derived?: string): Rule {
  const { text, number, start, end, valueStart, valueEnd } = line;
  return new Rule(text, number, group, kind, start, end, valueStart, valueEnd, derived);
}

function compiled(rule: Rule): PathPattern {
  rule.compiled ??= compilePattern(rule.pattern);
  return rule.compiled;
}

/**
 * Order rules so the first one that matches is the answer: longest normalised
 * pattern first, Allow before Disallow at equal length (the least strict rule
 * wins a tie), then file order. Identical (kind, pattern) pairs are kept once:
 * RFC 9309 section 2.2.2 lets duplicates be dropped, and a crafted file of
 * thousands of copies then costs one comparison.
 */
export function compileRules(all: readonly Rule[]): RuleSet {
  const seen = new Set<string>();
  const rules: Rule[] = [];
  for (const rule of all) {
    const key = rule.kind[0] + compiled(rule).normalized;
    if (seen.has(key)) continue;
    seen.add(key);
    rules.push(rule);
  }
  rules.sort(
    (a, b) =>
      b.compiled!.length - a.compiled!.length ||
      (a.kind === b.kind ? 0 : a.kind === 'allow' ? -1 : 1) ||
      a.line - b.line,
  );
  return { rules, patterns: new RulePatterns(rules.map(compiled)) };
}

/** The deciding rule for a normalised target, or undefined when none matches. Allocates nothing. */
export function firstMatch(set: RuleSet, target: string): Rule | undefined {
  const index = set.patterns.firstMatch(target);
  return index < 0 ? undefined : set.rules[index];
}
