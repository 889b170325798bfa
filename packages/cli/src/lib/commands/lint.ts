import { type Diagnostic, decodeText } from '@optout/core';
import { oneOf, parseCommandArgs, requirePositionals } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../exit.js';
import { displayName, readInputFile } from '../files.js';
import { detectKind, LINT_KINDS, type LintKind } from '../lint/kinds.js';
import { type Style, styleFor, writeJson, writeLines } from '../output.js';

const OPTIONS = {
  kind: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const USAGE = `Usage: optout lint <file>... [--kind ${LINT_KINDS.join('|')}] [--json]

Check robots.txt, ai.txt, tdmrep.json, TDM policy and HTML files with
optout's own parsers, and print every finding as
  file:line:col: severity code message
The kind of each file is told from its name (robots.txt, ai.txt, tdmrep.json,
*.html) or else from its content; --kind sets it for every file.
Exit 1 when any file has an error, 0 otherwise (warnings do not fail).

Options:
  --kind <kind>   read every file as this kind
  --json          print [{ file, kind, diagnostics }]`;

interface LintResult {
  file: string;
  kind: LintKind;
  diagnostics: readonly Diagnostic[];
}

/** `file:line:col: severity code message`; without a line, `file: severity code message`. */
function formatDiagnostic(file: string, d: Diagnostic, style: Style): string {
  const where = d.line === undefined ? file : `${file}:${d.line}:${d.column ?? 1}`;
  const severity =
    d.severity === 'error'
      ? style.red(d.severity)
      : d.severity === 'warning'
        ? style.yellow(d.severity)
        : style.dim(d.severity);
  return `${where}: ${severity} ${d.code} ${d.message}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function ordered(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** `optout lint`: exit 1 when any diagnostic is an error. */
export const lint: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    const forced = oneOf(values.kind, LINT_KINDS, 'kind');
    const { lintDiagnostics } = await import('../lint/read.js');
    const results: LintResult[] = [];
    for (const file of requirePositionals(positionals, '<file>')) {
      const bytes = await readInputFile(io, file, 'lint');
      const kind = forced ?? detectKind(file, decodeText(bytes, 4096).text);
      if (!kind)
        throw new UsageError(
          `cannot tell what kind of file '${file}' is; give --kind ${LINT_KINDS.join('|')}`,
        );
      results.push({ file: displayName(file), kind, diagnostics: ordered(lintDiagnostics(kind, bytes)) });
    }
    const count = (severity: Diagnostic['severity']) =>
      results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === severity).length, 0);
    if (values.json) writeJson(io.stdout, results);
    else {
      const style = styleFor(io.stdout, io.env);
      writeLines(io.stdout, [
        ...results.flatMap((r) => r.diagnostics.map((d) => formatDiagnostic(r.file, d, style))),
        `${plural(results.length, 'file')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`,
      ]);
    }
    return count('error') ? EXIT.negative : EXIT.ok;
  },
};
