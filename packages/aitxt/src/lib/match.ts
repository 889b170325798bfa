import { matchesPattern } from '@optout/core';
import type { Rule } from './rules.js';

/** The rule that decides a target, or none. */
export interface Match {
  rule: Rule;
  /** True when the rule matched only through case-insensitive extension matching. */
  folded: boolean;
}

/**
 * Longest match wins, Allow wins ties (RFC 9309 section 2.2.2). With
 * `caseInsensitive`, extension globs are also tried against the lower-cased
 * target.
 */
export function bestMatch(
  rules: readonly Rule[],
  target: string,
  caseInsensitive: boolean,
): Match | undefined {
  let best: Match | undefined;
  let lowered: string | undefined;
  for (const rule of rules) {
    let folded = false;
    if (!matchesPattern(rule.pattern, target)) {
      if (!caseInsensitive || !rule.folded) continue;
      lowered ??= target.toLowerCase();
      if (!matchesPattern(rule.folded, lowered)) continue;
      folded = true;
    }
    if (!best || beats(rule, best.rule)) best = { rule, folded };
  }
  return best;
}

function beats(rule: Rule, other: Rule): boolean {
  if (rule.pattern.length !== other.pattern.length) return rule.pattern.length > other.pattern.length;
  return rule.directive === 'allow' && other.directive === 'disallow';
}
