import type { Diagnostic } from '@optout/core';

/** One `field: value` line of an ai.txt file. */
export interface FieldLine {
  /** Field name, lower-cased. */
  field: string;
  /** Value with comment and surrounding whitespace removed. */
  value: string;
  /** The line as written. */
  raw: string;
  /** 1-based line number. */
  line: number;
}

/**
 * Split ai.txt text into field lines, robots.txt style: `#` starts a comment,
 * field names are case-insensitive. Lines without a colon are skipped: Spawning's
 * generator leaves stray `/` lines and ASCII-art, which say nothing.
 */
export function readFieldLines(text: string, diagnostics: Diagnostic[]): FieldLine[] {
  const out: FieldLine[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (content === '') continue;
    const colon = content.indexOf(':');
    if (colon < 0) {
      if (content !== '/') {
        diagnostics.push({
          code: 'aitxt.no-colon',
          severity: 'info',
          message: 'Line has no "field: value" form and is ignored.',
          line: i + 1,
          raw,
        });
      }
      continue;
    }
    const field = content.slice(0, colon).trim().toLowerCase();
    out.push({ field, value: content.slice(colon + 1).trim(), raw, line: i + 1 });
  }
  return out;
}
