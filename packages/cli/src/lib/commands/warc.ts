import { closeSync, openSync, writeSync } from 'node:fs';
import { CATEGORIES } from '@optout/core';
import { oneOf, parseCommandArgs, requirePositionals } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../exit.js';
import { resolvePath } from '../files.js';
import { openGate } from '../filter/gate.js';
import { summaryText } from '../filter/summary.js';
import type { Io } from '../io.js';
import { runWarc } from '../warc/run.js';

const OPTIONS = {
  agent: { type: 'string', short: 'a' },
  purpose: { type: 'string', short: 'p' },
  default: { type: 'string' },
  decisions: { type: 'string' },
  out: { type: 'string', short: 'o' },
  online: { type: 'boolean' },
  'user-agent': { type: 'string' },
  resolve: { type: 'string', multiple: true },
} as const;

const USAGE = `Usage: optout warc <file.warc.gz>... --agent <token> [options]

Decide, offline, for every HTTP response captured in WARC files (1.0 and 1.1,
gzip or plain) whether <agent> may use it: from its stored headers
(X-Robots-Tag, tdm-reservation, Content-Usage, Link) and HTML (meta robots,
TDMRep meta), with the robots.txt, tdmrep.json and ai.txt captured for the
same origin in the given files.

Options:
  -a, --agent <token>     product token the decisions are for (required)
  -p, --purpose <p>       ${CATEGORIES.join('|')} (default: train-ai)
  --default <d>           what an unknown status becomes: allow|disallow (default: allow)
  --decisions <file>      one Decision (JSON) per evaluated record
  -o, --out <file>        write a filtered WARC (.gz: gzip members) with the allowed
                          records, their request/metadata records and warcinfo
  --online                also check each origin live through the gate
  --user-agent <ua>       User-Agent for --online
  --resolve <h:p:addr>    connect host:port to addr for --online (like curl), repeatable`;

/** The `optout warc` command. */
export const warcCommand: Command = {
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    const files = requirePositionals(positionals, 'WARC file').map((f) => resolvePath(io, f));
    if (!values.agent) throw new UsageError('--agent <token> is required');
    const purpose = oneOf(values.purpose, CATEGORIES, 'purpose') ?? 'train-ai';
    const defaultForUnknown = oneOf(values.default, ['allow', 'disallow'], 'default');
    const gate = values.online
      ? await openGate({
          agent: values.agent,
          userAgent: values['user-agent'],
          purpose,
          defaultForUnknown,
          resolve: values.resolve,
        })
      : undefined;
    const decisions = values.decisions ? openSync(resolvePath(io, values.decisions), 'w') : undefined;
    try {
      const summary = await runWarc({
        files,
        agent: values.agent,
        purpose,
        defaultForUnknown,
        ...(values.out ? { out: resolvePath(io, values.out) } : {}),
        ...(gate ? { online: (url: string) => gate.check(url) } : {}),
        onDecision: (decision) => {
          if (decisions !== undefined) writeSync(decisions, JSON.stringify(decision) + '\n');
        },
      }).catch((error: unknown) => {
        throw (error as { code?: string }).code === 'ENOENT'
          ? new UsageError((error as Error).message)
          : error;
      });
      io.stdout.write(summaryText(summary).replace('URLs checked', 'records checked'));
      return EXIT.ok;
    } finally {
      if (decisions !== undefined) closeSync(decisions);
      await gate?.close();
    }
  },
};
