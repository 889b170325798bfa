// Allow/Disallow rules and the longest-match decision (RFC 9309 section 2.2.2).
import { compilePattern, type PathPattern, PatternSet } from '@optout/core';

/** One Allow or Disallow line as written. Its pattern is compiled when a query first needs it. */
export interface Rule {
  line: number;
  /** Index of the group the rule belongs to. */
  group: number;
  kind: 'allow' | 'disallow';
  /** The pattern as written. */
  pattern: string;
  /** The whole line as written. */
  raw: string;
  compiled?: PathPattern;
}

/** The rules of the groups selected for one token, ready to match. */
export interface RuleSet {
  /** Deduplicated, in decision order: the first that matches decides. */
  readonly rules: readonly Rule[];
  readonly patterns: PatternSet;
}

/** Record a rule line. */
export function makeRule(
  line: number,
  group: number,
  kind: Rule['kind'],
  pattern: string,
  raw: string,
): Rule {
  return { line, group, kind, pattern, raw };
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
  return { rules, patterns: new PatternSet(rules.map(compiled)) };
}

/** The deciding rule for a normalised target, or undefined when none matches. Allocates nothing. */
export function firstMatch(set: RuleSet, target: string): Rule | undefined {
  const index = set.patterns.firstMatch(target);
  return index < 0 ? undefined : set.rules[index];
}
