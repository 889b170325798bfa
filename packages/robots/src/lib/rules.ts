// Allow/Disallow rules and the longest-match decision (RFC 9309 section 2.2.2).
import { compilePattern, matchesPattern, type PathPattern } from '@optout/core';

/** One Allow or Disallow line, compiled. */
export interface Rule {
  line: number;
  /** Index of the group the rule belongs to. */
  group: number;
  kind: 'allow' | 'disallow';
  /** The pattern as written. */
  pattern: string;
  /** The whole line as written. */
  raw: string;
  compiled: PathPattern;
}

/** Compile a rule line. */
export function makeRule(
  line: number,
  group: number,
  kind: Rule['kind'],
  pattern: string,
  raw: string,
): Rule {
  return { line, group, kind, pattern, raw, compiled: compilePattern(pattern) };
}

/**
 * Order rules so the first one that matches is the answer: longest normalised
 * pattern first, Allow before Disallow at equal length (the least strict rule
 * wins a tie), then file order. Identical (kind, pattern) pairs are kept once:
 * RFC 9309 section 2.2.2 lets duplicates be dropped, and a crafted file of
 * thousands of copies then costs one comparison.
 */
export function orderRules(rules: readonly Rule[]): Rule[] {
  const seen = new Set<string>();
  const unique: Rule[] = [];
  for (const rule of rules) {
    const key = rule.kind[0] + rule.compiled.normalized;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(rule);
  }
  return unique.sort(
    (a, b) =>
      b.compiled.length - a.compiled.length ||
      (a.kind === b.kind ? 0 : a.kind === 'allow' ? -1 : 1) ||
      a.line - b.line,
  );
}

/** The deciding rule for a normalised target, or undefined when none matches. Allocates nothing. */
export function firstMatch(rules: readonly Rule[], target: string): Rule | undefined {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (matchesPattern(rule.compiled, target)) return rule;
  }
  return undefined;
}
