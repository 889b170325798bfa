import { collect, type Gathered, type LocalFile } from './sources.js';

/**
 * Add the signals embedded in a work (C2PA training-mining, IPTC Data Mining,
 * TDMRep in XMP) to what the origin files said. `@optout/media` loads only
 * when a media file is given.
 */
export async function addWorkSignals(file: LocalFile, out: Gathered): Promise<void> {
  const { readMedia } = await import('@optout/media');
  const report = readMedia(file.bytes, { fileName: file.path });
  collect(out, file, 'media', report.statements, report.diagnostics);
}
