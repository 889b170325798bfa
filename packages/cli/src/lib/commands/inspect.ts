import { basename } from 'node:path';
import { decodeText, type Statement } from '@optout/core';
import type { MediaReport } from '@optout/media';
import { parseCommandArgs, requirePositionals } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit.js';
import { readInputFile } from '../files.js';
import { type Style, styleFor, writeJson, writeLines } from '../output.js';

const OPTIONS = {
  json: { type: 'boolean' },
  validate: { type: 'boolean' },
  'trust-anchors': { type: 'string' },
} as const;

const USAGE = `Usage: optout inspect <file>... [--validate [--trust-anchors <pem>]] [--json]

Print the work-level signals embedded in media files: the C2PA
training-mining assertion (which entry, which category, constrained or not),
whether each assertion still matches the hash its claim recorded (integrity),
IPTC Data Mining and TDMRep in XMP, and references to remote manifests.
The file's format is told from its bytes, not its name (JPEG, PNG, WebP, WAV,
HEIF/AVIF/MP4, MP3, SVG, PDF, TIFF, GIF, a .c2pa sidecar).

Options:
  --validate              also validate signatures, certificate chains and bindings
                          with c2pa-rs (@contentauth/c2pa-wasm; no network)
  --trust-anchors <pem>   PEM trust anchors for --validate; without them a sound
                          signature is reported as untrusted
  --json                  print [{ file, ...report }] with every statement and diagnostic`;

function statementLine(s: Statement, style: Style): string {
  const value = s.value === 'disallow' ? style.red(s.value) : style.green(s.value);
  const label = s.label ? ` [${s.label}]` : '';
  const where = s.evidence.path ? ` at ${s.evidence.path}` : '';
  const conditions = s.conditions?.length ? ` (conditions: ${s.conditions.join(', ')})` : '';
  return `    ${style.cyan(s.source)}: ${s.category} ${value}${label}${conditions}${where}`;
}

/** The human report of one file. */
function render(file: string, report: MediaReport, style: Style): string[] {
  const lines = [`${style.bold(file)}: ${report.format}`];
  const manifest = report.manifest;
  if (manifest) {
    const claim = manifest.claimVersion ? `, claim v${manifest.claimVersion}` : '';
    lines.push(
      `  C2PA: ${manifest.from} manifest store, ${manifest.manifestCount} manifest(s), active ${manifest.activeLabel}${claim}`,
    );
    const integrity = report.integrity === 'hash-mismatch' ? style.red(report.integrity) : report.integrity;
    const codes = report.validationCodes?.length ? ` (${report.validationCodes.join(', ')})` : '';
    lines.push(`  integrity: ${integrity}; validation: ${report.validation}${codes}`);
    for (const tm of manifest.trainingMining) {
      lines.push(`  ${tm.label} (${tm.integrity}):`);
      for (const entry of tm.entries) {
        const info = entry.constraintInfo ? ` (${entry.constraintInfo})` : '';
        lines.push(`    ${entry.key}: ${entry.use}${entry.category ? ` -> ${entry.category}` : ''}${info}`);
      }
    }
    if (!manifest.trainingMining.length) lines.push('  no training-mining assertion in the active manifest');
  } else lines.push('  no C2PA manifest');
  for (const remote of report.remote ?? [])
    lines.push(`  remote manifest (via ${remote.via}): ${remote.url}`);
  if (report.statements.length)
    lines.push('  statements:', ...report.statements.map((s) => statementLine(s, style)));
  else lines.push('  statements: none (every category unknown)');
  for (const d of report.diagnostics.filter((d) => d.severity !== 'info')) {
    lines.push(
      `  ${d.severity === 'error' ? style.red(d.severity) : style.yellow(d.severity)} ${d.code} ${d.message}`,
    );
  }
  return lines;
}

/** `optout inspect`: exit 0 when every file was read, 2 when one cannot be. */
export const inspect: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    const files = requirePositionals(positionals, '<file>');
    const anchors = values['trust-anchors'];
    const trustAnchors =
      anchors === undefined
        ? undefined
        : decodeText(await readInputFile(io, anchors, '--trust-anchors')).text;
    const { inspectMedia } = await import('@optout/media');
    const reports: (MediaReport & { file: string })[] = [];
    for (const file of files) {
      const bytes = await readInputFile(io, file, 'inspect');
      const report = await inspectMedia(bytes, {
        fileName: basename(file),
        validate: values.validate === true,
        ...(trustAnchors === undefined ? {} : { trustAnchors }),
      });
      reports.push({ file, ...report });
    }
    if (values.json) writeJson(io.stdout, reports);
    else {
      const style = styleFor(io.stdout, io.env);
      writeLines(
        io.stdout,
        reports.flatMap((report) => [...render(report.file, report, style), '']),
      );
    }
    return EXIT.ok;
  },
};
