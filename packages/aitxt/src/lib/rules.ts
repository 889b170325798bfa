import { compilePattern, type Diagnostic, type PathPattern } from '@optout/core';
import type { FieldLine } from './lines.js';

/** One Allow or Disallow line, compiled. */
export interface Rule {
  directive: 'allow' | 'disallow';
  /** The value as written (`*.jpg`). */
  value: string;
  /** The pattern as matched (`/*.jpg`). */
  pattern: PathPattern;
  /** Same pattern lower-cased, for case-insensitive extension matching; absent when not an extension glob. */
  folded?: PathPattern;
  line: number;
  raw: string;
}

/** Rules that apply to a set of product tokens (`*` for everyone). */
export interface Group {
  agents: string[];
  rules: Rule[];
  /** Line of the first User-Agent line; absent for rules written before any group. */
  line?: number;
}

// `*.ext` (and the same with `$`): a glob on the file extension, the form
// Spawning's generator writes for every category.
const EXTENSION_GLOB = /^\/\*\.[^/*]+\$?$/;

/**
 * Turn an ai.txt value into a robots.txt pattern: `*.jpg` becomes `/*.jpg`, a
 * bare `*` becomes `/` (match everything), other values without a leading
 * slash get one.
 */
export function toPattern(value: string): string {
  if (/^\*+$/.test(value)) return '/';
  return value.startsWith('/') ? value : '/' + value;
}

function compileRule(line: FieldLine, diagnostics: Diagnostic[]): Rule | undefined {
  if (line.value === '') return undefined; // An empty rule matches nothing (RFC 9309).
  const source = toPattern(line.value);
  if (!line.value.startsWith('/') && !line.value.startsWith('*')) {
    diagnostics.push({
      code: 'aitxt.relative-pattern',
      severity: 'warning',
      message: `Pattern "${line.value}" starts with neither "/" nor "*"; read as "${source}".`,
      line: line.line,
      raw: line.raw,
    });
  }
  const rule: Rule = {
    directive: line.field as Rule['directive'],
    value: line.value,
    pattern: compilePattern(source),
    line: line.line,
    raw: line.raw,
  };
  if (EXTENSION_GLOB.test(source)) rule.folded = compilePattern(source.toLowerCase());
  return rule;
}

/**
 * Group rules as robots.txt does: consecutive User-Agent lines open a group,
 * the rules after them belong to it. Rules before any User-Agent line are kept
 * in a group for everyone (with a warning): hand-written ai.txt files often
 * omit the line, and ignoring their opt-out would read a reservation as none.
 */
export function buildGroups(lines: readonly FieldLine[], diagnostics: Diagnostic[]): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  let collectingAgents = false;
  for (const line of lines) {
    if (line.field === 'user-agent') {
      if (!collectingAgents || !current) {
        current = { agents: [], rules: [], line: line.line };
        groups.push(current);
      }
      current.agents.push(line.value);
      collectingAgents = true;
      continue;
    }
    if (line.field !== 'allow' && line.field !== 'disallow') {
      diagnostics.push({
        code: 'aitxt.unknown-field',
        severity: 'info',
        message: `Field "${line.field}" is not part of ai.txt and is ignored.`,
        line: line.line,
        raw: line.raw,
      });
      continue;
    }
    collectingAgents = false;
    if (!current) {
      diagnostics.push({
        code: 'aitxt.rule-outside-group',
        severity: 'warning',
        message: 'Rule before any User-Agent line; applied to every agent.',
        line: line.line,
        raw: line.raw,
      });
      current = { agents: ['*'], rules: [] };
      groups.push(current);
    }
    const rule = compileRule(line, diagnostics);
    if (rule) current.rules.push(rule);
  }
  return groups;
}

/** Rules by product token, selected as robots.txt does. */
export interface RuleIndex {
  /** Lower-cased token of a named group → its merged rules. */
  named: Map<string, { agent: string; rules: Rule[] }>;
  /** The `*` groups, merged. */
  star: Rule[];
}

/** Index the groups once, so each lookup only picks a list. */
export function indexGroups(groups: readonly Group[]): RuleIndex {
  const index: RuleIndex = { named: new Map(), star: [] };
  for (const group of groups) {
    for (const agent of group.agents) {
      if (agent === '*') {
        index.star.push(...group.rules);
        continue;
      }
      const key = agent.toLowerCase();
      const entry = index.named.get(key) ?? { agent, rules: [] };
      entry.rules.push(...group.rules);
      index.named.set(key, entry);
    }
  }
  return index;
}

/**
 * The rules for a product token: every group naming it (case-insensitive),
 * merged; otherwise every `*` group, merged; otherwise none.
 */
export function selectRules(
  index: RuleIndex,
  token: string | undefined,
): { agents: string[]; rules: Rule[] } {
  const named = token === undefined ? undefined : index.named.get(token.toLowerCase());
  return named ? { agents: [named.agent], rules: named.rules } : { agents: ['*'], rules: index.star };
}
