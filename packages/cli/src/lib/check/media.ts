import type { Statement } from '@optout/core';
import { collect, type Gathered, type LocalFile } from './sources.js';

// TDMRep carriers embedded in a work: the last step of the TDMRep cascade (§1.5, §1.6).
const EMBEDDED_TDMREP = new Set<string>(['tdmrep.xmp', 'tdmrep.pdf', 'tdmrep.epub']);

/**
 * Add the signals embedded in a work (C2PA training-mining, IPTC Data Mining,
 * TDMRep in XMP) to what the origin files said. The work's own TDMRep value
 * is the last step of the TDMRep cascade: in `spec` mode it supersedes the
 * tdmrep.json, header and HTML values; in `conservative` mode every value
 * stays and any reservation wins. `@optout/media` loads only when a media
 * file is given.
 */
export async function addWorkSignals(
  file: LocalFile,
  out: Gathered,
  tdmrepMode: 'spec' | 'conservative',
): Promise<void> {
  const { readMedia } = await import('@optout/media');
  const report = readMedia(file.bytes, { fileName: file.path });
  const embedded = report.statements.find((s) => EMBEDDED_TDMREP.has(s.source) && s.category === 'tdm');
  if (embedded && tdmrepMode === 'spec') supersede(out.statements, embedded.source);
  collect(out, file, 'media', report.statements, report.diagnostics);
}

/** Mark the earlier TDMRep statements as replaced by a later cascade step. */
function supersede(statements: Statement[], by: string): void {
  for (const s of statements) {
    if (s.source.startsWith('tdmrep.') && s.category === 'tdm' && !s.supersededBy) s.supersededBy = by;
  }
}
