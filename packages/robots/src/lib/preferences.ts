// AI preference lines in robots.txt: IETF aipref `Content-Usage`
// (draft-ietf-aipref-attach-05 section 3, vocab-07) and Cloudflare
// `Content-Signal`. Both are an optional path, then a list of key=value pairs;
// they differ in syntax and in how a longer path overrides a shorter one.
import {
  type Category,
  compilePattern,
  type Diagnostic,
  matchesPattern,
  type PathPattern,
} from '@optout/core';
import { isInnerList, parseDictionary, Token } from 'structured-headers';

/** One preference of a line, in our vocabulary, with the signal's own label. */
export interface Preference {
  category: Category;
  value: 'allow' | 'disallow';
  label: string;
}

/** A parsed preference line. `preferences` is empty when its value did not parse. */
export interface PreferenceLine {
  line: number;
  raw: string;
  /** The path pattern as written, if the line has one. */
  path?: string;
  pattern?: PathPattern;
  /** Specificity: octets of the normalised path; 0 without a path. */
  rank: number;
  preferences: Preference[];
}

type Report = (diagnostic: Diagnostic) => void;

// vocab-07 labels; earlier drafts' labels are recognised only to say why they are ignored.
const USAGE_LABELS: Record<string, Category> = { 'train-ai': 'train-ai', search: 'search' };
const LEGACY_USAGE_LABELS = new Set([
  'all',
  'ai',
  'genai',
  'inference',
  'tdm',
  'train-genai',
  'ai-use',
  'bots',
  'ai-output',
]);
const SIGNAL_KEYS: Record<string, Category> = {
  'ai-train': 'train-ai',
  'ai-input': 'ai-input',
  search: 'search',
};

function splitPath(value: string): { path?: string; rest: string } {
  if (value.charCodeAt(0) !== 47) return { rest: value };
  const gap = value.search(/[ \t]/);
  if (gap < 0) return { path: value, rest: '' };
  return { path: value.slice(0, gap), rest: value.slice(gap).trim() };
}

function withPath(line: number, raw: string, path: string | undefined, preferences: Preference[]) {
  const result: PreferenceLine = { line, raw, rank: 0, preferences };
  if (path !== undefined) {
    result.path = path;
    result.pattern = compilePattern(path);
    result.rank = result.pattern.length;
  }
  return result;
}

/** Parse the value of a `Content-Usage` line: `[path SP] dictionary` with `y`/`n` tokens. */
export function parseContentUsage(value: string, line: number, raw: string, report: Report): PreferenceLine {
  const { path, rest } = splitPath(value);
  const preferences: Preference[] = [];
  let dictionary: ReturnType<typeof parseDictionary>;
  try {
    dictionary = parseDictionary(rest);
  } catch (error) {
    report({
      code: 'robots.content-usage.unparseable',
      severity: 'warning',
      message: `Content-Usage value is not an RFC 9651 dictionary, so every category stays unknown: ${(error as Error).message}`,
      line,
      raw,
    });
    return withPath(line, raw, path, preferences);
  }
  if (rest === '') {
    report({
      code: 'robots.content-usage.empty',
      severity: 'warning',
      message: 'Content-Usage line states no preference',
      line,
      raw,
    });
  }
  for (const [label, member] of dictionary) {
    const category = USAGE_LABELS[label];
    if (!category) {
      if (LEGACY_USAGE_LABELS.has(label)) {
        report({
          code: 'robots.content-usage.legacy-label',
          severity: 'info',
          message: `"${label}" comes from an earlier aipref vocabulary draft; vocab-07 ignores it`,
          line,
          raw,
        });
      }
      continue;
    }
    const item = isInnerList(member) ? undefined : member[0];
    const token = item instanceof Token ? item.toString() : undefined;
    if (token === 'y' || token === 'n') {
      preferences.push({ category, value: token === 'y' ? 'allow' : 'disallow', label });
    } else {
      report({
        code: 'robots.content-usage.invalid-value',
        severity: 'warning',
        message: `"${label}" needs the token y or n; this value leaves it unknown`,
        line,
        raw,
      });
    }
  }
  return withPath(line, raw, path, preferences);
}

/** Parse the value of a `Content-Signal` line: `[path SP] key=value, ...` with yes/no values. */
export function parseContentSignal(value: string, line: number, raw: string, report: Report): PreferenceLine {
  const { path, rest } = splitPath(value);
  const preferences: Preference[] = [];
  for (const member of rest.split(',')) {
    const eq = member.indexOf('=');
    const label = (eq < 0 ? member : member.slice(0, eq)).trim().toLowerCase();
    const written = eq < 0 ? '' : member.slice(eq + 1).trim();
    const category = SIGNAL_KEYS[label];
    if (!category) continue; // `use` is informational; unknown keys are ignored (section 5.1)
    const answer = written.toLowerCase();
    if (answer !== 'yes' && answer !== 'no') {
      report({
        code: 'robots.content-signal.invalid-value',
        severity: 'warning',
        message: `Content-Signal "${label}" needs yes or no`,
        line,
        raw,
      });
      continue;
    }
    if (answer !== written) {
      report({
        code: 'robots.content-signal.value-case',
        severity: 'info',
        message: `Content-Signal value "${written}" accepted as "${answer}"`,
        line,
        raw,
      });
    }
    preferences.push({ category, value: answer === 'yes' ? 'allow' : 'disallow', label });
  }
  return withPath(line, raw, path, preferences);
}

/** A preference that applies, with the line it came from. */
export interface AppliedPreference {
  preference: Preference;
  line: PreferenceLine;
}

function lineMatches(line: PreferenceLine, target: string): boolean {
  return !line.pattern || matchesPattern(line.pattern, target);
}

// Several lines of equal rank are all applied: per category, disallow wins.
function mostRestrictive(
  into: Map<Category, AppliedPreference>,
  line: PreferenceLine,
  preference: Preference,
) {
  const held = into.get(preference.category);
  if (!held || (held.preference.value === 'allow' && preference.value === 'disallow')) {
    into.set(preference.category, { preference, line });
  }
}

/**
 * Content-Usage: the longest matching path wins as a whole line; lines with
 * the same rank are combined, most restrictive first (attach-05 section 3).
 */
export function resolveWholeLine(lines: readonly PreferenceLine[], target: string): AppliedPreference[] {
  let best = -1;
  for (const line of lines) if (line.rank > best && lineMatches(line, target)) best = line.rank;
  const result = new Map<Category, AppliedPreference>();
  for (const line of lines) {
    if (line.rank !== best || !lineMatches(line, target)) continue;
    for (const preference of line.preferences) mostRestrictive(result, line, preference);
  }
  return [...result.values()];
}

/**
 * Content-Signal: per key, the longest matching line that names the key
 * decides, so a path line refines only the keys it mentions (SIGNALS 5.1).
 */
export function resolvePerKey(lines: readonly PreferenceLine[], target: string): AppliedPreference[] {
  const rank = new Map<Category, number>();
  const result = new Map<Category, AppliedPreference>();
  for (const line of lines) {
    if (!lineMatches(line, target)) continue;
    for (const preference of line.preferences) {
      const held = rank.get(preference.category) ?? -1;
      if (line.rank > held) {
        rank.set(preference.category, line.rank);
        result.set(preference.category, { preference, line });
      } else if (line.rank === held) {
        mostRestrictive(result, line, preference);
      }
    }
  }
  return [...result.values()];
}

/** Do two lines with the same path state opposite preferences for some category? */
export function contradicts(a: PreferenceLine, b: PreferenceLine): boolean {
  return a.preferences.some((p) =>
    b.preferences.some((q) => q.category === p.category && q.value !== p.value),
  );
}
