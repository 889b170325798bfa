// A cheap identity of the statements a file makes about a URL, so a caller
// can build statements (and what it derives from them) once per identity
// instead of once per URL.
import { matchesPattern, normalizeTarget, pathAndQuery } from '@optout/core';
import type { PreferenceLine } from './preferences.js';
import { ROBOTS_PATH, ROBOTS_TXT_KEY } from './rules.js';
import type { RobotsContext, Selection } from './selection.js';
import { inferenceTokens, preferenceLines } from './statements.js';

/** What one token's keys depend on, worked out once per token. */
export interface KeyProfile {
  selection: Selection;
  /** Preference lines bound to a path; empty when the preferences are the same for every URL. */
  pathLines: readonly PreferenceLine[];
  /** Selections of the training tokens whose Disallow rules are read as inferred statements. */
  inferFrom: readonly Selection[];
}

/** The key profile of a token. */
export function keyProfile(robots: RobotsContext, productToken: string): KeyProfile {
  const selection = robots.select(productToken);
  const lines = preferenceLines(robots, selection);
  const pathLines = [...lines.usage, ...lines.signals].filter((line) => line.pattern !== undefined);
  // Only groups that name a training token infer anything (see `inferredStatements`).
  const inferFrom = inferenceTokens(robots, productToken)
    .map((token) => robots.select(token))
    .filter((s) => s.named);
  return { selection, pathLines, inferFrom };
}

// Index of the deciding rule in the selection's decision order; -1 when none
// matches; ROBOTS_TXT_KEY for /robots.txt, which no rule decides.
function ruleIndex(selection: Selection, target: string): number {
  return target === ROBOTS_PATH ? ROBOTS_TXT_KEY : selection.rules.patterns.firstMatch(target);
}

/**
 * The identity of a normalised target's statements for the profile's token:
 * the deciding rule; when the URL may be crawled, which path-bound preference
 * lines match; and the rule behind each inferred statement. A number (no
 * allocation) unless path-bound preference lines or inference are in play.
 */
function statementKey(profile: KeyProfile, target: string): number | string {
  const { selection, pathLines, inferFrom } = profile;
  const index = ruleIndex(selection, target);
  if (pathLines.length === 0 && inferFrom.length === 0) return index;
  let key = String(index);
  const allowed = index < 0 || selection.rules.rules[index]!.kind === 'allow';
  if (allowed && pathLines.length > 0) {
    key += ':';
    for (const line of pathLines) key += matchesPattern(line.pattern!, target) ? '1' : '0';
  }
  for (const training of inferFrom) {
    const hit = ruleIndex(training, target);
    key += hit >= 0 && training.rules.rules[hit]!.kind === 'disallow' ? `/${hit}` : '/';
  }
  return key;
}

/** `statementKey` for one token, worked out once: for a caller that keys many URLs. */
export interface StatementKeyer {
  /**
   * The statement key of a URL (absolute, or a path) for the keyer's token.
   * `mask` saves a scan when the caller has it: `cleanTargetMask` of `url`,
   * or of its path and query with the fragment still on.
   */
  key(url: string | URL, mask?: number): number | string;
}

/** The general keyer: path-bound preference lines or inferred statements are in play. */
class ProfileKeyer implements StatementKeyer {
  constructor(private readonly profile: KeyProfile) {}

  key(url: string | URL): number | string {
    return statementKey(this.profile, normalizeTarget(pathAndQuery(url)));
  }
}

/** The keyer of a token's profile: when only the crawl rule varies, its rule patterns. */
export function keyerOf(profile: KeyProfile): StatementKeyer {
  if (profile.pathLines.length > 0 || profile.inferFrom.length > 0) return new ProfileKeyer(profile);
  return profile.selection.rules.patterns;
}
