import {
  assertArg,
  compilePattern,
  decodeText,
  type Evidence,
  matchesPattern,
  normalizePattern,
  normalizeTarget,
  type PathPattern,
  pathAndQuery,
} from '@optout/core';
import { isAbsoluteUrl } from './properties.js';
import type { TdmDiagnostic, TdmValue } from './types.js';

/** Options for `parseTdmrepFile`. */
export interface TdmrepFileOptions {
  /** URL the file was read from, copied into the evidence. */
  url?: string;
  /** `strict` (default) reads only what the spec allows; `lenient` also reads shapes seen in the wild, with warnings. */
  mode?: 'strict' | 'lenient';
  /** `first` (default, the spec): first matching rule in array order; `longest`: longest pattern, as robots.txt. */
  order?: 'first' | 'longest';
  /** Bytes read at most; the rest is cut with an error. Default 512000 (500 KiB). */
  maxBytes?: number;
}

/** One valid rule of a tdmrep.json file. */
export interface TdmRule {
  /** Position among the valid rules: the order first-match follows. `pointer` locates it in the file. */
  index: number;
  /** The `location` pattern as written. */
  location: string;
  pattern: PathPattern;
  reservation: 0 | 1;
  policy?: string;
  /** JSON Pointer of the rule in the document. */
  pointer: string;
  /** True when only lenient mode could read it. */
  lenient: boolean;
  /** What `lookup` returns when this rule decides. */
  value: TdmValue;
}

/** The rule that applies to one URL, and the rule the other order would have picked when they disagree. */
export interface TdmMatch {
  rule?: TdmRule;
  value?: TdmValue;
  /** Set when first-match and longest-match pick rules that say different things. */
  alternative?: TdmRule;
  diagnostics: TdmDiagnostic[];
}

/** A parsed `/.well-known/tdmrep.json`. */
export interface TdmrepFile {
  rules: TdmRule[];
  diagnostics: TdmDiagnostic[];
  /** The file conforms to the spec: a JSON array whose every rule is valid. */
  valid: boolean;
  /** The reservation (and policy) for a URL, or undefined when no rule matches. */
  lookup(url: string | URL): TdmValue | undefined;
  /** Like `lookup`, with the deciding rule and a diagnostic when rule order matters. */
  match(url: string | URL): TdmMatch;
}

const KNOWN_KEYS = new Set(['location', 'tdm-reservation', 'tdm-policy']);

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Everything one parse needs to remember while reading rules.
class Reader {
  readonly rules: TdmRule[] = [];
  readonly diagnostics: TdmDiagnostic[] = [];
  conforms = true;

  constructor(
    readonly lenient: boolean,
    readonly url: string | undefined,
  ) {}

  report(code: string, severity: TdmDiagnostic['severity'], message: string, pointer?: string, raw?: string) {
    if (severity !== 'info') this.conforms = false;
    const d: TdmDiagnostic = {
      code,
      severity,
      message: pointer === undefined ? message : `${pointer}: ${message}`,
    };
    if (pointer !== undefined) d.pointer = pointer;
    if (raw !== undefined) d.raw = raw;
    this.diagnostics.push(d);
  }

  // The reservation of a rule, coerced in lenient mode; undefined skips the rule.
  reservation(value: unknown, pointer: string): { value: 0 | 1; lenient: boolean } | undefined {
    if (value === 0 || value === 1) return { value, lenient: false };
    const at = `${pointer}/tdm-reservation`;
    if (value === undefined) {
      this.report('tdmrep.missing-value', 'error', 'rule has no tdm-reservation; it is skipped', at);
      return undefined;
    }
    const coerced = value === true || value === '1' ? 1 : value === false || value === '0' ? 0 : undefined;
    const raw = JSON.stringify(value);
    if (this.lenient && coerced !== undefined) {
      this.report(
        'tdmrep.lenient-value',
        'warning',
        `tdm-reservation must be the number 0 or 1; ${raw} (${typeName(value)}) is read as ${coerced} in lenient mode`,
        at,
        raw,
      );
      return { value: coerced, lenient: true };
    }
    this.report(
      'tdmrep.invalid-value',
      'error',
      `tdm-reservation must be the number 0 or 1, got ${raw} (${typeName(value)}); the rule is skipped`,
      at,
      raw,
    );
    return undefined;
  }

  location(value: unknown, pointer: string): { value: string; lenient: boolean } | undefined {
    const at = `${pointer}/location`;
    if (value === undefined) {
      this.report('tdmrep.missing-location', 'error', 'rule has no location; it is skipped', at);
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      const what = typeof value === 'string' ? 'empty' : `a ${typeName(value)}`;
      this.report(
        'tdmrep.invalid-location',
        'error',
        `location must be a non-empty string, got ${what}; the rule is skipped`,
        at,
        JSON.stringify(value),
      );
      return undefined;
    }
    if (value.startsWith('/') || value.startsWith('*')) return { value, lenient: false };
    if (this.lenient && isAbsoluteUrl(value)) {
      const path = pathAndQuery(value);
      this.report(
        'tdmrep.location-not-path',
        'warning',
        `location must be a path pattern; the URL ${JSON.stringify(value)} is read as ${JSON.stringify(path)} in lenient mode`,
        at,
        value,
      );
      return { value: path, lenient: true };
    }
    this.report(
      'tdmrep.location-not-path',
      'warning',
      `location ${JSON.stringify(value)} does not start with "/" or "*", so it can never match a URL path`,
      at,
      value,
    );
    return { value, lenient: false };
  }

  policy(value: unknown, pointer: string): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && isAbsoluteUrl(value.trim())) return value.trim();
    this.report(
      'tdmrep.invalid-policy',
      'warning',
      `tdm-policy must be an absolute URL, got ${JSON.stringify(value)}; the rule is kept without it`,
      `${pointer}/tdm-policy`,
      JSON.stringify(value),
    );
    return undefined;
  }

  rule(node: unknown, pointer: string, locationOverride?: string): void {
    if (!isObject(node)) {
      this.report(
        'tdmrep.rule-not-object',
        'error',
        `a rule must be an object, got ${typeName(node)}`,
        pointer,
      );
      return;
    }
    for (const key of Object.keys(node)) {
      if (!KNOWN_KEYS.has(key)) {
        this.report('tdmrep.unknown-key', 'info', `unknown key ${JSON.stringify(key)} is ignored`, pointer);
      }
    }
    const location = this.location(locationOverride ?? node.location, pointer);
    const reservation = this.reservation(node['tdm-reservation'], pointer);
    if (!location || !reservation) return;
    const policy = this.policy(node['tdm-policy'], pointer);
    this.add(
      node,
      pointer,
      location.value,
      reservation.value,
      policy,
      location.lenient || reservation.lenient,
    );
  }

  add(
    node: unknown,
    pointer: string,
    location: string,
    reservation: 0 | 1,
    policy: string | undefined,
    lenient: boolean,
  ) {
    const evidence: Evidence = { raw: JSON.stringify(node), pointer, pattern: location };
    if (this.url !== undefined) evidence.url = this.url;
    const value: TdmValue = { reservation, source: 'tdmrep.file', evidence };
    if (policy !== undefined) value.policy = policy;
    const rule: TdmRule = {
      index: this.rules.length,
      location,
      pattern: compilePattern(location),
      reservation,
      pointer,
      lenient,
      value,
    };
    if (policy !== undefined) rule.policy = policy;
    this.rules.push(rule);
  }

  // Lenient reading of an object root: `{"tdm-reservation": …}` is one
  // site-wide rule; `{"/path": {…}}` is one rule per key, most specific first
  // (the author of a map cannot have meant an order).
  objectRoot(root: Record<string, unknown>): void {
    if ('tdm-reservation' in root) {
      this.rule(root, '', '/');
      return;
    }
    const keys = Object.keys(root)
      .filter((key) => key.startsWith('/') || key.startsWith('*'))
      .map((key) => ({ key, length: normalizePattern(key).length }))
      .sort((a, b) => b.length - a.length);
    for (const { key } of keys) this.rule(root[key], `/${escapePointer(key)}`, key);
  }
}

function parseJson(text: string, reader: Reader): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') {
    reader.report('tdmrep.empty-file', 'error', 'the file is empty');
    return { ok: false };
  }
  if (/^\s*</.test(text)) {
    reader.report(
      'tdmrep.not-json',
      'error',
      'the file looks like HTML or XML, not JSON (a soft 404?); it is treated as absent',
    );
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    reader.report('tdmrep.invalid-json', 'error', `the file is not valid JSON: ${(error as Error).message}`);
    return { ok: false };
  }
}

function readRoot(root: unknown, reader: Reader): void {
  if (Array.isArray(root)) {
    root.forEach((node, i) => {
      reader.rule(node, `/${i}`);
    });
    return;
  }
  const lenientOk = reader.lenient && isObject(root);
  reader.report(
    'tdmrep.root-not-array',
    lenientOk ? 'warning' : 'error',
    `the file must be a JSON array of rules, got ${typeName(root)}; ` +
      (lenientOk ? 'lenient mode reads what it can' : 'the file is treated as absent'),
  );
  if (lenientOk) reader.objectRoot(root as Record<string, unknown>);
}

function targetOf(url: string | URL): string {
  assertArg(typeof url === 'string' || url instanceof URL, 'url must be a string or a URL');
  return normalizeTarget(pathAndQuery(url));
}

function firstMatch(rules: readonly TdmRule[], target: string): TdmRule | undefined {
  for (const rule of rules) if (matchesPattern(rule.pattern, target)) return rule;
  return undefined;
}

// Longest pattern wins; among equally long ones, the earlier.
function longestMatch(rules: readonly TdmRule[], target: string): TdmRule | undefined {
  let best: TdmRule | undefined;
  for (const rule of rules) {
    if ((!best || rule.pattern.length > best.pattern.length) && matchesPattern(rule.pattern, target))
      best = rule;
  }
  return best;
}

function disagree(a: TdmRule, b: TdmRule): boolean {
  return a.reservation !== b.reservation || a.policy !== b.policy;
}

/**
 * Parse a `/.well-known/tdmrep.json` file (TDMRep "TDM File on the Origin Server"): a JSON array
 * of `{location, tdm-reservation, tdm-policy?}` rules. Invalid rules are
 * skipped with diagnostics that carry a JSON Pointer; a root that is not an
 * array makes the file absent unless `mode: 'lenient'`. Matching uses the
 * shared RFC 9309 matcher on path plus query. Never throws on bad input.
 */
export function parseTdmrepFile(input: string | Uint8Array, options: TdmrepFileOptions = {}): TdmrepFile {
  const mode = options.mode ?? 'strict';
  const order = options.order ?? 'first';
  assertArg(
    mode === 'strict' || mode === 'lenient',
    `mode must be 'strict' or 'lenient', got ${String(mode)}`,
  );
  assertArg(
    order === 'first' || order === 'longest',
    `order must be 'first' or 'longest', got ${String(order)}`,
  );
  assertArg(
    typeof input === 'string' || input instanceof Uint8Array,
    'input must be a string or a Uint8Array',
  );
  const reader = new Reader(mode === 'lenient', options.url);
  const decoded = decodeText(input, options.maxBytes ?? 512_000);
  if (decoded.truncated) {
    reader.report('tdmrep.truncated', 'error', `the file is larger than ${decoded.bytes} bytes and was cut`);
  }
  const parsed = parseJson(decoded.text, reader);
  if (parsed.ok) readRoot(parsed.value, reader);
  const rules = reader.rules;
  const pick = order === 'first' ? firstMatch : longestMatch;
  const other = order === 'first' ? longestMatch : firstMatch;
  return {
    rules,
    diagnostics: reader.diagnostics,
    valid: parsed.ok && reader.conforms,
    lookup: (url) => pick(rules, targetOf(url))?.value,
    match(url) {
      const target = targetOf(url);
      const rule = pick(rules, target);
      if (!rule) return { diagnostics: [] };
      const alternative = other(rules, target)!;
      if (!disagree(rule, alternative)) return { rule, value: rule.value, diagnostics: [] };
      const diagnostic: TdmDiagnostic = {
        code: 'tdmrep.rule-order-ambiguity',
        severity: 'warning',
        message:
          `${order}-match picks rule ${rule.pointer} (${rule.location} -> ${rule.reservation}), ` +
          `${order === 'first' ? 'longest' : 'first'}-match would pick rule ${alternative.pointer} ` +
          `(${alternative.location} -> ${alternative.reservation})`,
        pointer: rule.pointer,
      };
      return { rule, value: rule.value, alternative, diagnostics: [diagnostic] };
    },
  };
}
