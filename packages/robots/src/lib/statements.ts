// Statements (core's model) from a robots.txt file for one URL and token.
import { type Evidence, findAgent, type Scope, type Statement } from '@optout/core';
import {
  type AppliedPreference,
  type PreferenceLine,
  resolvePerKey,
  resolveWholeLine,
} from './preferences.js';
import type { Rule } from './rules.js';
import { type RobotsContext, reasonFor, type Selection } from './selection.js';

// What was selected for this token binds this token: a `*` group applies to
// it only because no group names it.
function scopeFor(productToken: string): Scope {
  return productToken === '' ? {} : { agents: [productToken] };
}

function evidence(robots: RobotsContext, raw: string, line?: number, pattern?: string): Evidence {
  const result: Evidence = { raw };
  if (robots.options.url !== undefined) result.url = robots.options.url;
  if (line !== undefined) result.line = line;
  if (pattern !== undefined) result.pattern = pattern;
  return result;
}

/** The `crawl` statement: the deciding Allow/Disallow line, or a note saying why nothing decided. */
export function crawlStatement(
  robots: RobotsContext,
  productToken: string,
  selection: Selection,
  rule: Rule | null | undefined,
): Statement {
  const statement: Statement = {
    category: 'crawl',
    value: !rule || rule.kind === 'allow' ? 'allow' : 'disallow',
    source: 'robots',
    scope: scopeFor(productToken),
    evidence: rule ? evidence(robots, rule.raw, rule.line, rule.pattern) : evidence(robots, ''),
  };
  if (!rule) statement.note = reasonFor(rule, selection);
  return statement;
}

function fromPreference(
  robots: RobotsContext,
  source: 'robots.content-usage' | 'robots.content-signal',
  scope: Scope,
  applied: AppliedPreference,
  note?: string,
): Statement {
  const { preference, line } = applied;
  const statement: Statement = {
    category: preference.category,
    value: preference.value,
    source,
    scope,
    evidence: evidence(robots, line.raw, line.line, line.path),
    label: preference.label,
  };
  if (note) statement.note = note;
  return statement;
}

/** The preference lines that bind a selection: its groups' lines, else the site-wide Content-Signal lines. */
export interface PreferenceLines {
  usage: readonly PreferenceLine[];
  signals: readonly PreferenceLine[];
  /** The signals are the site-wide lines outside any group. */
  siteWide: boolean;
}

/** The Content-Usage and Content-Signal lines that apply to a selection. */
export function preferenceLines(robots: RobotsContext, selection: Selection): PreferenceLines {
  const usage = selection.groups.flatMap((group) => group.contentUsage);
  const signals = selection.groups.flatMap((group) => group.contentSignal);
  if (signals.length === 0 && robots.compiled.siteSignals.length > 0) {
    return { usage, signals: robots.compiled.siteSignals, siteWide: true };
  }
  return { usage, signals, siteWide: false };
}

/** Content-Usage and Content-Signal statements of the selected groups, for a crawlable target. */
export function preferenceStatements(
  robots: RobotsContext,
  productToken: string,
  selection: Selection,
  target: string,
): Statement[] {
  const scope = scopeFor(productToken);
  const lines = preferenceLines(robots, selection);
  const usage = resolveWholeLine(lines.usage, target);
  const out = usage.map((applied) => fromPreference(robots, 'robots.content-usage', scope, applied));
  const note = lines.siteWide
    ? 'site-wide Content-Signal line outside any group (the selected group has none)'
    : undefined;
  for (const applied of resolvePerKey(lines.signals, target)) {
    out.push(fromPreference(robots, 'robots.content-signal', note ? {} : scope, applied, note));
  }
  return out;
}

// The rule disallowing the target for a training or control token, if any.
function trainingDisallow(robots: RobotsContext, token: string, target: string): Rule | undefined {
  const selection = robots.select(token);
  const rule = robots.decidingRule(target, selection);
  return selection.named && rule?.kind === 'disallow' ? rule : undefined;
}

function governs(token: string, caller: string): boolean {
  return !!findAgent(token)?.governs?.some((crawler) => crawler.toLowerCase() === caller);
}

/**
 * The training and control tokens whose Disallow rules can infer `train-ai`
 * statements for this token: all of them with `'any-training-token'`, the
 * token itself and the vendors governing it with `'vendor'`, none with `'none'`.
 */
export function inferenceTokens(robots: RobotsContext, productToken: string): string[] {
  const mode = robots.options.robotsInference;
  if (mode === 'none') return [];
  const tokens = robots.compiled.trainingTokens;
  if (mode === 'any-training-token') return tokens;
  const caller = productToken.toLowerCase();
  return tokens.filter((token) => token.toLowerCase() === caller || governs(token, caller));
}

/**
 * `train-ai` disallows inferred from Disallow rules aimed at training-class and
 * control tokens (SIGNALS 3.2), per the `robotsInference` option.
 */
export function inferredStatements(robots: RobotsContext, productToken: string, target: string): Statement[] {
  const tokens = inferenceTokens(robots, productToken);
  if (tokens.length === 0) return [];
  if (robots.options.robotsInference === 'any-training-token') {
    const hits = tokens.flatMap((token) => {
      const rule = trainingDisallow(robots, token, target);
      return rule ? [{ token, rule }] : [];
    });
    const first = hits[0];
    if (!first) return [];
    return [
      {
        category: 'train-ai',
        value: 'disallow',
        source: 'robots.inferred',
        scope: {},
        evidence: evidence(robots, first.rule.raw, first.rule.line, first.rule.pattern),
        label: first.token,
        inferred: true,
        note: `robotsInference "any-training-token": this URL is disallowed for ${hits.map((h) => h.token).join(', ')}`,
      },
    ];
  }
  const out: Statement[] = [];
  for (const token of tokens) {
    const rule = trainingDisallow(robots, token, target);
    if (!rule) continue;
    out.push({
      category: 'train-ai',
      value: 'disallow',
      source: 'robots.inferred',
      scope: { agents: [token, ...(findAgent(token)?.governs ?? [])] },
      evidence: evidence(robots, rule.raw, rule.line, rule.pattern),
      label: token,
      inferred: true,
      note: `a Disallow for ${token} (${findAgent(token)?.purpose === 'control-token' ? 'control token' : 'training crawler'}) is read as a reservation against AI training by that vendor`,
    });
  }
  return out;
}
