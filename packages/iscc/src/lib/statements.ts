// Registry matches as optout statements (source `iscc-registry`).
import type { Category, Statement } from '@optout/core';
import type { UsageKey } from './declarations.js';
import type { IsccMatch } from './registry.js';

/** TDM·AI usage keys onto optout categories. */
export const USAGE_CATEGORIES: Readonly<Record<UsageKey, Category>> = {
  all: 'tdm',
  'train-ai': 'train-ai',
  'train-genai': 'train-genai',
  'ai-use': 'ai-input',
  search: 'search',
};

function describe(match: IsccMatch): string {
  const { declaration } = match;
  const how = match.exact
    ? 'exact ISCC match'
    : `ISCC similarity match: ${match.units.map((u) => `${u.unit} distance ${u.distance}/64`).join(', ')}`;
  const who = declaration.declarer ? `, declared by ${declaration.declarer}` : '';
  const when = declaration.time ? ` at ${declaration.time}` : '';
  return `${how} with ${declaration.iscc}${who}${when}`;
}

/**
 * Statements for the declarations that matched: one per usage key set
 * (`"false"` disallow, `"true"` allow) and one `tdm` statement for a TDMRep
 * `tdm-reservation` (1 disallow, 0 allow). Evidence: the declaration line,
 * its line number, a JSON Pointer to the key, the registry URL; the note says
 * how the work matched (exact, or which units at which distance).
 */
export function matchStatements(matches: IsccMatch | readonly IsccMatch[]): Statement[] {
  const list: readonly IsccMatch[] = Array.isArray(matches) ? matches : [matches as IsccMatch];
  const statements: Statement[] = [];
  for (const match of list) {
    const { declaration } = match;
    const replaced = match.supersededBy ? `; superseded by ${match.supersededBy}` : '';
    const note = describe(match) + replaced;
    const supersededBy = match.supersededBy ? { supersededBy: match.supersededBy } : {};
    const evidence = (key: string): Statement['evidence'] => ({
      raw: declaration.raw,
      line: declaration.line,
      pointer: `${declaration.pointer}/${key}`,
      ...(match.registry || declaration.source ? { url: match.registry ?? declaration.source } : {}),
    });
    for (const [key, allowed] of Object.entries(declaration.usage) as [UsageKey, boolean][]) {
      statements.push({
        category: USAGE_CATEGORIES[key],
        value: allowed ? 'allow' : 'disallow',
        source: 'iscc-registry',
        scope: {},
        evidence: evidence(key),
        label: `${key}=${allowed}`,
        note,
        ...supersededBy,
      });
    }
    if (declaration.tdmReservation !== undefined) {
      const policy = declaration.tdmPolicy ? `; TDM policy ${declaration.tdmPolicy}` : '';
      statements.push({
        category: 'tdm',
        value: declaration.tdmReservation === 1 ? 'disallow' : 'allow',
        source: 'iscc-registry',
        scope: {},
        evidence: evidence('tdm-reservation'),
        label: `tdm-reservation=${declaration.tdmReservation}`,
        note: note + policy,
        ...supersededBy,
      });
    }
  }
  return statements;
}
