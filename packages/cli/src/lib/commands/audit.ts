import { writeFileSync } from 'node:fs';
import { parseCommandArgs, requirePositionals } from '../args.js';
import { evaluate, matrixAgents } from '../audit/evaluate.js';
import { fetchSite } from '../audit/fetch.js';
import { findings } from '../audit/findings.js';
import { type AuditResult, auditHtml, auditJson } from '../audit/report.js';
import { auditText } from '../audit/text.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../exit.js';
import { resolvePath } from '../files.js';
import type { Io } from '../io.js';
import { styleFor, writeJson, writeLines } from '../output.js';

const OPTIONS = {
  html: { type: 'string' },
  json: { type: 'boolean' },
  'all-agents': { type: 'boolean' },
  pages: { type: 'string' },
  'user-agent': { type: 'string' },
  resolve: { type: 'string', multiple: true },
} as const;

const USAGE = `Usage: optout audit <site-url> [--html report.html] [--json] [options]

Read a site the way AI crawlers do (robots.txt with its AI lines, ai.txt,
/.well-known/tdmrep.json, the page and a few pages it links to, their headers
and meta tags) and show, for each known AI agent, whether it may crawl, train
on, use as AI input, or index the site, with the evidence that decides each
answer; then every contradiction between the signals and the fix for it.

Options:
  --html <file>          also write the report as one self-contained HTML file
  --json                 print the audit as JSON instead of text
  --all-agents           every known agent, not only the major vendors' and the ones robots.txt names
  --pages <n>            linked pages to read besides <site-url> (default: 4)
  --user-agent <ua>      User-Agent sent (default: optout-audit/1.0)
  --resolve <h:p:addr>   connect host:port to addr (like curl), repeatable

Exit 0 when the signals agree, 1 when contradictions or problems were found.`;

/** Audit a site: fetch, evaluate, find contradictions. */
export async function auditSite(
  site: string,
  options: { resolve?: string[]; allAgents?: boolean; pages?: number; userAgent?: string },
): Promise<AuditResult> {
  const snapshot = await fetchSite(site, {
    userAgent: options.userAgent ?? 'optout-audit/1.0',
    ...(options.resolve ? { resolve: options.resolve } : {}),
    ...(options.pages !== undefined ? { extraPages: options.pages } : {}),
  });
  const named = snapshot.robots.body ? robotsAgents(new TextDecoder().decode(snapshot.robots.body)) : [];
  const evaluation = evaluate(snapshot, matrixAgents(named, options.allAgents));
  return {
    snapshot,
    evaluation,
    findings: findings(snapshot, evaluation),
    generatedAt: new Date().toISOString(),
  };
}

/** Product tokens named by `User-agent` lines. */
function robotsAgents(text: string): string[] {
  return [...text.matchAll(/^\s*user-agent\s*:\s*([^\s#]+)/gim)].map((m) => m[1]!);
}

function siteUrl(value: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`only http(s) sites: ${value}`);
  return url.href;
}

/** The `optout audit` command. */
export const auditCommand: Command = {
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    const [site] = requirePositionals(positionals, 'site URL');
    const pages = values.pages === undefined ? undefined : Number(values.pages);
    if (pages !== undefined && !(Number.isInteger(pages) && pages >= 0)) {
      throw new UsageError(`--pages must be a whole number (got '${values.pages}')`);
    }
    let result: AuditResult;
    try {
      result = await auditSite(siteUrl(site!), {
        resolve: values.resolve,
        allAgents: values['all-agents'],
        pages,
        userAgent: values['user-agent'],
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError((error as Error).message);
    }
    const main = result.snapshot.pages[0]!;
    if (main.status === undefined) {
      io.stderr.write(`audit: cannot reach ${main.url}: ${main.error}\n`);
      return EXIT.fetch;
    }
    if (values.html) {
      const path = resolvePath(io, values.html);
      writeFileSync(path, auditHtml(result));
      io.stderr.write(`audit: HTML report written to ${path}\n`);
    }
    if (values.json) writeJson(io.stdout, auditJson(result));
    else writeLines(io.stdout, auditText(result, styleFor(io.stdout, io.env)));
    const serious = result.findings.some((f) => f.kind !== 'suggestion');
    return serious ? EXIT.negative : EXIT.ok;
  },
};
