import { matchesPattern } from '@optout/core';
import type { Rule } from './rules.js';

/** The deciding rule under each way of comparing extensions. */
export interface Matches {
  /** Case-sensitive (robots.txt) matching. */
  sensitive?: Rule;
  /** Extension globs compared ignoring case; every other rule as above. */
  insensitive?: Rule;
}

/**
 * Longest match wins, Allow wins ties (RFC 9309 section 2.2.2). Both ways of
 * comparing extensions are found in one pass, so a case-only difference can
 * be reported whichever is in force.
 */
export function bestMatches(rules: readonly Rule[], target: string): Matches {
  const out: Matches = {};
  const lowered = target.toLowerCase();
  const foldsTarget = lowered !== target;
  for (const rule of rules) {
    if (matchesPattern(rule.pattern, target)) {
      if (!out.sensitive || beats(rule, out.sensitive)) out.sensitive = rule;
      if (!out.insensitive || beats(rule, out.insensitive)) out.insensitive = rule;
      continue;
    }
    // Ignoring case changes nothing when neither side has an uppercase letter.
    if (!rule.folded || (!foldsTarget && rule.folded.normalized === rule.pattern.normalized)) continue;
    if (matchesPattern(rule.folded, lowered) && (!out.insensitive || beats(rule, out.insensitive))) {
      out.insensitive = rule;
    }
  }
  return out;
}

function beats(rule: Rule, other: Rule): boolean {
  if (rule.pattern.length !== other.pattern.length) return rule.pattern.length > other.pattern.length;
  return rule.directive === 'allow' && other.directive === 'disallow';
}
