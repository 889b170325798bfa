// The groups selected for one product token, and what the query functions share.
import type { CompiledRobots, Group } from './compile.js';
import type { ResolvedOptions } from './options.js';
import type { Rule, RuleSet } from './rules.js';

/** The groups that apply to one product token, merged, with their rules in decision order. */
export interface Selection {
  groups: readonly Group[];
  /** True when groups name the token; false when the `*` groups (or none) apply. */
  named: boolean;
  rules: RuleSet;
}

/** What statement builders need from a parsed file. */
export interface RobotsContext {
  readonly compiled: CompiledRobots;
  readonly options: ResolvedOptions;
  select(productToken: string): Selection;
  /** The deciding rule for a normalised target; `null` for `/robots.txt` (always allowed). */
  decidingRule(target: string, selection: Selection): Rule | null | undefined;
}

/** A sentence saying why the rule (or its absence) decides. */
export function reasonFor(rule: Rule | null | undefined, selection: Selection): string {
  if (rule === null) return '/robots.txt is always allowed (RFC 9309 section 2.2.2)';
  if (rule) {
    return `${rule.kind === 'allow' ? 'Allow' : 'Disallow'} "${rule.pattern}" (line ${rule.line}) is the longest matching rule`;
  }
  return selection.groups.length === 0 ? 'no group applies' : 'no rule matches';
}
