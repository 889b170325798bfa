import type { CommandEntry } from '../command.js';

/**
 * Every `optout` subcommand by name, in the order `--help` lists them. A
 * command's module is loaded only when it runs, so `optout check` does not pay
 * for the parquet, WARC and HTTP code of `filter`.
 * Adding one: write `commands/<name>.ts` exporting a `Command`, add an entry
 * here, and a test under `test/`. `test/cli.test.ts` checks each entry has a
 * summary, a usage text and answers `--help`.
 */
export const commands: Record<string, CommandEntry> = {
  check: {
    summary:
      'decide offline whether an agent may use a URL, from local robots.txt, ai.txt, tdmrep.json, headers, HTML',
    load: async () => (await import('./check.js')).check,
  },
  lint: {
    summary: 'check robots.txt, ai.txt, tdmrep.json, TDM policies and HTML: file:line:col diagnostics',
    load: async () => (await import('./lint.js')).lint,
  },
  init: {
    summary:
      'write a consistent set of opt-out files: robots.txt block, ai.txt, tdmrep.json, meta tags, header snippets',
    load: async () => (await import('./init.js')).init,
  },
  inspect: {
    summary: 'show the work-level signals in media files: C2PA training-mining, IPTC Data Mining, TDMRep XMP',
    load: async () => (await import('./inspect.js')).inspect,
  },
  iscc: {
    summary: 'compute ISCC codes of files, or match them against a registry of opt-out declarations',
    load: async () => (await import('./iscc.js')).iscc,
  },
  filter: {
    summary: 'split a URL list (txt, csv, jsonl, parquet) into allowed and rejected',
    load: async () => (await import('./filter.js')).filterCommand,
  },
  warc: {
    summary: 'decide offline for the records of WARC files, and write a filtered WARC',
    load: async () => (await import('./warc.js')).warcCommand,
  },
  audit: {
    summary: 'show how every AI agent sees a site, contradictions between its signals, and fixes',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  demo: {
    summary: 'run audit and filter against a local example site (no internet needed)',
    load: async () => (await import('./demo.js')).demoCommand,
  },
};
