import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { oneOf, parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../exit.js';
import { resolvePath } from '../files.js';
import { type Asker, askUntilValid, terminalAsker } from '../init/ask.js';
import {
  generateOptOutFiles,
  type InitChoices,
  knownTrainingAgents,
  type Reserve,
} from '../init/generate.js';
import type { Io } from '../io.js';
import { writeLines } from '../output.js';

const OPTIONS = {
  reserve: { type: 'string' },
  agents: { type: 'string' },
  policy: { type: 'string' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean', short: 'f' },
} as const;

const RESERVES = ['all', 'train-ai', 'none'] as const;

const USAGE = `Usage: optout init [--reserve all|train-ai|none] [--agents <tokens>|known-training]
                   [--policy <url>] [--out <dir>] [--force]

Write a consistent set of opt-out files that all say the same thing: the AI
block of robots.txt, ai.txt, .well-known/tdmrep.json, HTML meta tags, and
response-header snippets for nginx, Apache and Express. On a terminal, missing
choices are asked for; otherwise the defaults apply.

Options:
  --reserve <r>      all: reserve all text-and-data mining (TDMRep 1, Content-Usage
                     train-ai=n, noai); train-ai: reserve AI training only (no TDMRep:
                     it cannot say "training only"); none: state that nothing is
                     reserved (default: all)
  --agents <list>    comma-separated product tokens to block in robots.txt, or
                     known-training: every training crawler and control token in
                     optout's registry (default: known-training)
  --policy <url>     absolute URL of your TDM policy (tdm-policy), with --reserve all
  -o, --out <dir>    where to write (default: optout-files)
  -f, --force        overwrite existing files`;

const TOKEN = /^[A-Za-z0-9._-]+$/;

function parseAgents(value: string): string[] {
  if (value.trim() === 'known-training') return knownTrainingAgents();
  const agents = value
    .split(',')
    .map((agent) => agent.trim())
    .filter(Boolean);
  const bad = agents.filter((agent) => !TOKEN.test(agent));
  if (bad.length)
    throw new UsageError(`--agents: not a product token: ${bad.map((b) => `'${b}'`).join(', ')}`);
  if (!agents.length) throw new UsageError('--agents: give at least one product token, or known-training');
  return agents;
}

function checkPolicy(policy: string | undefined): string | undefined {
  if (policy === undefined || policy === '') return undefined;
  try {
    const url = new URL(policy);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {}
  throw new UsageError(`--policy must be an absolute http(s) URL (got '${policy}')`);
}

/** A flag's value, else the answer to a question on a terminal, else the default; then parsed. */
async function choose<T>(
  given: string | undefined,
  asker: Asker | undefined,
  question: string,
  fallback: string,
  parse: (answer: string) => T,
): Promise<T> {
  if (given !== undefined || !asker) return parse(given ?? fallback);
  return askUntilValid(asker, question, fallback, parse);
}

/** Fill the choices the flags left open: ask on a terminal, else take the defaults. */
async function complete(
  given: { reserve?: Reserve; agents?: string; policy?: string },
  asker: Asker | undefined,
): Promise<InitChoices> {
  const reserve = await choose(
    given.reserve,
    asker,
    'Reserve which uses? all, train-ai or none',
    'all',
    (a) => oneOf(a, RESERVES, 'reserve')!,
  );
  const agents =
    reserve === 'none'
      ? []
      : await choose(
          given.agents,
          asker,
          'Block which crawlers in robots.txt? Tokens separated by commas, or known-training',
          'known-training',
          parseAgents,
        );
  const policy = await choose(
    given.policy,
    reserve === 'all' ? asker : undefined,
    'URL of your TDM policy, if you have one',
    '',
    checkPolicy,
  );
  return { reserve, agents, ...(policy ? { policy } : {}) };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** `optout init`: writes the files; exit 2 when a file exists and --force is not given. */
export const init: Command = {
  usage: USAGE,
  async run(argv, io: Io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const reserve = oneOf(values.reserve, RESERVES, 'reserve');
    const interactive = io.stdin?.isTTY === true && (reserve === undefined || values.agents === undefined);
    const asker = interactive && io.stdin ? terminalAsker(io.stdin, io.stderr) : undefined;
    let choices: InitChoices;
    try {
      choices = await complete({ reserve, agents: values.agents, policy: values.policy }, asker);
    } finally {
      asker?.close();
    }
    if (choices.policy && choices.reserve !== 'all') {
      io.stderr.write(`optout init: --policy is only written with --reserve all; ignored.\n`);
      delete choices.policy;
    }

    const outDir = resolvePath(io, values.out ?? 'optout-files');
    const files = generateOptOutFiles(choices);
    if (!values.force) {
      const taken = [];
      for (const file of files) if (await exists(join(outDir, file.path))) taken.push(file.path);
      if (taken.length)
        throw new UsageError(`${taken.join(', ')} already exist in ${outDir}; use --force to overwrite`);
    }
    for (const file of files) {
      const target = join(outDir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    const shown = relative(io.cwd, outDir) || '.';
    const width = Math.max(...files.map((file) => file.path.length));
    writeLines(io.stdout, [
      `Wrote ${files.length} files to ${shown} (reserve: ${choices.reserve}${choices.agents.length ? `, ${choices.agents.length} agents blocked` : ''}):`,
      ...files.map((file) => `  ${file.path.padEnd(width)}  ${file.use}`),
      ...(choices.reserve === 'train-ai'
        ? ['No tdmrep.json: TDMRep reserves all mining or none, and cannot say "AI training only".']
        : []),
      'Check the result with `optout lint` and `optout check`.',
    ]);
    return EXIT.ok;
  },
};
