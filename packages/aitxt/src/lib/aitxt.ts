import {
  assertArg,
  type Diagnostic,
  decodeText,
  normalizeTarget,
  pathAndQuery,
  type Statement,
} from '@optout/core';
import { type AiTxtFormat, detectFormat, lookAlike } from './format.js';
import { readFieldLines } from './lines.js';
import { bestMatches } from './match.js';
import { buildGroups, type Group, indexGroups, type Rule, selectRules } from './rules.js';

/** Options for `parseAiTxt`. */
export interface AiTxtOptions {
  /** URL the file was fetched from; copied into evidence. */
  url?: string;
  /**
   * Match extension globs (`*.jpg`) case-insensitively, so `.JPG` counts.
   * Default false: Spawning's files are robots.txt patterns, which are case-sensitive.
   */
  caseInsensitive?: boolean;
  /** Bytes read at most; the rest is cut with a warning. Default 500 KiB. */
  maxBytes?: number;
}

/** Why a URL gets the answer it gets. */
export interface AiTxtExplanation {
  /** `allow` / `disallow` for `train-ai`, or `unknown` when no rule matches (or the file is not ai.txt). */
  value: 'allow' | 'disallow' | 'unknown';
  /** The product tokens of the group used (`['*']` for the catch-all group). */
  agents: string[];
  /** The deciding rule. */
  rule?: { directive: 'allow' | 'disallow'; value: string; pattern: string; line: number; raw: string };
  /**
   * `extension`: an extension glob decided; `root`: the `/` (or bare `*`) rule decided,
   * which Spawning's generator writes from the Text choice; `pattern`: any other rule.
   */
  matchedBy?: 'extension' | 'root' | 'pattern';
  /** Whether case-insensitive extension matching applied. */
  caseInsensitive: boolean;
  /** Set when the answer would differ if extensions were compared case-insensitively (or did differ). */
  hint?: string;
}

/** A parsed ai.txt file. */
export interface AiTxt {
  /** `spawning` when the file is in Spawning's robots.txt-style format; otherwise nothing is read from it. */
  readonly format: AiTxtFormat;
  readonly diagnostics: readonly Diagnostic[];
  /** The groups as written, in order. */
  readonly groups: readonly Group[];
  /** `train-ai` statements for a URL (none when no rule matches). */
  statements(url: string | URL, productToken?: string): Statement[];
  /** The reasoning behind `statements`. */
  explain(url: string | URL, productToken?: string): AiTxtExplanation;
}

const DEFAULT_MAX_BYTES = 500 * 1024;

/**
 * Parse a Spawning ai.txt file. Never throws on bad input: files in another
 * format that share the name come back with `format: 'unrecognised'`, no
 * statements and a diagnostic.
 */
export function parseAiTxt(input: string | Uint8Array, options: AiTxtOptions = {}): AiTxt {
  assertArg(typeof input === 'string' || input instanceof Uint8Array, 'input must be a string or Uint8Array');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  assertArg(Number.isInteger(maxBytes) && maxBytes > 0, 'maxBytes must be a positive integer');
  const diagnostics: Diagnostic[] = [];
  const decoded = decodeText(input, maxBytes);
  if (decoded.truncated) {
    diagnostics.push({
      code: 'aitxt.truncated',
      severity: 'warning',
      message: `File is larger than ${maxBytes} bytes; the rest was not read.`,
    });
  }
  const lineDiagnostics: Diagnostic[] = [];
  const lines = readFieldLines(decoded.text, lineDiagnostics);
  const format = detectFormat(decoded.text, lines);
  if (format === 'unrecognised') {
    diagnostics.push({
      code: 'aitxt.unrecognised-format',
      severity: 'warning',
      message: `Not a Spawning ai.txt (looks like ${lookAlike(decoded.text)}); no User-Agent/Allow/Disallow lines were read.`,
    });
    return makeAiTxt(format, diagnostics, [], options);
  }
  diagnostics.push(...lineDiagnostics);
  const groups = buildGroups(lines, diagnostics);
  return makeAiTxt(format, diagnostics, groups, options);
}

function makeAiTxt(
  format: AiTxtFormat,
  diagnostics: Diagnostic[],
  groups: Group[],
  options: AiTxtOptions,
): AiTxt {
  const caseInsensitive = options.caseInsensitive ?? false;
  const index = indexGroups(groups);
  const explain = (url: string | URL, productToken?: string): AiTxtExplanation => {
    assertArg(typeof url === 'string' || url instanceof URL, 'url must be a string or URL');
    const { agents, rules } = selectRules(index, productToken);
    const matches = bestMatches(rules, normalizeTarget(pathAndQuery(url)));
    const rule = caseInsensitive ? matches.insensitive : matches.sensitive;
    const other = caseInsensitive ? matches.sensitive : matches.insensitive;
    const out: AiTxtExplanation = { value: rule?.directive ?? 'unknown', agents, caseInsensitive };
    if (rule) {
      out.rule = {
        directive: rule.directive,
        value: rule.value,
        pattern: rule.pattern.source,
        line: rule.line,
        raw: rule.raw,
      };
      out.matchedBy = rule.folded ? 'extension' : rule.pattern.normalized === '/' ? 'root' : 'pattern';
    }
    const hint = caseHint(rule, other, caseInsensitive);
    if (hint) out.hint = hint;
    return out;
  };
  const statements = (url: string | URL, productToken?: string): Statement[] => {
    const why = explain(url, productToken);
    if (!why.rule || why.value === 'unknown') return [];
    const statement: Statement = {
      category: 'train-ai',
      value: why.value,
      source: 'aitxt',
      scope: why.agents.includes('*') ? {} : { agents: why.agents },
      evidence: { raw: why.rule.raw, line: why.rule.line, pattern: why.rule.pattern },
      label: why.rule.directive === 'allow' ? 'Allow' : 'Disallow',
    };
    if (options.url) statement.evidence.url = options.url;
    const note = [
      why.matchedBy === 'root' ? 'the "/" rule follows the Text choice of Spawning\'s generator' : '',
      why.hint ?? '',
    ]
      .filter(Boolean)
      .join('; ');
    if (note) statement.note = note;
    return [statement];
  };
  return { format, diagnostics, groups, statements, explain };
}

// Tell the caller when the case of the extension changes the answer, so a
// `.JPG` that slipped past `*.jpg` does not go unnoticed.
function caseHint(
  rule: Rule | undefined,
  other: Rule | undefined,
  caseInsensitive: boolean,
): string | undefined {
  const value = rule?.directive ?? 'unknown';
  const otherValue = other?.directive ?? 'unknown';
  if (value === otherValue) return undefined;
  if (caseInsensitive) {
    return `matched "${rule?.value}" only ignoring case; case-sensitive matching gives ${otherValue}`;
  }
  return `"${other?.value}" (line ${other?.line}) matches if case is ignored, giving ${otherValue}; see the caseInsensitive option`;
}
