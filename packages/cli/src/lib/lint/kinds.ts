import { basename, extname } from 'node:path';

/** The files `optout lint` understands. */
export const LINT_KINDS = ['robots', 'aitxt', 'tdmrep', 'tdm-policy', 'html'] as const;

/** One kind of file `optout lint` reads. */
export type LintKind = (typeof LINT_KINDS)[number];

const BY_NAME: [RegExp, LintKind][] = [
  [/robots\.txt$/i, 'robots'],
  [/^ai\.txt$/i, 'aitxt'],
  [/tdmrep\.json$/i, 'tdmrep'],
];

/**
 * What kind of file this is: by its well-known name first (`robots.txt`,
 * `ai.txt`, `tdmrep.json`), then by its content: a JSON array is a
 * tdmrep.json, a JSON object with ODRL keys a TDM policy (any other object is
 * read as a malformed tdmrep.json, a shape seen in the wild), markup is HTML,
 * and `User-agent` lines are robots.txt. Undefined when nothing fits.
 */
export function detectKind(path: string, text: string): LintKind | undefined {
  const name = basename(path);
  for (const [pattern, kind] of BY_NAME) if (pattern.test(name)) return kind;
  const extension = extname(name).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'tdmrep';
  if (start.startsWith('{'))
    return /"(@context|permission|@type|profile)"\s*:/.test(start) ? 'tdm-policy' : 'tdmrep';
  if (/^<(!doctype html|html|head|meta)\b/i.test(start)) return 'html';
  if (/^\s*user-agent\s*:/im.test(start)) return 'robots';
  return undefined;
}
