import { CATEGORIES, decide } from '@optout/core';
import { oneOf, parseCommandArgs } from '../args.js';
import type { CheckFiles, LocalFile } from '../check/sources.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../exit.js';
import { displayName, readInputFile } from '../files.js';
import type { Io } from '../io.js';
import { styleFor, writeJson, writeLines } from '../output.js';

const OPTIONS = {
  agent: { type: 'string', short: 'a' },
  purpose: { type: 'string', short: 'p' },
  robots: { type: 'string' },
  'ai-txt': { type: 'string' },
  tdmrep: { type: 'string' },
  headers: { type: 'string' },
  html: { type: 'string' },
  media: { type: 'string' },
  rsl: { type: 'string', multiple: true },
  default: { type: 'string' },
  'robots-inference': { type: 'string' },
  'tdmrep-mode': { type: 'string' },
  'tdmrep-order': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Which `CheckFiles` entry each single-file source flag fills. */
const FILE_FLAGS: readonly [Exclude<keyof CheckFiles, 'rsl'>, string][] = [
  ['robots', 'robots'],
  ['aiTxt', 'ai-txt'],
  ['tdmrep', 'tdmrep'],
  ['headers', 'headers'],
  ['html', 'html'],
  ['media', 'media'],
];

const USAGE = `Usage: optout check <url> --agent <token> [source files] [options]

Decide offline whether <agent> may use <url> for a purpose, from local copies
of the site's files. Every given source is combined into one decision: the
most restrictive statement wins (TDMRep's file, header and meta first go
through TDMRep's own cascade).

Source files (at least one; '-' reads standard input: curl -sI <url> | optout check <url> … --headers -):
  --robots <file>        robots.txt (Allow/Disallow, Content-Usage, Content-Signal, AI agent groups)
  --ai-txt <file>        Spawning ai.txt
  --tdmrep <file>        /.well-known/tdmrep.json
  --headers <file>       a raw HTTP response header block (as printed by curl -i or curl -D)
  --html <file>          the HTML page (meta robots, noai, TDMRep meta, link elements)
  --media <file>         the work itself: an image, audio, video, PDF or SVG file (C2PA
                         training-mining, IPTC Data Mining, TDMRep in XMP)
  --rsl <file>           an RSL licence document, as a robots.txt License: line names it
                         (repeatable: several licences are alternative offers)

Options:
  -a, --agent <token>    the product token to decide for (GPTBot, CCBot, MyBot, ...) (required)
  -p, --purpose <p>      ${CATEGORIES.join('|')} (default: train-ai)
  --default <d>          what an unknown status becomes: allow|disallow (default: allow)
  --robots-inference <i> none|vendor|any-training-token (default: vendor): whether a
                         Disallow for a training crawler counts against training
  --tdmrep-mode <m>      spec|conservative (default: spec; conservative: any 1 wins)
  --tdmrep-order <o>     first|longest: which tdmrep.json rule applies (default: first,
                         as the spec says; longest: as robots.txt)
  --json                 print the Decision JSON`;

/** Read the given source files; at least one is required. */
async function readFiles(io: Io, values: Readonly<Record<string, unknown>>): Promise<CheckFiles> {
  const files: CheckFiles = {};
  for (const [key, flag] of FILE_FLAGS) {
    const path = values[flag];
    if (typeof path !== 'string') continue;
    const file: LocalFile = { path: displayName(path), bytes: await readInputFile(io, path, `--${flag}`) };
    files[key] = file;
  }
  const licenses = (values.rsl as string[] | undefined) ?? [];
  if (licenses.length)
    files.rsl = await Promise.all(
      licenses.map(async (path) => ({
        path: displayName(path),
        bytes: await readInputFile(io, path, '--rsl'),
      })),
    );
  if (Object.keys(files).length === 0) {
    throw new UsageError(
      'give at least one source file: --robots, --ai-txt, --tdmrep, --headers, --html, --media or --rsl',
    );
  }
  return files;
}

function targetUrl(positionals: string[]): string {
  if (positionals.length !== 1)
    throw new UsageError(positionals.length ? 'give exactly one URL' : 'missing <url>');
  const raw = positionals[0]!;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`not an absolute URL: '${raw}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`not an http(s) URL: '${raw}'`);
  return url.href;
}

/** `optout check`: exit 0 when allowed, 1 when disallowed, 2 on a usage or input error. */
export const check: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    const url = targetUrl(positionals);
    const agent = values.agent?.trim();
    if (!agent) throw new UsageError('missing --agent <token>');
    const purpose = oneOf(values.purpose, CATEGORIES, 'purpose') ?? 'train-ai';
    const fallback = oneOf(values.default, ['allow', 'disallow'], 'default') ?? 'allow';
    const robotsInference =
      oneOf(values['robots-inference'], ['none', 'vendor', 'any-training-token'], 'robots-inference') ??
      'vendor';
    const tdmrepMode = oneOf(values['tdmrep-mode'], ['spec', 'conservative'], 'tdmrep-mode') ?? 'spec';
    const tdmrepOrder = oneOf(values['tdmrep-order'], ['first', 'longest'], 'tdmrep-order') ?? 'first';
    const files = await readFiles(io, values);

    // The parsers load only when a command needs them, so `optout --help` and other commands start fast.
    const { gatherStatements } = await import('../check/sources.js');
    const { renderDecision } = await import('../check/render.js');
    const gathered = gatherStatements(files, { url, agent, robotsInference, tdmrepMode, tdmrepOrder });
    if (files.media)
      await (await import('../check/media.js')).addWorkSignals(files.media, gathered, tdmrepMode);
    const decision = decide({
      url,
      agent,
      purpose,
      statements: gathered.statements,
      errors: gathered.errors,
      defaultForUnknown: fallback,
    });
    if (values.json) writeJson(io.stdout, decision);
    else writeLines(io.stdout, renderDecision(decision, gathered.diagnostics, styleFor(io.stdout, io.env)));
    return decision.allowed ? EXIT.ok : EXIT.negative;
  },
};
