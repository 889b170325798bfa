import { type Category, type Diagnostic, type HeaderInput, headerValues, type Statement } from '@optout/core';
import { type Dictionary, parseDictionary, Token } from 'structured-headers';
import type { Reading } from './options.js';
import { type PageOptions, resolveOptions } from './options.js';
import type { ResponseInfo } from './x-robots-tag.js';

// vocab-07 §6: the two labels it defines.
const LABELS: Record<string, Category> = { 'train-ai': 'train-ai', search: 'search' };

// Labels of earlier drafts (SIGNALS §4.1 history), read only with `legacyLabels`.
const LEGACY: Record<string, { categories: Category[]; draft: string }> = {
  tdm: { categories: ['tdm'], draft: 'vocab-00/-01' },
  ai: { categories: ['train-ai'], draft: 'vocab-00/-01' },
  genai: { categories: ['train-genai'], draft: 'vocab-00/-01' },
  inference: { categories: ['ai-input'], draft: 'vocab-00/-01' },
  all: { categories: ['tdm', 'search'], draft: 'vocab-02' },
  'train-genai': { categories: ['train-genai'], draft: 'vocab-02/-03' },
  'ai-use': { categories: ['ai-input'], draft: 'vocab-02' },
  bots: { categories: ['tdm', 'search'], draft: 'vocab-03/-04' },
  'ai-output': { categories: ['ai-input'], draft: 'vocab-04' },
};

/**
 * Parse an aipref preference value (RFC 9651 Dictionary, vocab-07 §6) with the
 * `structured-headers` library. A parse failure (an uppercase key, a trailing
 * comma) yields no statements and an error: every category stays unknown.
 */
export function readUsagePreferences(
  value: string,
  evidence: Statement['evidence'],
  options?: PageOptions,
): Reading {
  const resolved = resolveOptions(options);
  const out: Reading = { statements: [], diagnostics: [] };
  let dictionary: Dictionary;
  try {
    dictionary = parseDictionary(value);
  } catch (error) {
    out.diagnostics.push({
      code: 'content-usage.parse-error',
      severity: 'error',
      message: `Not an RFC 9651 Dictionary, so every preference is unknown: ${(error as Error).message}`,
      raw: value,
    });
    return out;
  }
  for (const [key, member] of dictionary) {
    const item = member[0];
    const legacy = LEGACY[key];
    const categories = LABELS[key] ? [LABELS[key]] : legacy && resolved.legacyLabels ? legacy.categories : [];
    if (legacy) out.diagnostics.push(legacyDiagnostic(key, legacy.draft, resolved.legacyLabels, value));
    if (!categories.length) continue;
    const preference = item instanceof Token ? item.toString() : undefined;
    if (preference !== 'y' && preference !== 'n') {
      out.diagnostics.push({
        code: 'content-usage.invalid-value',
        severity: 'warning',
        message: `"${key}" needs the token y or n; this value leaves it unknown.`,
        raw: value,
      });
      continue;
    }
    for (const category of categories) {
      const s: Statement = {
        category,
        value: preference === 'y' ? 'allow' : 'disallow',
        source: 'content-usage',
        scope: {},
        evidence: { ...evidence },
        label: `${key}=${preference}`,
      };
      if (legacy) s.note = `legacy aipref label (${legacy.draft}), read with the legacyLabels option`;
      out.statements.push(s);
    }
  }
  return out;
}

function legacyDiagnostic(key: string, draft: string, mapped: boolean, raw: string): Diagnostic {
  return {
    code: 'content-usage.legacy-label',
    severity: 'warning',
    message: mapped
      ? `"${key}" is a label of aipref ${draft}; mapped because legacyLabels is on.`
      : `"${key}" is a label of aipref ${draft}, ignored by vocab-07 (see the legacyLabels option).`,
    raw,
  };
}

/**
 * Read the `Content-Usage` response header (aipref attach-05 §2). Several
 * field lines are combined with ", " before parsing, as HTTP requires.
 */
export function readContentUsage(
  headers: HeaderInput,
  response: ResponseInfo = {},
  options?: PageOptions,
): Reading {
  const lines = headerValues(headers, 'content-usage');
  if (!lines.length) return { statements: [], diagnostics: [] };
  const value = lines.join(', ');
  const evidence = { raw: value, header: 'content-usage', ...(response.url ? { url: response.url } : {}) };
  return readUsagePreferences(value, evidence, options);
}
