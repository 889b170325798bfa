import { decodeText, type Statement } from '@optout/core';
import type { IsccMatch } from '@optout/iscc';
import type { IsccForFileResult } from '@optout/iscc/node';
import { parseCommandArgs, requirePositionals } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../exit.js';
import { assertFile, readInputFile } from '../files.js';
import type { Io } from '../io.js';
import { type Style, styleFor, writeJson, writeLines } from '../output.js';

const OPTIONS = {
  registry: { type: 'string', short: 'r' },
  'media-type': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const USAGE = `Usage: optout iscc <file>... [--media-type <type>] [--json]
       optout iscc match <file>... --registry <declarations.jsonl> [--json]

Compute the ISCC (ISO 24138) of each file: the ISCC-CODE and its units (a
Content-Code for plain text, HTML, PNG and JPEG; Data-Code and Instance-Code
always). With "match", look each file up in a registry of opt-out
declarations (JSONL) by exact code and by per-unit Hamming distance, and
print the matches and the statements they make.

Options:
  -r, --registry <file>   the declarations (JSONL), for "match"
  --media-type <type>     text/plain, text/html, image/png, image/jpeg (default: detected)
  --json                  print [{ file, iscc, units, ... }]`;

/** A file's codes, in the shape both outputs use. */
interface Coded {
  file: string;
  iscc: string;
  mediaType?: string;
  units: Record<string, string>;
  diagnostics: IsccForFileResult['diagnostics'];
}

async function codeFile(io: Io, file: string, mediaType: string | undefined): Promise<Coded> {
  const path = await assertFile(io, file, 'iscc');
  const { isccForFile } = await import('@optout/iscc/node');
  const result = await isccForFile(path, mediaType ? { mediaType } : {});
  const units: Record<string, string> = {};
  for (const [name, unit] of Object.entries(result.units)) if (unit) units[name] = unit.iscc;
  return {
    file,
    iscc: result.iscc,
    ...(result.mediaType ? { mediaType: result.mediaType } : {}),
    units,
    diagnostics: result.diagnostics,
  };
}

function codeLines(coded: Coded, style: Style): string[] {
  const type = coded.mediaType ? ` (${coded.mediaType})` : '';
  const width = Math.max(...Object.keys(coded.units).map((name) => name.length));
  return [
    `${style.bold(coded.file)}: ${coded.iscc}${type}`,
    ...Object.entries(coded.units).map(([name, code]) => `  ${name.padEnd(width)}  ${code}`),
    ...coded.diagnostics.map((d) => `  ${style.yellow(d.severity)} ${d.code} ${d.message}`),
  ];
}

function matchLines(matches: readonly IsccMatch[], statements: readonly Statement[], style: Style): string[] {
  if (!matches.length) return ['  no declaration matches'];
  const lines = matches.map((m) => {
    const how = m.exact ? 'exact' : m.units.map((u) => `${u.unit} distance ${u.distance}`).join(', ');
    const by = m.declaration.declarer ? ` by ${m.declaration.declarer}` : '';
    return `  match: line ${m.declaration.line} ${m.declaration.iscc}${by} (${how})`;
  });
  lines.push('  statements:');
  for (const s of statements) {
    const value = s.value === 'disallow' ? style.red(s.value) : style.green(s.value);
    lines.push(`    ${style.cyan(s.source)}: ${s.category} ${value} [${s.label}] at line ${s.evidence.line}`);
  }
  return lines;
}

async function runMatch(
  io: Io,
  files: string[],
  registryPath: string | undefined,
  mediaType?: string,
  json?: boolean,
) {
  if (!registryPath) throw new UsageError('iscc match needs --registry <declarations.jsonl>');
  const text = decodeText(await readInputFile(io, registryPath, '--registry')).text;
  const { loadRegistry, matchStatements } = await import('@optout/iscc');
  const { registry, diagnostics } = loadRegistry(text, { url: registryPath });
  const results = [];
  for (const file of requirePositionals(files, '<file>')) {
    const coded = await codeFile(io, file, mediaType);
    const matches = registry.match(coded.iscc);
    results.push({ ...coded, matches, statements: matchStatements(matches) });
  }
  if (json) {
    writeJson(io.stdout, results);
    return;
  }
  const style = styleFor(io.stdout, io.env);
  for (const d of diagnostics.filter((d) => d.severity !== 'info')) {
    io.stderr.write(`${registryPath}:${d.line ?? 0}: ${d.severity} ${d.code} ${d.message}\n`);
  }
  writeLines(
    io.stdout,
    results.flatMap((r) => [...codeLines(r, style), ...matchLines(r.matches, r.statements, style), '']),
  );
}

/** `optout iscc` and `optout iscc match`: exit 0 when every file was coded, 2 on a usage or input error. */
export const iscc: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    const mediaType = values['media-type'];
    if (positionals[0] === 'match') {
      await runMatch(io, positionals.slice(1), values.registry, mediaType, values.json);
      return EXIT.ok;
    }
    if (values.registry !== undefined) throw new UsageError('--registry is for `optout iscc match`');
    const coded = [];
    for (const file of requirePositionals(positionals, '<file>'))
      coded.push(await codeFile(io, file, mediaType));
    if (values.json) writeJson(io.stdout, coded);
    else {
      const style = styleFor(io.stdout, io.env);
      writeLines(
        io.stdout,
        coded.flatMap((c) => [...codeLines(c, style), '']),
      );
    }
    return EXIT.ok;
  },
};
