import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandArgs } from '../args.js';
import { auditHtml, auditJson } from '../audit/report.js';
import { auditText } from '../audit/text.js';
import type { Command } from '../command.js';
import { sampleUrls } from '../demo/sample.js';
import {
  EXAMPLE_PRESS,
  OPEN_SITE,
  type RunningSite,
  startSite,
  TDMREP_ONLY_SITE,
  UNREACHABLE_SITE,
} from '../demo/site.js';
import { EXIT } from '../exit.js';
import { resolvePath } from '../files.js';
import { openGate } from '../filter/gate.js';
import { runFilter } from '../filter/run.js';
import { summaryJson, summaryMarkdown, summaryText } from '../filter/summary.js';
import type { Io } from '../io.js';
import { styleFor, writeLines } from '../output.js';
import { auditSite } from './audit.js';

const OPTIONS = {
  'out-dir': { type: 'string' },
  agent: { type: 'string' },
} as const;

const USAGE = `Usage: optout demo [--out-dir .optout-demo] [--agent DemoBot]

Start a small example site on 127.0.0.1 (robots.txt with AI groups and
Content-Usage / Content-Signal lines, ai.txt, tdmrep.json, pages with
headers and meta tags) and three more loopback sites, audit the example site,
filter a sample URL list over all four, and print where the reports are.
No internet needed.

Options:
  --out-dir <dir>   where the reports go (default: .optout-demo)
  --agent <token>   the product token the filter runs as (default: DemoBot)`;

/** The `optout demo` command. */
export const demoCommand: Command = {
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values } = parseCommandArgs(argv, OPTIONS);
    const dir = resolvePath(io, values['out-dir'] ?? '.optout-demo');
    mkdirSync(dir, { recursive: true });
    const agent = values.agent ?? 'DemoBot';
    const style = styleFor(io.stdout, io.env);
    const sites: RunningSite[] = [];
    try {
      for (const routes of [EXAMPLE_PRESS, OPEN_SITE, UNREACHABLE_SITE, TDMREP_ONLY_SITE])
        sites.push(await startSite(routes));
      const [press, open, unreachable, tdmrepOnly] = sites.map((s) => s.origin) as [
        string,
        string,
        string,
        string,
      ];
      io.stdout.write(style.bold(`Example Press is running at ${press}/\n\n`));

      const audit = await auditSite(`${press}/`, {});
      const html = join(dir, 'audit.html');
      writeFileSync(html, auditHtml(audit));
      writeFileSync(join(dir, 'audit.json'), JSON.stringify(auditJson(audit), null, 2) + '\n');
      writeLines(io.stdout, auditText(audit, style));

      const list = join(dir, 'sample-urls.txt');
      writeFileSync(list, sampleUrls({ press, open, unreachable, tdmrepOnly }));
      const out = join(dir, 'allowed.txt');
      const gate = await openGate({ agent, purpose: 'train-ai' });
      io.stdout.write(style.bold(`\noptout filter ${list} --agent ${agent} --purpose train-ai\n`));
      const result = await runFilter({
        input: list,
        out,
        rejected: join(dir, 'rejected.txt'),
        decisions: join(dir, 'decisions.jsonl'),
        agent,
        purpose: 'train-ai',
        check: (url) => gate.check(url),
        onInputError: (message) => io.stdout.write(`  error: ${message}\n`),
      }).finally(() => gate.close());
      writeFileSync(join(dir, 'summary.json'), JSON.stringify(summaryJson(result.summary), null, 2) + '\n');
      writeFileSync(join(dir, 'summary.md'), summaryMarkdown(result.summary));
      io.stdout.write(summaryText(result.summary));
      writeLines(io.stdout, [
        '',
        style.bold('Reports:'),
        `  audit (open in a browser)  ${html}`,
        `  audit JSON                 ${join(dir, 'audit.json')}`,
        `  allowed / rejected URLs    ${out}, ${join(dir, 'rejected.txt')}`,
        `  decisions, one per URL     ${join(dir, 'decisions.jsonl')}`,
        `  training-data summary      ${join(dir, 'summary.md')} (and summary.json)`,
      ]);
      return EXIT.ok;
    } finally {
      await Promise.all(sites.map((s) => s.close()));
    }
  },
};
