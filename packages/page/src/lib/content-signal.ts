import {
  type Category,
  compilePattern,
  type Diagnostic,
  type HeaderInput,
  headerValues,
  matchesPattern,
  normalizeTarget,
  pathAndQuery,
  type Statement,
} from '@optout/core';
import type { Reading } from './options.js';
import type { ResponseInfo } from './x-robots-tag.js';

// Cloudflare Content Signals Policy keys (SIGNALS §5.2).
const KEYS: Record<string, Category> = { 'ai-train': 'train-ai', 'ai-input': 'ai-input', search: 'search' };

/** One Content-Signal value, parsed. */
export interface ContentSignalValue {
  /** Leading path that scopes the signal, when the value has one. */
  path?: string;
  /** `key=value` pairs that map onto a category. */
  signals: { key: string; category: Category; value: 'allow' | 'disallow'; raw: string }[];
  /** `use=immediate|reference|full` (informational). */
  use?: string;
  diagnostics: Diagnostic[];
}

/**
 * Parse a Content-Signal value: `[/path SP] key=value *("," key=value)`.
 * Values `yes`/`no`; other cases are accepted with a warning; unknown keys and
 * values are ignored with a warning.
 */
export function parseContentSignal(value: string): ContentSignalValue {
  const out: ContentSignalValue = { signals: [], diagnostics: [] };
  let rest = value.trim();
  if (rest.startsWith('/')) {
    const space = rest.search(/[ \t]/);
    out.path = space < 0 ? rest : rest.slice(0, space);
    rest = space < 0 ? '' : rest.slice(space + 1);
  }
  for (const piece of rest.split(',')) {
    const pair = piece.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).trim().toLowerCase();
    const given = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (key === 'use') {
      out.use = given;
      continue;
    }
    const category = KEYS[key];
    if (!category) {
      const hint = key === 'train-ai' ? ' (aipref syntax belongs in Content-Usage)' : '';
      out.diagnostics.push(warn('content-signal.unknown-key', `Unknown key "${key}" ignored${hint}.`, pair));
      continue;
    }
    const lower = given.toLowerCase();
    if (lower !== 'yes' && lower !== 'no') {
      out.diagnostics.push(warn('content-signal.invalid-value', `"${key}" needs yes or no; ignored.`, pair));
      continue;
    }
    if (given !== lower) {
      out.diagnostics.push(warn('content-signal.value-case', `"${given}" read as "${lower}".`, pair));
    }
    out.signals.push({ key, category, value: lower === 'yes' ? 'allow' : 'disallow', raw: pair });
  }
  return out;
}

function warn(code: string, message: string, raw: string): Diagnostic {
  return { code, severity: 'warning', message, raw };
}

/**
 * Read `Content-Signal` response headers (seen on Cloudflare responses), a
 * statement about that response. A value with a leading path applies only when
 * the response URL matches it (when the URL is unknown it is applied, with
 * the path kept in evidence).
 */
export function readContentSignal(headers: HeaderInput, response: ResponseInfo = {}): Reading {
  const out: Reading = { statements: [], diagnostics: [] };
  for (const value of headerValues(headers, 'content-signal')) {
    const parsed = parseContentSignal(value);
    out.diagnostics.push(...parsed.diagnostics);
    if (parsed.path && response.url) {
      const target = normalizeTarget(pathAndQuery(response.url));
      if (!matchesPattern(compilePattern(parsed.path), target)) continue;
    }
    for (const signal of parsed.signals) {
      const s: Statement = {
        category: signal.category,
        value: signal.value,
        source: 'content-signal',
        scope: {},
        evidence: {
          raw: value,
          header: 'content-signal',
          ...(response.url ? { url: response.url } : {}),
          ...(parsed.path ? { pattern: parsed.path } : {}),
        },
        label: signal.raw,
      };
      out.statements.push(s);
    }
  }
  return out;
}
