import type { Command } from '../command.js';
import { auditCommand } from './audit.js';
import { check } from './check.js';
import { demoCommand } from './demo.js';
import { filterCommand } from './filter.js';
import { init } from './init.js';
import { inspect } from './inspect.js';
import { iscc } from './iscc.js';
import { lint } from './lint.js';
import { warcCommand } from './warc.js';

/**
 * Every `optout` subcommand by name, in the order `--help` lists them.
 * Adding one: write `commands/<name>.ts` exporting a `Command`, add a line
 * here, and a test under `test/`. `test/cli.test.ts` checks each entry has a
 * summary, a usage text and answers `--help`.
 */
export const commands: Record<string, Command> = {
  check,
  lint,
  init,
  inspect,
  iscc,
  filter: filterCommand,
  warc: warcCommand,
  audit: auditCommand,
  demo: demoCommand,
};
