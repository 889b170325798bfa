import { parseAiTxt } from '@optout/aitxt';
import { type Diagnostic, decodeText } from '@optout/core';
import { readPage } from '@optout/page';
import { parseRobots } from '@optout/robots';
import { parsePolicy, parseTdmrepFile, readTdmHtml } from '@optout/tdmrep';
import { locatePointer } from './json-position.js';
import type { LintKind } from './kinds.js';

/**
 * The diagnostics our own parser gives for a file of this kind. JSON
 * diagnostics that carry only a JSON Pointer get the line and column of the
 * value it names (or of its nearest existing parent).
 */
export function lintDiagnostics(kind: LintKind, bytes: Uint8Array): readonly Diagnostic[] {
  const found = parserDiagnostics(kind, bytes);
  if (kind !== 'tdmrep' && kind !== 'tdm-policy') return found;
  const text = decodeText(bytes).text;
  return found.map((d) => {
    const pointer = (d as { pointer?: string }).pointer;
    if (d.line !== undefined || pointer === undefined) return d;
    const at = locateNearest(text, pointer);
    return at ? { ...d, ...at } : d;
  });
}

function locateNearest(text: string, pointer: string) {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const at = locatePointer(text, p);
    if (at || p === '') return at;
  }
}

function parserDiagnostics(kind: LintKind, bytes: Uint8Array): readonly Diagnostic[] {
  switch (kind) {
    case 'robots':
      return parseRobots(bytes).diagnostics;
    case 'aitxt':
      return parseAiTxt(bytes).diagnostics;
    case 'tdmrep':
      return parseTdmrepFile(bytes).diagnostics;
    case 'tdm-policy':
      return parsePolicy(decodeText(bytes).text).diagnostics;
    case 'html': {
      const html = decodeText(bytes).text;
      return [...readPage({ html, contentType: 'text/html' }).diagnostics, ...readTdmHtml(html).diagnostics];
    }
  }
}
