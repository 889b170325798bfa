import { readFileSync } from 'node:fs';
import type { Command } from './command.js';
import { commands } from './commands/index.js';
import { EXIT, UsageError } from './exit.js';
import type { Io } from './io.js';

const EXIT_CODES = `Exit codes:
  0    success: allowed (check), no errors (lint), signals agree (audit)
  1    a negative answer: disallowed (check), errors found (lint), contradictions (audit)
  2    usage error or unreadable input: nothing was decided
  3    a network fetch failed (online commands)
  130  interrupted by Ctrl-C (filter: run again with --resume)`;

/** The version in this package's package.json (the same path from src/ and dist/). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The top-level help: every command with its summary, then the exit codes. */
export function globalHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length), 4);
  const list = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return [
    'Usage: optout <command> [options]',
    '',
    'May this agent fetch this URL, and has the rights holder reserved it against',
    'text-and-data mining and AI training? Every answer says why.',
    '',
    'Commands:',
    ...list,
    '',
    'Run `optout <command> --help` for the options of one command.',
    '',
    EXIT_CODES,
    '',
  ].join('\n');
}

/** Run one command, turning usage errors into a message and exit code 2. */
async function runCommand(name: string, command: Command, argv: string[], io: Io): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${command.usage.trimEnd()}\n\n${EXIT_CODES}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`optout ${name}: ${error.message}\nRun \`optout ${name} --help\` for usage.\n`);
    return EXIT.usage;
  }
}

/**
 * The `optout` entry point: dispatch `argv` (without node and the script) to
 * a command and return the exit code. Unexpected errors are reported, with
 * the stack when `OPTOUT_DEBUG` is set, and exit with 2.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(globalHelp());
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h') {
    io.stdout.write(globalHelp());
    return EXIT.ok;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const name = first === 'help' ? rest[0] : first;
  const command = name === undefined ? undefined : Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command || !name) {
    if (first === 'help' && name === undefined) return main(['--help'], io);
    io.stderr.write(`optout: unknown command '${name}'. Run \`optout --help\` for the list.\n`);
    return EXIT.usage;
  }
  try {
    return await runCommand(name, await command.load(), first === 'help' ? ['--help'] : rest, io);
  } catch (error) {
    const detail = io.env.OPTOUT_DEBUG ? (error as Error).stack : (error as Error).message;
    io.stderr.write(`optout ${name}: unexpected error: ${detail}\n`);
    return EXIT.usage;
  }
}
