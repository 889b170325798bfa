import type { FieldLine } from './lines.js';

/** Which format a file named ai.txt turned out to be in. */
export type AiTxtFormat = 'spawning' | 'unrecognised';

/** What an unrecognised file looks like, for the diagnostic. */
export type LookAlike = 'yaml-front-matter' | 'markdown' | 'empty' | 'text';

const RULE_FIELDS = new Set(['user-agent', 'allow', 'disallow']);

/**
 * Spawning's format is robots.txt syntax: the file is accepted only when it has
 * a `User-Agent`, `Allow` or `Disallow` line and does not open with YAML front
 * matter (the aitxt.ing Markdown format, whose YAML may well have `allow:` keys).
 */
export function detectFormat(text: string, lines: readonly FieldLine[]): AiTxtFormat {
  if (startsWithFrontMatter(text)) return 'unrecognised';
  return lines.some((l) => RULE_FIELDS.has(l.field)) ? 'spawning' : 'unrecognised';
}

/** A best guess at what an unrecognised file is, to make the diagnostic useful. */
export function lookAlike(text: string): LookAlike {
  if (startsWithFrontMatter(text)) return 'yaml-front-matter';
  if (text.trim() === '') return 'empty';
  // A Markdown heading has a space after the hashes and sits beside prose or lists;
  // plain `#` comments alone do not make Markdown.
  if (/^#{1,6} \S/m.test(text) && /^(?!#)\S/m.test(text)) return 'markdown';
  return 'text';
}

function startsWithFrontMatter(text: string): boolean {
  return /^\s*---[ \t]*(\r\n|\r|\n)/.test(text);
}
